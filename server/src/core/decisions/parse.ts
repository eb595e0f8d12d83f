// One decision record, in any of the common conventions (adr-tools / Nygard, MADR 2, MADR 3-4 front matter,
// log4brains, metadata tables, `**Status**:` lines), read into the one ParsedDecision model. Never throws: what an
// author got wrong becomes a Problem with a line.
import { asString, asStringList } from '../frontMatter';
import { OUTLINE_LIMIT, parseMarkdownOutline, plainInline, type MarkdownOutlineDocument } from '../markdown';
import type { DecisionFormat, ParsedDecision, Problem, RelationRef } from '../model';
import { RELATION_KEYWORDS } from '../lifecycle';
import { problem } from '../problems';
import { readDate } from './dates';
import { cleanValue, readBodyMetadata, type BodyField, type BodyMetadata } from './fields';
import { dateFromLog4brainsName, decisionNumberFromPath, isDecisionTemplate, isLog4brainsName, titleFromPath } from './paths';
import { referenceFromValue, referencesIn } from './relations';
import { decisionPassages, NO_PASSAGES } from './passages';
import { normaliseStatus, type StatusVocabulary } from './status';
import { decisionSummary, searchTextOf } from './summary';

export { decisionNumberFromPath, isDecisionTemplate };

export interface DecisionParseResult {
  decision: ParsedDecision;
  problems: Problem[];
}

/** Front-matter keys by their letters only, lower case (`decision-makers`, `Decision_Makers` -> decisionmakers). */
const GOVERNS_KEYS = ['governs', 'appliesto', 'affects', 'scope', 'files'];
const DECISION_KEYS = ['status', 'date', 'deciders', 'decisionmakers', 'consulted', 'informed', 'tags'];
const MADR_HEADING = /^(?:context and problem statement|decision outcome|considered options|decision drivers)$/i;

const TITLE_PREFIX = /^(?:architecture\s+decision\s+record|architectural\s+decision\s+record|adr|rfc)\s*[:\-–—]\s*/i;
// "ADR 7:", "ADR-0007 -", "ADR N022:", "RFC-0002 ", "DR 3.", "PRJ-ADR-0003 -", "Project - PRJ-ADR-0003 - ".
const TITLE_ADR_NUMBER = /^(?:[\p{L}\d ]{1,40}?\s[-–—]\s)?(?:[a-z]{2,10}-)?(?:adr|rfc|dr)[-_ #]?(?:n|no\.?\s*)?0*(\d{1,7})(?:\s*[.:)]\s*|\s+[-–—]\s+|\s+|$)/iu;
// "7. Title", "7 - Title", "23 Logging".
const TITLE_NUMBER = /^0*(\d{1,7})(?:[.:)]\s+|\s+[-–—]\s+|\s+(?=\p{Lu}))/u;
/** Front-matter keys that describe a record when its `title:` is only its id (Jekyll collections). */
const DESCRIPTION_KEYS = ['description', 'summary'];
// Unfilled template text: "{proposed | accepted | ...", "[list everyone involved in the decision]".
const PLACEHOLDER = /^\{|^\[[\s\S]*\]$/;
const LIST_SPLIT = /\s*[,;]\s*/;
const TAG_SPLIT = /[\s,;]+/;

export interface DecisionParseOptions {
  /** The team's own status words (`.archlens.yml` `statuses:`). */
  vocabulary?: StatusVocabulary;
  /** The title the site navigation (mkdocs `nav`) gives this file. */
  navTitle?: string;
  /**
   * False for the first pass over a workspace: the search text and the sentences for "why?" are left empty (the
   * full parse fills them); every other field is what the full parse gives.
   */
  prose?: boolean;
}

/** Reads one decision; `doc` is the document's markdown model when the caller has already parsed it. */
export function parseDecision(path: string, text: string, doc?: MarkdownOutlineDocument, options: DecisionParseOptions = {}): DecisionParseResult {
  try {
    return parse(path, doc ?? parseMarkdownOutline(text, OUTLINE_LIMIT), options);
  } catch (err) {
    // A parser bug must not take the index down with it: report the file and keep what the name says.
    const decision = emptyDecision(path, titleFromPath(path));
    return { decision, problems: [problem('unreadable-file', path, 1, `could not read this decision: ${String(err)}`)] };
  }
}

function parse(path: string, doc: MarkdownOutlineDocument, options: DecisionParseOptions): DecisionParseResult {
  const problems: Problem[] = [];
  const fm = doc.frontMatter;
  if (fm.error) problems.push(problem('bad-front-matter', path, fm.error.line, `front matter does not parse: ${fm.error.message}`));
  const meta = frontMatterFields(fm.data, fm.keyLines);

  const outline = doc.outline;
  const bodyMeta = readBodyMetadata(outline, doc.lines, fm.bodyLine, path);

  // Title: the first H1, else front matter `title:`, else the file name.
  const h1 = outline.headings.find((h) => h.level === 1 && h.text !== '');
  const fmTitle = meta.get('title');
  let title: string;
  let line = 1;
  let titleNumber: number | undefined;
  // A title written in front matter or a site's nav is inline markdown too (`title: Use \`aws-eks\``): read it as
  // the heading's text is read, so every place that shows a title shows plain text.
  const fmText = asString(fmTitle?.value);
  const fmClean = fmText ? cleanTitle(plainInline(fmText)) : undefined;
  const rawDescription = DESCRIPTION_KEYS.map((k) => asString(meta.get(k)?.value)).find((v) => v !== undefined);
  const description = rawDescription !== undefined ? plainInline(rawDescription) || undefined : undefined;
  if (h1) {
    const t = cleanTitle(h1.text);
    title = t.title;
    titleNumber = t.number;
    line = h1.line;
  } else if (fmClean && !fmClean.onlyId) {
    title = fmClean.title;
    titleNumber = fmClean.number;
    line = fmTitle!.line;
  } else if (fmClean && description) {
    // Jekyll collections: `title: ADR-004` names the record, `description:` says what it decides.
    title = description;
    titleNumber = fmClean.number;
    line = fmTitle!.line;
  } else if (options.navTitle) {
    title = cleanTitle(plainInline(options.navTitle)).title;
  } else {
    title = titleFromPath(path);
    problems.push(problem('missing-title', path, 1, `no "# Title" heading; using "${title}" from the file name`));
  }

  const decision = emptyDecision(path, title);
  decision.line = line;
  const fileNumber = decisionNumberFromPath(path);
  const number = fileNumber ?? titleNumber;
  if (number !== undefined) decision.number = number;
  if (fileNumber !== undefined && titleNumber !== undefined && fileNumber !== titleNumber) {
    problems.push(problem('number-mismatch', path, line, `the title says ${titleNumber} but the file name says ${fileNumber}`));
  }

  const relations: RelationRef[] = [];
  readStatus(decision, meta, bodyMeta, relations, options.vocabulary, problems);
  readDates(decision, meta, bodyMeta.fields.get('date'), problems, doc);
  decision.deciders = listField(meta, ['deciders', 'decisionmakers', 'decisionmaker'], bodyMeta.fields.get('deciders'), LIST_SPLIT);
  decision.consulted = listField(meta, ['consulted'], bodyMeta.fields.get('consulted'), LIST_SPLIT);
  decision.informed = listField(meta, ['informed'], bodyMeta.fields.get('informed'), LIST_SPLIT);
  decision.tags = listField(meta, ['tags', 'tag'], bodyMeta.fields.get('tags'), TAG_SPLIT).map((t) => t.replace(/^#/, ''));
  readGoverns(decision, meta);

  for (const [key, kind] of Object.entries(RELATION_KEYWORDS)) {
    const entry = meta.get(key);
    if (!entry) continue;
    for (const value of asStringList(Array.isArray(entry.value) ? entry.value : [entry.value])) {
      const ref = referenceFromValue(value, kind, entry.line, path);
      if (ref) relations.push(ref);
    }
  }
  for (const r of bodyMeta.relations) relations.push(r);
  // `| Updates | [ADR 3](…) |` and `| Updated by | … |` rows: an update amends the earlier decision.
  for (const [name, kind] of [['updates', 'amends'], ['updatedBy', 'amendedBy']] as const) {
    const field = bodyMeta.fields.get(name);
    if (field) relations.push(...referencesIn(field.value, kind, field.line, path));
  }
  decision.relations = dedupe(relations);

  decision.format = formatOf(path, meta, bodyMeta, decision.status !== undefined || decision.statusText !== undefined, outline.headings.map((h) => h.text));
  if (decision.status === undefined && decision.statusText === undefined) {
    if (isLog4brainsStyle(path, bodyMeta)) {
      // log4brains treats a record without a status as accepted.
      decision.status = 'accepted';
    } else if (!fm.error) {
      // With broken front matter the status may well be in it: bad-front-matter already says what to fix.
      problems.push(problem('missing-status', path, decision.line, `"${title}" states no status`));
    }
  }

  decision.summary = decisionSummary(doc);
  if (options.prose !== false) Object.assign(decision, decisionProse(decision, doc));
  return { decision, problems };
}

/** A decision's search text and sentences, from its document (what a parse with `prose: false` leaves out). */
export function decisionProse(decision: ParsedDecision, doc: MarkdownOutlineDocument): Pick<ParsedDecision, 'searchText' | 'passages'> {
  // The title is searched with the body; a title from the first heading is in the body already.
  const h1 = doc.outline.headings.some((h) => h.level === 1 && h.text !== '');
  return { searchText: searchTextOf(h1 ? '' : decision.title, doc), passages: decisionPassages(doc.outline) };
}

interface FrontMatterEntry {
  value: unknown;
  line: number;
}

/** Front matter by normalised key, each with the line of its key. */
function frontMatterFields(data: Record<string, unknown>, keyLines: Map<string, number>): Map<string, FrontMatterEntry> {
  const out = new Map<string, FrontMatterEntry>();
  for (const [key, value] of Object.entries(data)) {
    const k = key.toLowerCase().replace(/[^a-z]/g, '');
    if (!out.has(k)) out.set(k, { value, line: keyLines.get(key) ?? 1 });
  }
  return out;
}

function readStatus(
  decision: ParsedDecision,
  meta: Map<string, FrontMatterEntry>,
  bodyMeta: BodyMetadata,
  relations: RelationRef[],
  vocabulary: StatusVocabulary | undefined,
  problems: Problem[],
): void {
  const fmStatus = meta.get('status');
  const fmText = fmStatus ? asString(fmStatus.value) : undefined;
  let raw: string | undefined;
  let line: number | undefined;
  if (fmStatus && fmText && !PLACEHOLDER.test(fmText)) {
    raw = fmText;
    line = fmStatus.line;
  } else {
    const field = bodyMeta.fields.get('status');
    if (field && !PLACEHOLDER.test(field.value)) {
      raw = field.value;
      line = field.line;
    }
  }
  if (raw === undefined || line === undefined) return;
  const s = normaliseStatus(raw, vocabulary);
  if (s.text === '') return;
  decision.statusText = s.text;
  decision.statusLine = line;
  // The index reports an unknown word once per repository, with every file that uses it.
  if (s.status) decision.status = s.status;
  else problems.push(problem('unknown-status', decision.path, line, `unknown status "${s.text}" (known: accepted, proposed, superseded, deprecated, rejected, draft)`));
  for (const [kind, target] of [['supersededBy', s.supersededBy], ['amendedBy', s.amendedBy]] as const) {
    if (!target) continue;
    const refs = referencesIn(target, kind, line, decision.path);
    if (refs.length > 0) relations.push(...refs);
    else if (!/\s/.test(target)) {
      const ref = referenceFromValue(target, kind, line, decision.path);
      if (ref) relations.push(ref);
    }
  }
}

const CHANGELOG_HEADING = /^(?:change\s*log|changes|history|revision\s+history|revisions|status\s+history|log)$/i;
// "2022/09/07: Initial draft", "January 28th, 2022: first draft", "- 2023-01-02 - accepted".
const CHANGELOG_ENTRY = /^\s*([^:–—]{6,30}?)\s*(?::|\s[-–—]\s)/;

/** The earliest date of a Changelog section's entries: when the record was first written. */
function changelogDate(doc: MarkdownOutlineDocument): string | undefined {
  const section = doc.outline.sections.find((s) => CHANGELOG_HEADING.test(s.heading.text.replace(/[:.]$/, '')));
  if (!section) return undefined;
  let earliest: string | undefined;
  for (const b of doc.outline.blocks) {
    if (b.line < section.startLine || b.line > section.endLine || b.type === 'code' || b.type === 'html') continue;
    for (const line of b.text.split('\n')) {
      const m = CHANGELOG_ENTRY.exec(cleanValue(line.replace(/^[-*+]\s+/, '')));
      const reading = m ? readDate(m[1]) : undefined;
      if (reading && 'iso' in reading && (earliest === undefined || reading.iso < earliest)) earliest = reading.iso;
    }
  }
  return earliest;
}

function readDates(decision: ParsedDecision, meta: Map<string, FrontMatterEntry>, field: BodyField | undefined, problems: Problem[], doc: MarkdownOutlineDocument): void {
  const fmDate = meta.get('date');
  const source = fmDate && fmDate.value !== null && fmDate.value !== '' ? fmDate : field;
  if (source) {
    const reading = readDate(source.value);
    if (reading && 'iso' in reading) {
      decision.date = reading.iso;
      if (reading.ambiguous) decision.dateAmbiguous = reading.ambiguous;
      if (reading.order) decision.dateOrder = reading.order;
    } else if (reading) problems.push(problem('bad-date', decision.path, source.line, `date: ${reading.error}`));
  }
  if (decision.date === undefined) {
    const fromChangelog = changelogDate(doc);
    if (fromChangelog) decision.date = fromChangelog;
  }
  if (decision.date === undefined) {
    // log4brains names start with the date the record was written.
    const fromName = dateFromLog4brainsName(decision.path);
    const reading = fromName ? readDate(fromName) : undefined;
    if (reading && 'iso' in reading) decision.date = reading.iso;
  }
  const reviewed = meta.get('reviewed');
  if (reviewed) {
    const reading = readDate(reviewed.value);
    if (reading && 'iso' in reading) decision.reviewed = reading.iso;
    else if (reading) problems.push(problem('bad-date', decision.path, reviewed.line, `reviewed: ${reading.error}`));
  }
  const commit = meta.get('reviewedcommit');
  const hash = commit ? asString(commit.value) : undefined;
  if (hash) decision.reviewedCommit = hash;
}

function listField(meta: Map<string, FrontMatterEntry>, keys: string[], field: BodyField | undefined, split: RegExp): string[] {
  for (const key of keys) {
    const entry = meta.get(key);
    if (!entry) continue;
    const values = Array.isArray(entry.value) ? asStringList(entry.value) : (asString(entry.value) ?? '').split(split);
    return values.map(cleanValue).filter((v) => v !== '' && !PLACEHOLDER.test(v));
  }
  if (!field || PLACEHOLDER.test(field.value)) return [];
  return plainText(field.value)
    .split(split)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function readGoverns(decision: ParsedDecision, meta: Map<string, FrontMatterEntry>): void {
  for (const key of GOVERNS_KEYS) {
    const entry = meta.get(key);
    if (!entry) continue;
    const values = Array.isArray(entry.value) ? entry.value.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v)] : [])) : typeof entry.value === 'string' ? splitOutsideBraces(entry.value) : [];
    decision.governs = values.map((v) => v.trim()).filter((v) => v !== '');
    decision.governsLine = entry.line;
    return;
  }
}

/** Splits "src/**, lib/{a,b}/**" on the commas between globs, not those inside a brace alternative. */
function splitOutsideBraces(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

function formatOf(path: string, meta: Map<string, FrontMatterEntry>, bodyMeta: BodyMetadata, hasStatus: boolean, headings: string[]): DecisionFormat {
  const fmHasStatus = meta.has('status') && asString(meta.get('status')?.value) !== undefined;
  const status = bodyMeta.fields.get('status');
  if (fmHasStatus && hasStatus) return 'madr';
  if (status && hasStatus) return formatOfSource(status.source);
  if (DECISION_KEYS.some((k) => meta.has(k))) return 'madr';
  if (bodyMeta.hasStatusSection) return 'nygard';
  // "Technical Story:" appears in several conventions, so it says nothing about which one this is.
  const first = [...bodyMeta.fields.entries()].filter(([k]) => k !== 'technicalStory').map(([, f]) => f).sort((a, b) => a.line - b.line)[0];
  if (first) return first.source === 'line' && bodyMeta.fields.has('date') ? 'nygard' : formatOfSource(first.source);
  if (isLog4brainsName(path)) return 'log4brains';
  if (meta.size > 0 || headings.some((h) => MADR_HEADING.test(h))) return 'madr';
  return 'unknown';
}

function formatOfSource(source: BodyField['source']): DecisionFormat {
  switch (source) {
    case 'section':
      return 'nygard';
    case 'bullet-dash':
      return 'log4brains';
    case 'bullet-star':
      return 'madr2';
    case 'table':
      return 'table';
    case 'line':
      return 'inline';
  }
}

function isLog4brainsStyle(path: string, bodyMeta: BodyMetadata): boolean {
  if (isLog4brainsName(path)) return true;
  for (const f of bodyMeta.fields.values()) if (f.source === 'bullet-dash') return true;
  return false;
}

export function cleanTitle(heading: string): { title: string; number?: number; onlyId: boolean } {
  let title = heading.replace(TITLE_PREFIX, '');
  let number: number | undefined;
  const m = TITLE_ADR_NUMBER.exec(title) ?? TITLE_NUMBER.exec(title);
  if (m) number = Number(m[1]);
  const onlyId = m !== null && m[0].trim().length >= title.trim().length;
  if (m && !onlyId) title = title.slice(m[0].length);
  title = title.replace(TITLE_PREFIX, '').trim();
  // "ADR-004" is an id, not a title.
  if (/^\d{1,7}$/.test(title)) return { title, number: number ?? Number(title), onlyId: true };
  return { title: title || heading.trim(), number, onlyId };
}

/** Field values written as markdown ("[Jane](https://...)", "**foo**") as plain text. */
function plainText(value: string): string {
  return value
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:[^>\s]*)>/g, '$1')
    .replace(/(\*\*|__|`)/g, '');
}

function dedupe(relations: RelationRef[]): RelationRef[] {
  const seen = new Set<string>();
  return relations.filter((r) => {
    const key = `${r.kind}\u0000${r.line}\u0000${r.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function emptyDecision(path: string, title: string): ParsedDecision {
  return {
    path,
    line: 1,
    title,
    deciders: [],
    consulted: [],
    informed: [],
    tags: [],
    governs: [],
    relations: [],
    format: 'unknown',
    summary: '',
    searchText: '',
    passages: NO_PASSAGES,
  };
}

