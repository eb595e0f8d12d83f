// What one file contributes to the index. A pure function of (path, text, discovery context): the index is the
// sum of these records, which is what makes an incremental update equal to a rebuild.
import type {
  ArchitectureView,
  DecisionReference,
  DocumentLinkRef,
  GlossaryTerm,
  ParsedDecision,
  Problem,
} from './model';
import { problem } from './problems';
import type { DiscoveryContext } from './discovery';
import type { BulkAnalyser } from './bulkRead';
import { glossaryScope, isProbablyBinaryPath, isYamlPath } from './discovery';
import { isMarkdownPath } from './paths';
import { decodeText } from './text';
import { decisionProse, parseDecision } from './decisions/parse';
import { decisionName, isDecisionTemplate, isNumberedDecisionName } from './decisions/paths';
import { isGlossaryPath, parseAbbreviations, parseGlossaryMarkdown, parseGlossaryYaml } from './glossary/parse';
import { glossaryCachesOf } from './glossary/yamlEntries';
import { parseView } from './views/parse';
import { findDecisionReferences, findMarkdownLinks } from './references';
import { parseGuardrails } from './guardrails/parse';
import type { Guardrail } from './guardrails/vocabulary';
import { readImports, type ImportRef } from './imports';
import { readManifest, type Dependency } from './manifests';
import { OUTLINE_LIMIT, parseMarkdownDocument, parseMarkdownOutline, type MarkdownDocument, type MarkdownOutlineDocument } from './markdown';
import type { SourceLoader } from './sources';

export type FileKind = 'decision' | 'view' | 'glossary' | 'document' | 'text';

export interface FileRecord {
  path: string;
  kind: FileKind;
  decision?: ParsedDecision;
  view?: ArchitectureView;
  terms: GlossaryTerm[];
  references: DecisionReference[];
  /** Relative links from markdown documents (to decisions, or to code that may be gone). */
  links: DocumentLinkRef[];
  problems: Problem[];
  /** A decision's guardrails (front matter `guardrails:`). */
  guardrails?: Guardrail[];
  /** What a dependency manifest declares. */
  dependencies?: Dependency[];
  /** What a source file imports. */
  imports?: ImportRef[];
  /**
   * The file's text as forbid-text read it: a lazily computed field, filled by the guardrail index on first use and
   * kept while this record stands for the file (a change makes a new record), so an unchanged file is read once.
   */
  forbidText?: string;
  /**
   * Set on the record of the first pass over a document ({@link AnalyseOptions.first}): its decision has no search
   * text nor sentences yet, and its references and links were not looked for. The full analysis replaces it.
   */
  partial?: true;
}

export interface AnalyseOptions {
  /** Receives the markdown model a document was read with. */
  keepModel?: KeepModel;
  /**
   * The first pass over a workspace's documents: what decisions and terms answer from (a decision's fields, status,
   * dates, relations and summary; glossary terms; views), read without the inline markdown of every paragraph, the
   * prose models and the search for references and links. A record that leaves anything out is `partial`.
   */
  first?: boolean;
  /**
   * The first pass's record of this very text: the full analysis adds what it left out (a decision's prose, the
   * references and links) and takes the rest from it rather than reading it again.
   */
  completing?: FileRecord;
  /** False: decisions get no search text nor sentences (see {@link IndexOptions.decisionProse}). */
  prose?: boolean;
}

/** Is this file one the index must read (a document), rather than only scan for references? */
export function isDocumentCandidate(path: string, ctx: DiscoveryContext): boolean {
  return (
    isMarkdownPath(path) ||
    isGlossaryPath(path) ||
    ctx.isExtraGlossaryPath(path) ||
    ctx.isExtraViewPath(path) ||
    ctx.isDecisionPath(path)
  );
}

/** Should the index read this file at all? */
export function isIndexedPath(path: string, ctx: DiscoveryContext): boolean {
  if (ctx.isExcluded(path)) return false;
  if (isDocumentCandidate(path, ctx)) return true;
  return !isProbablyBinaryPath(path);
}

/** The record of a document too large to index, made without reading it. */
export function tooLargeRecord(path: string, size: number, maxFileSize: number, ctx: DiscoveryContext): FileRecord | undefined {
  if (!isDocumentCandidate(path, ctx)) return undefined;
  return emptyRecord(path, 'document', [
    problem('file-too-large', path, 1, `${path} is ${formatSize(size)}, over the ${formatSize(maxFileSize)} limit; it is not indexed`),
  ]);
}

/**
 * Analyses one file. `size` is its size in bytes; documents over `maxFileSize` are reported and not parsed,
 * other files over it are not scanned. Never throws: a parser failure becomes a problem on the file.
 */
export function analyseFile(
  path: string,
  bytes: Uint8Array | string,
  ctx: DiscoveryContext,
  maxFileSize: number,
  options: AnalyseOptions = {},
): FileRecord | undefined {
  const isDocument = isDocumentCandidate(path, ctx);
  const size = typeof bytes === 'string' ? bytes.length : bytes.length;
  if (size > maxFileSize) return tooLargeRecord(path, size, maxFileSize, ctx);
  let text: string;
  if (typeof bytes === 'string') text = bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes;
  else {
    const decoded = decodeText(bytes);
    if (decoded.kind === 'binary') {
      if (!isDocument) return undefined;
      return emptyRecord(path, 'document', [problem('binary-file', path, 1, `${path} is not a text file (it holds NUL bytes); it is not indexed`)]);
    }
    text = decoded.text;
  }
  try {
    return isDocument ? analyseDocument(path, text, ctx, options) : analyseText(path, text);
  } catch (err) {
    // Parsers are written not to throw; this keeps one bad file from taking the whole index down if one does.
    return emptyRecord(path, isDocument ? 'document' : 'text', [
      problem('unreadable-file', path, 1, `${path} could not be analysed: ${(err as Error).message}`),
    ]);
  }
}

function analyseText(path: string, text: string): FileRecord | undefined {
  const references = findDecisionReferences(path, text);
  const dependencies = readManifest(path, text);
  const imports = readImports(path, text);
  if (references.length === 0 && dependencies.length === 0 && imports.length === 0) return undefined;
  const record: FileRecord = { ...emptyRecord(path, 'text', []), references };
  if (dependencies.length > 0) record.dependencies = dependencies;
  if (imports.length > 0) record.imports = imports;
  return record;
}

/** Receives the markdown model a document was read with, for the rules of the same run to use instead of parsing again. */
export type KeepModel = (path: string, doc: MarkdownDocument) => void;

export interface IndexOptions {
  /**
   * Keep the markdown model each document was read with (ArchitectureIndex), so that rules run over the same texts
   * parse nothing again. For one-off runs (`archlens check`); a language server would hold every model of the workspace.
   */
  keepDocumentModels?: boolean;
  /** Reads `.archlens.yml` `sources:` (core/sources.ts); `folderName` names this repository unless the file does. */
  sources?: { load: SourceLoader; folderName: string };
  /** Reads and analyses the files of a rebuild on other threads (the command line's worker pool). */
  bulk?: BulkAnalyser;
  /**
   * Read the documents with the first pass only (see {@link AnalyseOptions.first}) and no source file at all: for a
   * one-off run that reports decisions, terms, views and problems (`archlens index`), which none of the rest changes.
   * The snapshot's documents stay partial (no references, links nor prose; nothing completes them).
   */
  documentsOnly?: boolean;
  /**
   * False: decisions are read without their search text and sentences for "why?" (the largest part of parsing one),
   * for a one-off run that neither searches nor explains (`archlens check` without --explain). Every other field,
   * and every finding, is what a full read gives.
   */
  decisionProse?: boolean;
}

function analyseDocument(path: string, text: string, ctx: DiscoveryContext, options: AnalyseOptions): FileRecord {
  if (options.completing?.partial) return completeDocument(path, text, ctx, options.completing, options.keepModel, options.prose);
  const record = emptyRecord(path, 'document', []);
  const markdown = isMarkdownPath(path);
  // A file the site appends to every page (its abbreviations) applies wherever the site does.
  const scope = ctx.appendedFiles.get(path) ?? glossaryScope(path, ctx.docsDir);
  const glossary = isGlossaryPath(path) || ctx.isExtraGlossaryPath(path);
  // Every reader of a markdown document shares one parse of it.
  const numbered = isNumberedOutside(path, markdown, ctx);
  const limit = modelLimit(path, markdown, ctx);
  let parsed: MarkdownDocument | undefined;
  const model = () => (parsed ??= parseMarkdownDocument(text, limit));
  // The first pass reads a document's structure only (what decisions, glossaries and views are read from).
  let outlined: MarkdownOutlineDocument | undefined;
  const outline = (): MarkdownOutlineDocument => parsed ?? (options.first ? (outlined ??= parseMarkdownOutline(text, limit)) : model());
  const decision = markdown && (ctx.isDecisionPath(path) || (numbered && titledAsDecision(outline())));

  if (decision) {
    const { decision, problems } = parseDecision(path, text, outline(), { vocabulary: ctx.statusVocabulary, navTitle: ctx.navTitles.get(path), prose: !options.first && options.prose !== false });
    record.kind = 'decision';
    record.decision = decision;
    record.problems.push(...problems);
    const guardrails = parseGuardrails(path, text, outline().frontMatter);
    if (guardrails.guardrails.length > 0) record.guardrails = guardrails.guardrails;
    record.problems.push(...guardrails.problems);
  } else if (glossary) {
    const result = isYamlPath(path) ? parseGlossaryYaml(path, text, scope, glossaryCachesOf(ctx)) : parseGlossaryMarkdown(path, text, scope, outline());
    record.kind = 'glossary';
    record.terms.push(...result.terms);
    record.problems.push(...result.problems);
  } else if (markdown) {
    // Views are few: a document that cannot be one is ruled out without a parse.
    const { view, problems } = parseView(path, text, outline);
    if (view) {
      record.kind = 'view';
      record.view = view;
    }
    record.problems.push(...problems);
  }
  if (markdown) {
    // A glossary parser may already have read the abbreviations of its own file.
    if (record.terms.every((t) => t.source !== 'abbreviation')) {
      const abbreviations = text.includes('*[') ? parseAbbreviations(path, text, scope, model()) : { terms: [], problems: [] };
      record.terms.push(...abbreviations.terms);
      record.problems.push(...abbreviations.problems);
    }
  }
  // The first pass looks for references and links later (and makes a decision's prose later), unless the document
  // was parsed in full anyway (for its abbreviations); what it left out marks the record partial.
  if (options.first && markdown && !parsed) {
    record.partial = true;
    return record;
  }
  if (options.first && record.decision && options.prose !== false) Object.assign(record.decision, decisionProse(record.decision, model()));
  return withReferences(record, text, markdown, model, parsed, options.keepModel);
}

/** A numbered markdown document outside the decision folders (a decision if its title says so). */
function isNumberedOutside(path: string, markdown: boolean, ctx: DiscoveryContext): boolean {
  return markdown && !ctx.isDecisionPath(path) && isNumberedDecisionName(decisionName(path)) && !isDecisionTemplate(path);
}

/** How much of a document its model reads: a decision's is cut at OUTLINE_LIMIT. */
function modelLimit(path: string, markdown: boolean, ctx: DiscoveryContext): number {
  return markdown && (isNumberedOutside(path, markdown, ctx) || ctx.isDecisionPath(path)) ? OUTLINE_LIMIT : Infinity;
}

/** A document's references and links (found outside its code), and its model handed to `keepModel`. */
function withReferences(record: FileRecord, text: string, markdown: boolean, model: () => MarkdownDocument, parsed: MarkdownDocument | undefined, keepModel?: KeepModel): FileRecord {
  const path = record.path;
  // An image is a picture the document shows: whether it is present is no question of code that went away.
  if (markdown) record.links = findMarkdownLinks(path, text, () => (parsed ??= model()).code).filter((l) => !l.image);
  record.references = findDecisionReferences(path, text, markdown ? () => (parsed ??= model()).code : undefined);
  // Only a model of the whole document will do for the rules (a decision's is cut at OUTLINE_LIMIT).
  if (keepModel && parsed && parsed.body.length === parsed.frontMatter.body.length) keepModel(path, parsed);
  return record;
}

/** The full analysis of a document from its first pass's record: the prose, references and links it left out. */
function completeDocument(path: string, text: string, ctx: DiscoveryContext, first: FileRecord, keepModel?: KeepModel, prose?: boolean): FileRecord {
  const markdown = isMarkdownPath(path);
  let parsed: MarkdownDocument | undefined;
  const model = () => (parsed ??= parseMarkdownDocument(text, modelLimit(path, markdown, ctx)));
  const { partial: _, ...record } = first;
  if (first.decision && prose !== false) record.decision = { ...first.decision, ...decisionProse(first.decision, model()) };
  return withReferences(record, text, markdown, model, parsed, keepModel);
}

// A numbered document whose title says it is a decision record is one wherever it is kept (`security/001-x.md`
// with `# ADR 001: ...` beside `operations/002-y.md`): teams split one log across topic folders.
const DECISION_TITLE = /^(?:adr|rfc|dr|architecture decision record|architectural decision record|decision record)\b/i;

function titledAsDecision(doc: MarkdownOutlineDocument): boolean {
  const h1 = doc.outline.headings.find((h) => h.level === 1);
  const title = h1?.text ?? (typeof doc.frontMatter.data.title === 'string' ? doc.frontMatter.data.title : '');
  return DECISION_TITLE.test(title.trim());
}

function emptyRecord(path: string, kind: FileKind, problems: Problem[]): FileRecord {
  return { path, kind, terms: [], references: [], links: [], problems };
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
