// An immutable view of the index at one moment, derived from the per-file records. Everything the editor and the
// CLI ask is answered from a snapshot; a new one is derived once per index change, and expensive parts (the
// glossary automaton, citations, the fuzzy search index) are built lazily and reused when their inputs did not
// change.
import type { FileRecord } from './analyse';
import type { FirstPassCompletion } from './firstPass';
import { CitationLineage, type CitationIndex } from './citations';
import { buildDecisionGraph, decisionId, nearest, type DecisionGraph } from './decisionGraph';
import type { DiscoveryContext } from './discovery';
import { GlossaryIndex } from './glossaryIndex';
import { GovernanceIndex } from './governance';
import { parseMarkdownDocument, type MarkdownDocument } from './markdown';
import type { ArchitectureView, Decision, DecisionReference, GlossaryTerm, ParsedDecision, Problem } from './model';
import { SearchIndex } from './search';
import { RecordTable, type RecordLookup, type TableMark } from './recordTable';
import { lowerBound } from './sorted';
import type { ArchlensSettings } from './settings';
import { decisionAtPage, NO_SOURCES, splitSourcePath, type MountedSources } from './sources';
import { dirname } from './text';
import { indexJson, type IndexJson } from './indexJson';

export type { IndexJson };

/**
 * What the index already knows of a new snapshot, so deriving one after an edit does not walk every record: each
 * part left out is computed from the records (as for the first snapshot).
 */
export interface SnapshotParts {
  /** The decision graph, when the caller knows it equals the one these records give (no decision changed). */
  graph?: DecisionGraph;
  /** The parsed decisions of the records, when the graph is to be built. */
  decisions?: readonly ParsedDecision[];
  /** The views of the records, sorted by path. */
  views?: readonly ArchitectureView[];
  /** The records that have problems. */
  problemRecords?: readonly FileRecord[];
  /** All problems, when the caller knows they equal the last snapshot's (none of their inputs changed). */
  problems?: readonly Problem[];
  /** The markdown models the index read its documents with, by path, when it kept them. */
  documentModels?: ReadonlyMap<string, MarkdownDocument>;
  /** The last snapshot's governance index: kept when made from the same decisions, views and files, else updated. */
  governance?: GovernanceIndex;
  /** Given while some document is known by its first pass only (firstPass.ts). */
  firstPass?: FirstPassCompletion;
  /** The citation index shared by the snapshots of one index (kept up to date from snapshot to snapshot). */
  citations?: CitationLineage;
  /** What the `.archlens.yml` sources add besides documents: their guardrails and published sites. */
  sources?: Pick<MountedSources, 'guardrails' | 'sites'>;
}

export interface Citation {
  path: string;
  reference: DecisionReference;
}


/** Markdown models kept per snapshot: those of the documents being edited and diagnosed, not every document. */
const MAX_CACHED_MODELS = 16;

/** A snapshot's own object naming it and its place in the index's record log, holding none of its data. */
export interface SnapshotMark {
  readonly version: number;
  readonly records: TableMark | undefined;
}

export class IndexSnapshot {
  /** What a structure following this snapshot's changes keeps of it (for a later `changedSince`). */
  readonly mark: SnapshotMark;
  readonly decisions: readonly Decision[];
  readonly views: readonly ArchitectureView[];
  readonly problems: readonly Problem[];
  private readonly graph: DecisionGraph;
  private readonly citationLineage: CitationLineage;
  private readonly citationLists = new Map<string, Citation[]>();
  /** decisionByNumber's answers for numbers several decisions hold, by number and citing folder. */
  private readonly nearestByFolder = new Map<string, Decision>();
  private searchIndex?: SearchIndex;
  private readonly derivedValues = new Map<(s: IndexSnapshot) => unknown, unknown>();
  private markdownModels?: Map<string, MarkdownDocument>;
  /** The models the index read documents with, when it kept them (see IndexOptions.keepDocumentModels). */
  private readonly documentModels?: ReadonlyMap<string, MarkdownDocument>;
  private governanceIndex?: GovernanceIndex;
  /** The guardrails of the sources' decisions that apply here (by decision path), and the sites they publish. */
  readonly mountedSources: Pick<MountedSources, 'guardrails' | 'sites'>;
  /** Set while some document is known by its first pass only: no references, links nor prose yet (firstPass.ts). */
  readonly firstPass?: FirstPassCompletion;

  constructor(
    readonly version: number,
    private readonly records: RecordLookup,
    /** Every file of the workspace, sorted. */
    readonly files: readonly string[],
    readonly context: DiscoveryContext,
    readonly settings: ArchlensSettings,
    readonly glossary: GlossaryIndex,
    extraProblems: readonly Problem[] = [],
    parts: SnapshotParts = {},
  ) {
    this.mark = { version, records: records instanceof RecordTable ? records.mark() : undefined };
    let { decisions: parsed, views, problemRecords } = parts;
    this.documentModels = parts.documentModels;
    this.firstPass = parts.firstPass;
    this.mountedSources = parts.sources ?? NO_SOURCES;
    if ((!parts.graph && !parsed) || !views || (!parts.problems && !problemRecords)) {
      const found = { decisions: [] as ParsedDecision[], views: [] as ArchitectureView[], problems: [] as FileRecord[] };
      for (const r of records.values()) {
        if (r.decision) found.decisions.push(r.decision);
        if (r.view) found.views.push(r.view);
        if (r.problems.length > 0) found.problems.push(r);
      }
      parsed ??= found.decisions;
      views ??= found.views.sort((a, b) => compare(a.path, b.path));
      problemRecords ??= found.problems;
    }
    this.citationLineage = parts.citations ?? new CitationLineage();
    this.governanceIndex = parts.governance;
    this.graph = parts.graph ?? buildDecisionGraph([...(parsed ?? [])], { dateOrder: settings.dates });
    this.decisions = this.graph.decisions;
    this.views = views;
    if (parts.problems) this.problems = parts.problems;
    else {
      const problems: Problem[] = [...context.problems, ...extraProblems];
      problems.push(...logWideProblems((problemRecords ?? []).flatMap((r) => r.problems), records));
      // A source is read-only and not this repository's to fix: its documents' problems are its own log's business.
      const own = (p: Problem) => !settings.sources?.length || splitSourcePath(settings.sources, p.path) === undefined;
      problems.push(...this.graph.problems.filter(own), ...glossary.problems.filter(own));
      this.problems = problems.sort((a, b) => compare(a.path, b.path) || a.line - b.line || compare(a.code, b.code));
    }
  }

  /** The resolved decision graph, for reuse by the next snapshot when no decision changed. */
  get decisionGraph(): DecisionGraph {
    return this.graph;
  }

  get terms(): readonly GlossaryTerm[] {
    return this.glossary.terms;
  }

  /**
   * Data derived from this snapshot by `compute`, computed on first use and kept as long as the snapshot: a lazily
   * computed field that lives outside this module. `compute` must be a module-level function (its identity is the
   * key) that reads only the snapshot.
   */
  derived<T>(compute: (s: IndexSnapshot) => T): T {
    if (this.derivedValues.has(compute)) return this.derivedValues.get(compute) as T;
    const value = compute(this);
    this.derivedValues.set(compute, value);
    return value;
  }

  /**
   * The markdown model of a document's text, parsed once per text for the life of this snapshot: completion and
   * diagnostics of an open document ask for it on every request.
   */
  markdownOf(path: string, text: string): MarkdownDocument {
    const models = (this.markdownModels ??= new Map());
    const cached = models.get(path);
    if (cached && cached.text === text) {
      // Most recently used last: the first entry is the one to drop.
      models.delete(path);
      models.set(path, cached);
      return cached;
    }
    const known = this.documentModels?.get(path);
    if (known && known.text === text) return known;
    const doc = parseMarkdownDocument(text);
    models.delete(path);
    models.set(path, doc);
    // A model holds its document's text: diagnosing every document of a folder must not keep them all.
    if (models.size > MAX_CACHED_MODELS) models.delete(models.keys().next().value!);
    return doc;
  }

  /** Drops the model of a document read once (diagnostics of a file no editor shows): it holds the whole text. */
  forgetModel(path: string): void {
    this.markdownModels?.delete(path);
  }

  /** Which decisions and view elements govern a path, and which paths a decision governs. Built on first use. */
  get governance(): GovernanceIndex {
    const known = this.governanceIndex;
    if (known?.isFor(this.decisions, this.views, this.files)) return known;
    return (this.governanceIndex = new GovernanceIndex(this.decisions, this.views, this.files, known));
  }

  /** The governance index this snapshot built or was given: what the next snapshot's is kept or made from. */
  get builtGovernance(): GovernanceIndex | undefined {
    return this.governanceIndex;
  }

  /** Is this file in the workspace now? (A binary search of the sorted list: no set of every file per snapshot.) */
  hasFile(path: string): boolean {
    const files = this.files;
    const lo = lowerBound(files, path);
    return lo < files.length && files[lo] === path;
  }

  record(path: string): FileRecord | undefined {
    return this.records.get(path);
  }

  /** The record of a file with its references and links: a document known by its first pass is analysed in full. */
  fullRecord(path: string): FileRecord | undefined {
    const r = this.records.get(path);
    return r?.partial && this.firstPass ? (this.firstPass.record(path) ?? r) : r;
  }

  /**
   * The paths whose records may differ between an older snapshot of the same index and this one; undefined when
   * that is not known (then every record may have changed).
   */
  changedSince(older: IndexSnapshot | SnapshotMark): readonly string[] | undefined {
    const mark = older instanceof IndexSnapshot ? older.mark : older;
    if (mark === this.mark || (older instanceof IndexSnapshot && older.records === this.records)) return [];
    return this.records instanceof RecordTable && mark.records ? this.records.changedSince(mark.records) : undefined;
  }

  decision(id: string): Decision | undefined {
    return this.graph.byId.get(id);
  }

  decisionAt(path: string): Decision | undefined {
    return this.graph.byPath.get(path);
  }

  viewAt(path: string): ArchitectureView | undefined {
    return this.records.get(path)?.view;
  }

  /**
   * The decision with this number, preferring the one nearest to the citing file when several share it. The
   * workspace's own decisions come before those of its sources (`.archlens.yml` `sources:`), unless the citing file
   * is in that source.
   */
  decisionByNumber(number: number, fromPath = ''): Decision | undefined {
    const all = this.graph.byNumber.get(number);
    if (!all || all.length < 2) return all?.[0];
    if (!this.settings.sources?.length) {
      // Logs kept per package share their numbers, and nearest compares the folder with every holder of the number:
      // the answer depends on the citing file's folder only, and a folder's files cite the same numbers again.
      const key = `${number}\0${dirname(fromPath)}`;
      let found = this.nearestByFolder.get(key);
      if (found === undefined) this.nearestByFolder.set(key, (found = nearest(all, fromPath)!));
      return found;
    }
    const from = this.sourceOf(fromPath);
    const same = all.filter((d) => this.sourceOf(d.path) === from);
    return nearest(same.length > 0 ? same : all, fromPath);
  }

  /** The name of the source (`.archlens.yml` `sources:`) a document comes from; undefined for the workspace's own. */
  sourceOf(path: string): string | undefined {
    return !this.settings.sources?.length ? undefined : splitSourcePath(this.settings.sources, path)?.name;
  }

  /** The decision a reference cites, or undefined (unknown number, a link to a file that is not a decision). */
  resolve(reference: DecisionReference, fromPath: string): Decision | undefined {
    if (reference.form === 'page') return decisionAtPage(this.mountedSources.sites, reference.external ?? reference.text, (id) => this.graph.byId.get(id));
    if (reference.path !== undefined) {
      return this.graph.byPath.get(reference.path) ?? this.graph.byId.get(decisionId(reference.path));
    }
    if (reference.number !== undefined) return this.decisionByNumber(reference.number, fromPath);
    return undefined;
  }

  /** References to decisions found in a file (links only when they point at a decision). */
  referencesIn(path: string): readonly DecisionReference[] {
    return this.fullRecord(path)?.references ?? [];
  }

  /**
   * Every place that cites a decision, across the workspace, by path. The files that may cite it come from the
   * citation index (kept across snapshots); only their references are resolved.
   */
  citationsOf(id: string): readonly Citation[] {
    const known = this.citationLists.get(id);
    if (known) return known;
    const d = this.graph.byId.get(id);
    const out: Citation[] = [];
    if (d) {
      const candidates = [...this.citations().citing(d.number === undefined ? [] : [d.number], [d.id])].sort(compare);
      for (const path of candidates) {
        for (const reference of this.referencesIn(path)) if (this.resolve(reference, path) === d) out.push({ path, reference });
      }
    }
    this.citationLists.set(id, out);
    return out;
  }

  /** Which files cite which decision numbers and ids (see CitationIndex). */
  /** Builds the citation index of this snapshot in slices, when no snapshot of its index has one yet. */
  prepareCitations(turn: () => Promise<boolean>, sliceMs: number): Promise<void> {
    return this.citationLineage.prepare(this, turn, sliceMs);
  }

  citations(): CitationIndex {
    return this.citationLineage.of(this);
  }

  /** Fuzzy search over decisions, terms, views and view elements (over every decision's text: see firstPass.ts). */
  search(query: string, limit = 50): ReturnType<SearchIndex['search']> {
    return this.searchIndexOf().search(query, limit);
  }

  /** The same search in slices, for callers that give the event loop back between them (see SearchIndex). */
  searchSteps(query: string, limit = 50): ReturnType<SearchIndex['searchSteps']> {
    return this.searchIndexOf().searchSteps(query, limit);
  }

  private searchIndexOf(): SearchIndex {
    if (this.firstPass) return this.firstPass.all().searchIndexOf();
    this.searchIndex ??= new SearchIndex(this.decisions, this.terms, this.views);
    return this.searchIndex;
  }

  /** All files whose records hold something (decisions, terms, views, references, problems). */
  recordPaths(): IterableIterator<string> {
    return this.records.keys();
  }

  toJSON(): IndexJson {
    return indexJson(this);
  }
}

/**
 * Problems judged against the whole log rather than one file: an unknown status word is reported once, on its
 * first use, listing every decision that uses it; a missing title only where other decisions of the same folder
 * have one (a log whose records are all titled by their file names follows its own convention).
 */
function logWideProblems(problems: readonly Problem[], records: RecordLookup): Problem[] {
  const out: Problem[] = [];
  const unknown = new Map<string, { first: Problem; paths: string[] }>();
  const untitled = new Map<string, Problem[]>();
  for (const p of problems) {
    const decision = records.get(p.path)?.decision;
    if (p.code === 'unknown-status' && decision?.statusText) {
      const word = decision.statusText.toLowerCase();
      const entry = unknown.get(word);
      if (!entry) unknown.set(word, { first: p, paths: [p.path] });
      else {
        entry.paths.push(p.path);
        if (compare(p.path, entry.first.path) < 0) entry.first = p;
      }
    } else if (p.code === 'missing-title' && decision) {
      const folder = dirname(p.path);
      const list = untitled.get(folder);
      if (list) list.push(p);
      else untitled.set(folder, [p]);
    } else out.push(p);
  }
  for (const { first, paths } of unknown.values()) {
    if (paths.length === 1) out.push(first);
    else {
      const files = [...paths].sort(compare).join(', ');
      out.push({ ...first, message: `${first.message}; used by ${paths.length} decisions: ${files}. A team's own words can be mapped under statuses: in .archlens.yml` });
    }
  }
  if (untitled.size > 0) {
    const decisionsPerFolder = new Map<string, number>();
    for (const r of records.values()) if (r.decision) decisionsPerFolder.set(dirname(r.path), (decisionsPerFolder.get(dirname(r.path)) ?? 0) + 1);
    for (const [folder, list] of untitled) {
      if (list.length > 1 && list.length === decisionsPerFolder.get(folder)) continue;
      out.push(...list);
    }
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
