// The custom messages between the Archlens extension and its language server: one module, imported by both.
// Only plain JSON types and constants here, nothing of the core: what the client shows in the server's words (an id
// written as ADR-0007, the lifecycle order of statuses, which patterns are globs, the graph's picture) comes in
// the server's answers, so the two cannot disagree.
import { NotificationType, RequestType, type WorkspaceEdit } from 'vscode-languageserver-protocol';

// The onboarding requests (why, the decision graph, the tour), in a module of their own; the client still imports
// only this one.
export * from './protocol/onboarding';

export const SETTINGS_SECTION = 'archlens';

/** Options the client passes in `initializationOptions`. */
export interface InitializationOptions {
  /**
   * True in a trusted workspace. When false, or absent and the server was not started with `--trusted`, the
   * server never runs git and never proposes file writes (limited mode).
   */
  trusted?: boolean;
  /** The extension's global storage: git sources of `.archlens.yml` are cloned below it (not read without it). */
  storagePath?: string;
  /**
   * The `archlens` settings of each workspace folder (by URI) as the editor has them when it starts the server: the
   * first index of those folders uses them instead of asking with `workspace/configuration` first (a round trip to
   * an editor that is busy starting). Later changes arrive as usual.
   */
  settings?: Record<string, Record<string, unknown>>;
}

export type IndexState = 'indexing' | 'ready' | 'error';

/**
 * Where a folder is in its start-up: listing and reading documents, then `scanning` source files for references
 * (decisions, terms and views already answer; diagnostics wait for the scan), then `reading-history` when git
 * history is still being read (references and diagnostics answer; staleness follows), then ready. `error` when
 * indexing failed.
 */
export type FolderPhase = 'indexing' | 'scanning' | 'reading-history' | 'ready' | 'error';

/** An internal failure the server survived: it logged the stack to its output and kept serving. */
export interface ServerProblem {
  /** What failed, e.g. "hover" or "indexing data-platform", and the error's message. */
  message: string;
  /** Failures since the server started. */
  count: number;
}

export interface HistoryStatus {
  state: 'ready' | 'off';
  /** Why staleness is off: pending (not read yet), untrusted, no-git, not-a-repository, shallow, no-commits, error. */
  reason?: string;
  message?: string;
}

/** Sent after every index change of a workspace folder, and when history becomes available or not. */
export interface StatusParams {
  folder: string;
  state: IndexState;
  decisions: number;
  terms: number;
  views: number;
  problems: number;
  stale: number;
  history: HistoryStatus;
  /** True in an untrusted workspace (limited mode). */
  limited: boolean;
  /** Increases with each index change of this folder. */
  version: number;
  /** While indexing: files read so far of those listed. */
  progress?: { done: number; total: number };
  message?: string;
  /** The start-up phase; absent from servers that predate it (treat `ready` as fully ready). */
  phase?: FolderPhase;
  /** True once git history has been read (or is off for good): stale counts are final from then on. */
  historyReady?: boolean;
  /** The latest internal failure, when the server survived one. */
  problem?: ServerProblem;
}
export const StatusNotification = new NotificationType<StatusParams>('archlens/status');

export interface DecisionItem {
  id: string;
  number?: number;
  /** The id as every front writes it (`ADR-0007`); absent when the decision has no number. */
  reference?: string;
  /** What a person may type to find it: its id and every way its number is written (`7`, `0007`, `ADR-7`). */
  names: string[];
  title: string;
  status?: string;
  /** The status's place in the decision lifecycle (proposed before accepted before superseded …), for ordering. */
  statusRank?: number;
  statusText?: string;
  date?: string;
  uri: string;
  path: string;
  line: number;
  folder: string;
  tags: string[];
  deciders: string[];
  supersedes: RelatedDecision[];
  supersededBy: RelatedDecision[];
  amends: RelatedDecision[];
  amendedBy: RelatedDecision[];
  governs: string[];
  /** Those of `governs` that are globs (the rest name a file or a folder). */
  globs: string[];
  /** The decision in a few lines, as plain text (markup removed): for tooltips and picker details. */
  summary: string;
  /** The decision's guardrails with their current violations; absent when it has none. */
  guardrails?: GuardrailItem[];
  /** The `.archlens.yml` source the decision comes from (read-only); absent for the workspace's own. */
  source?: string;
}

/** A guardrail as the sidebar shows it. */
export interface GuardrailItem {
  /** `forbid-import source:* from dbt/models/marts/**`. */
  label: string;
  /** enforced (accepted), proposed (would violate), retired (an adopted dependency of a retired decision), off. */
  state: 'enforced' | 'proposed' | 'retired' | 'off';
  /** The guardrail's place in the decision. */
  uri: string;
  line: number;
  /** Current violations from what the index read (dependencies, imports, missing files; forbid-text in Problems). */
  violations: { uri: string; path: string; line: number; message: string }[];
}

export interface RelatedDecision {
  id: string;
  label: string;
  uri: string;
}

export interface DecisionsParams {
  /** A workspace folder URI; all folders when omitted. */
  folder?: string;
}
export const DecisionsRequest = new RequestType<DecisionsParams, DecisionItem[], void>('archlens/decisions');

export interface ViewElementItem {
  name: string;
  line: number;
  paths: { pattern: string; uri?: string; exists: boolean }[];
}

export interface ViewItem {
  title: string;
  kind: string;
  uri: string;
  line: number;
  elements: ViewElementItem[];
}
export const ViewsRequest = new RequestType<DecisionsParams, ViewItem[], void>('archlens/views');

export interface TermItem {
  term: string;
  aliases: string[];
  /** Plain text (markup removed), paragraphs on lines of their own. */
  definition: string;
  avoid: string[];
  uri: string;
  line: number;
  scope: string;
  /** The decisions about the term (in the title, or central in the decision), best first, at most three. */
  decisions?: RelatedDecision[];
  /** How many more decisions are about it. */
  moreDecisions?: number;
}
export const GlossaryRequest = new RequestType<DecisionsParams, TermItem[], void>('archlens/glossary');

export interface StaleItem {
  /** The stale document. */
  docUri: string;
  docLine: number;
  subject: string;
  message: string;
  commitCount: number;
  latest: { hash: string; date: string; author: string; subject: string };
  governedUris: string[];
  /** The commit the document was last changed (or reviewed) at, to diff against. */
  since?: string;
}

export interface ForFileParams {
  uri: string;
}

export interface ForFileResult {
  /** Decisions whose `governs` globs match the file. */
  governedBy: DecisionItem[];
  /** Decisions the file cites. */
  cites: DecisionItem[];
  elements: { view: string; viewUri: string; element: string; line: number }[];
  stale: StaleItem[];
  /** Guardrails in force that look at this file; absent when none do. */
  guardrails?: { decision: RelatedDecision; guardrail: GuardrailItem }[];
}
export const ForFileRequest = new RequestType<ForFileParams, ForFileResult, void>('archlens/forFile');

export const StaleRequest = new RequestType<DecisionsParams, StaleItem[], void>('archlens/stale');

export interface SearchParams {
  query: string;
  folder?: string;
}

export interface SearchHitItem {
  kind: 'decision' | 'term' | 'view' | 'element';
  label: string;
  detail: string;
  uri: string;
  line: number;
  /** For decisions: the number, for insertion as a reference. */
  number?: number;
}
export const SearchRequest = new RequestType<SearchParams, SearchHitItem[], void>('archlens/search');

export const DECISION_TEMPLATES = ['nygard', 'madr-full', 'madr-minimal', 'y-statement'] as const;
export type DecisionTemplate = (typeof DECISION_TEMPLATES)[number];

export interface NewDecisionParams {
  title: string;
  template: DecisionTemplate;
  /** A workspace folder URI; the first folder when omitted. */
  folder?: string;
  /** The decision this one supersedes (its id); the old one's status is updated in the same edit. */
  supersedes?: string;
}

export interface NewDecisionResult {
  uri: string;
  number: number;
  /** `ADR-0012`. */
  reference: string;
  /** One undoable edit: create the file with its content (and update the superseded decision). */
  edit: WorkspaceEdit;
}
export const NewDecisionRequest = new RequestType<NewDecisionParams, NewDecisionResult, void>('archlens/newDecision');

export interface ChangesSinceParams {
  /** The stale document. */
  docUri: string;
}

export interface ChangesSinceResult {
  /** The commit to diff from (the document's last change or review), or undefined when history is off. */
  base?: string;
  files: { uri: string; path: string }[];
  /** `git diff --stat` style summary. */
  stat: string;
  /** The unified diff of those files from `base` to the working tree. */
  diff: string;
  /** What changed and how to fix it (renamed and deleted paths, new uncatalogued files, commits by file), as lines. */
  explanation?: string[];
}
export const ChangesSinceRequest = new RequestType<ChangesSinceParams, ChangesSinceResult, void>('archlens/changesSince');

export interface FileAtRevisionParams {
  /** A file of a workspace folder. */
  uri: string;
  /** The commit (a hash) to read it at. */
  base: string;
}
export interface FileAtRevisionResult {
  /** The file's text at that commit; empty when it did not exist then, or history is off. */
  text: string;
}
/** The left side of "Show Code Changes Since Documented": a governed file at the documented revision. */
export const FileAtRevisionRequest = new RequestType<FileAtRevisionParams, FileAtRevisionResult, void>('archlens/fileAtRevision');

export interface PublishedDocsParams {
  /** A workspace file. */
  uri: string;
}
export interface PublishedDocsResult {
  /** Where the file is published (not yet checked: the client opens only http and https in a trusted workspace). */
  url?: string;
  /** Why there is no page, when there is none. */
  message?: string;
}
/**
 * Open in Published Docs: where a file is published, from the nearest mkdocs.yml and the publishedDocsUrl setting
 * (`.archlens.yml` or the editor), both read by the server.
 */
export const PublishedDocsRequest = new RequestType<PublishedDocsParams, PublishedDocsResult, void>('archlens/publishedDocs');

export interface SuggestGovernsParams {
  /** A decision record. */
  uri: string;
}
export interface GovernsCandidateItem {
  /** A folder as `dir/**`, or a file path. */
  glob: string;
  score: number;
  /** Code files it matches today. */
  matches: number;
  /** Plain text, one line each: `mentions src/ingest/`, `cited by 3 files in src/ingest/`. */
  evidence: string[];
}
export interface SuggestGovernsResult {
  /** The decision's label; absent when the URI is not a decision. */
  decision?: string;
  /** What it governs already. */
  governs: string[];
  /** Ranked, best first. */
  candidates: GovernsCandidateItem[];
}
/** "Suggest Governed Code": candidate globs for a decision's `governs:`, with their evidence. */
export const SuggestGovernsRequest = new RequestType<SuggestGovernsParams, SuggestGovernsResult, void>('archlens/suggestGoverns');

export interface GovernsEditParams {
  uri: string;
  /** The accepted globs. */
  globs: string[];
}
export interface GovernsEditResult {
  /** One edit that adds the globs to the decision's `governs:`, keeping the rest of the file as it is; absent when nothing is new (or the workspace is untrusted). */
  edit?: WorkspaceEdit;
}
/** Accepting suggested globs: the edit to apply (the client applies it, so it can be undone as one step). */
export const GovernsEditRequest = new RequestType<GovernsEditParams, GovernsEditResult, void>('archlens/governsEdit');

/** Server commands run with workspace/executeCommand (arguments are JSON). */
export const Commands = {
  /** Opens a location: [uri, line]. Sent by code lens; handled by the client. */
  open: 'archlens.open',
  /** Marks a document reviewed: [docUri]. Server-side: applies a WorkspaceEdit. */
  markReviewed: 'archlens.markReviewed',
  /** Shows the changes since a document was last updated: [docUri]. Client-side. */
  showChanges: 'archlens.showChanges',
  /** Shows the references of a decision: [uri, line]. Client-side. */
  showReferences: 'archlens.showReferences',
  /** Lets the user pick one of several targets of a code lens: [title, LensTarget[]]. Client-side. */
  pickTarget: 'archlens.pickTarget',
  /** Lists a decision's suggested governed code and adds the chosen globs to its `governs:`: [uri?]. Client-side. */
  suggestGovernedCode: 'archlens.suggestGovernedCode',
  /** Fetches `.archlens.yml` git sources (trusted only) and reads every source again: []. Server-side. */
  refreshSources: 'archlens.refreshSources',
} as const;

/** One target of a code lens with several: a location to open, or a document whose code changes to show. */
export interface LensTarget {
  /** Plain text. */
  label: string;
  /** Plain text. */
  description?: string;
  uri: string;
  /** 1-based. */
  line: number;
  action: 'open' | 'showChanges';
}
