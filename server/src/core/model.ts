// The domain model of the architecture index. Plain data only: no LSP, VS Code, file-system or process types.
//
// Conventions used everywhere in the core:
// - paths are relative to the workspace root, with `/` separators and no leading `./`;
// - `line` is 1-based (as editors and compilers print it); `character` is the 0-based UTF-16 offset in that line
//   (as LSP counts it). The LSP layer converts lines when it builds protocol objects.

export interface TextPosition {
  line: number;
  character: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

/** The normalised statuses of a decision; the order is the order the sidebar groups them in. */
export const DECISION_STATUSES = ['accepted', 'proposed', 'superseded', 'deprecated', 'rejected', 'draft'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export type DecisionFormat =
  | 'nygard' // adr-tools / Michael Nygard: `# 7. Title`, `Date:`, `## Status` section
  | 'madr2' // `* Status: accepted` bullets
  | 'madr' // MADR 3/4 YAML front matter
  | 'log4brains' // `- Status:` bullets, YYYYMMDD-slug.md
  | 'table' // `| Status | Accepted |` metadata table
  | 'inline' // `**Status**: Accepted` lines
  | 'unknown';

export type RelationKind = 'supersedes' | 'supersededBy' | 'amends' | 'amendedBy';

/** A relation as written in a decision, before the index resolves its target. */
export interface RelationRef {
  kind: RelationKind;
  /** What the author wrote, for messages: "ADR-0012", "[0012](0012-x.md)", "0012-x". */
  text: string;
  /** The decision number, when the reference names one. */
  number?: number;
  /** Workspace-relative path of the target file, when the reference links to one (resolved against the document). */
  path?: string;
  /** A slug or file name without folder (log4brains `[20201028-superseded-adr]`, front matter `supersedes: 0003-x`). */
  slug?: string;
  /** A link to a decision outside this repository (a URL): kept as a link, never resolved here nor reported. */
  external?: string;
  line: number;
}

/** The part of a decision a sentence belongs to, from the heading it sits under. */
export type DecisionSectionKind = 'context' | 'decision' | 'consequences' | 'options' | 'other';

/** One sentence of a decision's prose, for ranking and quoting ("why?" search). */
export interface DecisionPassage {
  section: DecisionSectionKind;
  /** 1-based line the sentence starts on. */
  line: number;
  /** Plain text, markup removed. */
  text: string;
}

/**
 * A decision's sentences packed for the life of the index: their texts one after another in one string, and per
 * sentence its end in that string, its line and its section (the index in `SECTION_KINDS`). Ten thousand decisions
 * hold about half a million sentences; as objects with strings of their own they were a sixth of the server's heap.
 * `unpackPassages` (decisions/passages.ts) gives them back as sentences.
 */
export interface PackedPassages {
  text: string;
  /** Three numbers per sentence: end offset in `text`, 1-based line, section index. */
  meta: Int32Array;
}

/** What a decision parser extracts from one file. The index turns it into a {@link Decision}. */
export interface ParsedDecision {
  path: string;
  /** 1-based line of the title (or 1 when the title came from the file name). */
  line: number;
  title: string;
  number?: number;
  /** Normalised status; undefined when the document states none or one we cannot normalise. */
  status?: DecisionStatus;
  /** The status text as written (emoji and markup stripped), kept when it could not be normalised. */
  statusText?: string;
  /** 1-based line where the status is stated, if it is. */
  statusLine?: number;
  /** ISO date YYYY-MM-DD. */
  date?: string;
  /** Both readings of a date such as 05/06/2023; the index picks one per repository. */
  dateAmbiguous?: { dayFirst: string; monthFirst: string };
  /** The order a date such as 23/06/2018 proves (only one reading is a calendar date). */
  dateOrder?: 'day-first' | 'month-first';
  deciders: string[];
  consulted: string[];
  informed: string[];
  tags: string[];
  /** Globs (relative to the workspace root) naming the code the decision governs. */
  governs: string[];
  governsLine?: number;
  relations: RelationRef[];
  format: DecisionFormat;
  /** The decision itself in a few lines of plain markdown (the "Decision" / "Decision Outcome" section). */
  summary: string;
  /** Plain text of the body for fuzzy search, bounded in size. */
  searchText: string;
  /** The prose as sentences with their section and line, bounded in size. */
  passages: PackedPassages;
  /** Front matter `reviewed:` date (ISO), used by staleness. */
  reviewed?: string;
  /** Front matter `reviewed-commit:` hash, used by staleness. */
  reviewedCommit?: string;
}

/** A decision as the index answers with it: relations resolved to decision ids, both sides filled. */
export interface Decision {
  /** Stable, unique: the workspace-relative path without its `.md` extension. */
  id: string;
  number?: number;
  title: string;
  status?: DecisionStatus;
  statusText?: string;
  statusLine?: number;
  date?: string;
  path: string;
  line: number;
  supersedes: string[];
  supersededBy: string[];
  amends: string[];
  amendedBy: string[];
  tags: string[];
  deciders: string[];
  consulted: string[];
  informed: string[];
  governs: string[];
  governsLine?: number;
  format: DecisionFormat;
  summary: string;
  searchText: string;
  /** The prose as sentences (absent on decisions made by hand in tests and benchmarks). */
  passages?: PackedPassages;
  reviewed?: string;
  reviewedCommit?: string;
}

export type DecisionReferenceForm =
  | 'adr-id' // ADR-0007, ADR 7, adr-007
  | 'adr-tag' // @adr 7, @adr path/to/file.md
  | 'link' // [text](../adr/0007-x.md)
  | 'page'; // https://decisions.example.com/adr/0007-x/ (a decision's published page; resolved by the sites of sources)

/** A place in any text file that cites a decision. */
export interface DecisionReference {
  range: TextRange;
  /** The text of the reference as written. */
  text: string;
  form: DecisionReferenceForm;
  number?: number;
  /** Workspace-relative path of the cited file (links and `@adr path`), resolved against the citing file. */
  path?: string;
  /**
   * The URL when the id cites another site's decision: it is the text of a link to a URL (`[ADR 033](https://…)`),
   * or the file also links to that decision by URL. Never reported as unknown. For a `page` reference, its URL:
   * the decision it names is found among the sites of the sources (`.archlens.yml` `sources:` `site:`).
   */
  external?: string;
}

/** A markdown link from a document to something in the workspace (used to find links to code that is gone). */
export interface DocumentLinkRef {
  range: TextRange;
  /** Workspace-relative target path without any `#fragment`. */
  path: string;
  fragment?: string;
  /** An image (`![alt](src)`): a picture the document shows, never a path to code. */
  image?: boolean;
}

export type GlossarySource = 'deflist' | 'heading' | 'table' | 'abbreviation' | 'yaml';

export interface GlossaryTerm {
  term: string;
  aliases: string[];
  definition: string;
  /** Words the team agreed not to use for this concept; using them is reported with a fix to `term`. */
  avoid: string[];
  path: string;
  line: number;
  /** The folder the glossary applies to: '' for the whole workspace, else a folder path (no trailing slash). */
  scope: string;
  source: GlossarySource;
}

export const VIEW_SECTIONS = [
  'Primary Presentation',
  'Element Catalog',
  'Context Diagram',
  'Variability Guide',
  'Rationale',
  'Related Views',
] as const;
export type ViewSectionName = (typeof VIEW_SECTIONS)[number];

export interface ViewSection {
  name: ViewSectionName;
  line: number;
}

export interface ViewElement {
  name: string;
  /** Code paths or globs, workspace-relative. */
  paths: string[];
  line: number;
  description?: string;
}

export interface ArchitectureView {
  title: string;
  /** Normalised kind: module, component-and-connector, deployment, data-pipeline, or the word as written. */
  kind: string;
  path: string;
  line: number;
  sections: ViewSection[];
  elements: ViewElement[];
  /** Front matter `reviewed:` / `reviewed-commit:` (staleness). */
  reviewed?: string;
  reviewedCommit?: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Problem {
  /** A stable code from `problems.ts`. */
  code: string;
  severity: Severity;
  path: string;
  line: number;
  message: string;
  /** Optional precise range; `line` is always set. */
  range?: TextRange;
}
