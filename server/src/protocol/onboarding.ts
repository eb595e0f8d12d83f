// The onboarding requests of the protocol: "why?" answers, the decision graph for the panel (with its picture drawn
// by the server), and the tour for the walkthrough. Re-exported by protocol.ts, which is what the client imports.
import { RequestType } from 'vscode-languageserver-protocol';
import type { DecisionsParams, RelatedDecision } from '../protocol';

export interface WhyParams {
  /** A free-text question: "why kafka connect", "why not a managed feature store". */
  question: string;
  folder?: string;
  limit?: number;
}

export interface WhyAnswerItem {
  id: string;
  /** "ADR-0007 Kafka Connect and Debezium …" */
  label: string;
  status?: string;
  uri: string;
  path: string;
  /** The line of the answering sentence (else the title line), 1-based. */
  line: number;
  /** The sentence that answers, as plain text. */
  sentence?: string;
  section?: string;
  /** Set when this decision is listed because it replaced a match: that decision's id. */
  successorOf?: string;
  supersededBy: RelatedDecision[];
}
export const WhyRequest = new RequestType<WhyParams, WhyAnswerItem[], void>('archlens/why');

export interface GraphParams {
  folder?: string;
  /** Add the code folders the decisions govern, and the views. */
  code?: boolean;
  /** Which decisions the picture shows (all when omitted). */
  filter?: GraphFilter;
}

/** Decisions by tag, folder (and its subfolders) and status; other nodes are kept when linked to a kept decision. */
export interface GraphFilter {
  tag?: string;
  folder?: string;
  status?: string;
}

export interface GraphNodeItem {
  id: string;
  kind: 'decision' | 'view' | 'folder';
  label: string;
  status?: string;
  tags: string[];
  /** Folder of the decision file, for the folder filter. */
  folder: string;
  uri: string;
  line: number;
}

export interface GraphResult {
  /** The whole graph (the filter does not apply): for the panel's filter choices and to open a clicked node. */
  nodes: GraphNodeItem[];
  edges: { from: string; to: string; kind: string }[];
  /** The picture of what the filter keeps, as SVG (the renderer of `archlens graph --format svg`), or a notice. */
  svg: string;
}
export const GraphRequest = new RequestType<GraphParams, GraphResult, void>('archlens/graph');

export interface TourItemData {
  label: string;
  detail?: string;
  uri: string;
  line: number;
}

export interface TourStepData {
  id: string;
  kind: string;
  title: string;
  text: string;
  uri: string;
  line: number;
  items: TourItemData[];
}

export interface TourResult {
  title: string;
  steps: TourStepData[];
}
export const TourRequest = new RequestType<DecisionsParams, TourResult, void>('archlens/tour');
