// The onboarding requests of protocol.ts: "why?" answers, the decision graph for the panel, and the tour for the
// walkthrough (protocol/onboarding.ts). Each answer is computed by the core from the folder's snapshot; this file only turns paths into URIs.
import { completedSnapshot } from '../core/firstPass';
import { decisionLabel, decisionStatusText } from '../core/lifecycle';
import type { Decision, GlossaryTerm } from '../core/model';
import type { IndexSnapshot } from '../core/snapshot';
import { buildGraphPicture, graphSourceOf } from '../core/graph/build';
import { buildTour, type Tour } from '../core/tour/build';
import { readTermUses } from '../core/tour/termUses';
import { whyIndexOf } from '../core/why/rank';
import { dirname } from '../core/text';
import { graphSvg } from './graphPicture';
import { pathToUriInside } from './uris';
import type { FolderSession } from './folderSession';
import type { DecisionsParams, GraphParams, GraphResult, RelatedDecision, TourResult, WhyAnswerItem, WhyParams } from '../protocol';

const MAX_LIMIT = 50;

export class OnboardingRequests {
  private readonly tours = new WeakMap<IndexSnapshot, Promise<Tour>>();

  constructor(private readonly folders: () => FolderSession[]) {}

  private selected(folder?: string): FolderSession[] {
    const all = this.folders();
    return folder ? all.filter((f) => f.uri === folder) : all;
  }

  why(p: WhyParams): WhyAnswerItem[] {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(p.limit ?? 10)));
    const question = String(p.question ?? '').slice(0, 1000);
    const answers = this.selected(p.folder).flatMap((f) => whyIndexOf(completedSnapshot(f.snapshot)).ask(question, limit).map((a) => ({ f, a })));
    // Several folders: each folder's order is kept (successors before what they replaced), folders merged by score.
    if (this.selected(p.folder).length > 1) answers.sort((x, y) => y.a.score - x.a.score);
    return answers.slice(0, limit).map(({ f, a }) => {
      const uriOf = f.featureContext().uriOf;
      const d = a.decision;
      return {
        id: d.id,
        label: decisionLabel(d),
        status: decisionStatusText(d),
        uri: uriOf(d.path),
        path: d.path,
        line: a.sentence?.line ?? d.line,
        sentence: a.sentence?.text,
        section: a.sentence?.section,
        successorOf: a.successorOf,
        supersededBy: related(f, d.supersededBy),
      };
    });
  }

  graph(p: GraphParams): GraphResult {
    const result: Omit<GraphResult, 'svg'> = { nodes: [], edges: [] };
    for (const f of this.selected(p.folder)) {
      const picture = buildGraphPicture(graphSourceOf(f.snapshot), { folders: !!p.code, views: !!p.code });
      // Ids are per folder: prefix them when several folders share one picture.
      const prefix = this.selected(p.folder).length > 1 ? `${f.name}/` : '';
      // A governs glob may climb out of the folder (`../../etc/**`): no node, nor a link, for what is outside.
      const outside = new Set<string>();
      for (const n of picture.nodes) {
        const uri = pathToUriInside(f.uri, n.path);
        if (!uri) {
          outside.add(n.id);
          continue;
        }
        result.nodes.push({
          id: prefix + n.id,
          kind: n.kind,
          label: n.label,
          status: n.status,
          tags: n.tags,
          folder: n.kind === 'folder' ? n.path : dirname(n.path),
          uri,
          line: n.line,
        });
      }
      for (const e of picture.edges) if (!outside.has(e.from) && !outside.has(e.to)) result.edges.push({ from: prefix + e.from, to: prefix + e.to, kind: e.kind });
    }
    return { ...result, svg: graphSvg(result, p.filter) };
  }

  async tour(p: DecisionsParams): Promise<TourResult> {
    const [f] = this.selected(p.folder);
    if (!f) return { title: 'No workspace folder', steps: [] };
    const snapshot = f.snapshot;
    let tour = this.tours.get(snapshot);
    if (!tour) {
      tour = readTermUses(snapshot, f.workspace).then((uses) => buildTour(snapshot, uses, f.name));
      this.tours.set(snapshot, tour);
    }
    const t = await tour;
    const uriOf = f.featureContext().uriOf;
    return {
      title: t.title,
      steps: t.steps.map((s) => ({
        id: s.id,
        kind: s.kind,
        title: s.title,
        text: s.text,
        uri: uriOf(s.path),
        line: s.line,
        items: s.items.map((i) => ({ label: i.label, detail: i.detail, uri: uriOf(i.path), line: i.line })),
      })),
    };
  }
}

/** The decisions about a glossary term, for the Glossary view: at most `limit`, and how many more there are. */
export function decisionsAboutTerm(f: FolderSession, term: GlossaryTerm, limit = 3): { decisions: RelatedDecision[]; more: number } {
  const answers = whyIndexOf(f.snapshot).about(term);
  return { decisions: related(f, answers.slice(0, limit).map((a) => a.decision.id)), more: Math.max(0, answers.length - limit) };
}

function related(f: FolderSession, ids: readonly string[]): RelatedDecision[] {
  const uriOf = f.featureContext().uriOf;
  return ids
    .map((id) => f.snapshot.decision(id))
    .filter((d): d is Decision => d !== undefined)
    .map((d) => ({ id: d.id, label: decisionLabel(d), uri: uriOf(d.path) }));
}
