// Relations between decisions as authors write them: "Supersedes [3. Foo](0003-foo.md)", "Superceded by ADR-0012"
// (adr-tools' spelling), "Amended by ...", front matter `supersedes: [ADR-0003, 0004-x.md]`. The index resolves the
// references these produce; here they are only read.
import type { RelationKind, RelationRef } from '../model';
import { RELATION_KEYWORDS, relationKindOf } from '../lifecycle';
import { isMarkdownPath } from '../paths';
import { resolveRelative } from '../text';
import { decisionNumberFromPath } from './paths';

/**
 * A phrase at the start of a line (after a list marker or emphasis), and what follows it; a relation when
 * lifecycle's relationKindOf knows the phrase ("Supersedes", "Superceded by", "Amended by").
 */
const PHRASE_LINE = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__|\*|_)?([a-z]+(?:\s+by)?)(?:\*\*|__|\*|_)?\s*:?\s*(?:\*\*|__)?\s*(.*)$/i;
/** One reference: a markdown link, or an ADR identifier such as ADR-0012, ADR 7, adr#3. */
const REFERENCE = /^\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)|^(adr[-_ #]?0*(\d{1,7}))(?![\d])/i;
/** What may separate references in a list: "A, B and C". */
const SEPARATOR = /^(?:\s*(?:,|;|&|\/|\band\b|\bor\b)\s*|\s+)/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const FRAGMENT_OR_QUERY = /[#?].*$/;
const BARE_NUMBER = /^(?:adr[-_ #]?)?0*(\d{1,7})$/i;

/**
 * Reads a line that states relations: one that starts with a relation phrase followed by references ("Superseded
 * by ADR-0012"), or prose that says what this decision does ("This ADR supersedes the decisions made in ADRs 60 and
 * 61", "Rejected in favour of ADR 111"); [] when the line states none.
 */
export function relationsInLine(lineText: string, line: number, docPath: string): RelationRef[] {
  const m = PHRASE_LINE.exec(lineText);
  const kind = m ? relationKindOf(m[1]) : undefined;
  if (kind) {
    const refs = referencesAfterVerb(m![2], kind, line, docPath);
    if (refs.length > 0) return refs;
  }
  return proseRelations(lineText, line, docPath);
}

/** The references after a relation verb, past a few words such as "the decisions made in". */
function referencesAfterVerb(text: string, kind: RelationKind, line: number, docPath: string): RelationRef[] {
  const direct = referencesIn(text, kind, line, docPath);
  if (direct.length > 0) return direct;
  const rest = text.replace(/^\s+/, '').replace(FILLER, '');
  const list = NUMBER_LIST.exec(rest);
  if (list) return [list[1], ...(list[2].match(/\d+/g) ?? [])].map((n) => ({ kind, text: `ADR ${Number(n)}`, number: Number(n), line }));
  return referencesIn(rest, kind, line, docPath);
}

// Prose relations. The sentence's subject must be this record: named ("This ADR supersedes …", "this decision is
// partially superseded by …") or left out at the start of a clause, as status and changelog lines write it
// ("Rejected in favour of ADR 111", "2023-11-13: Marked as rejected in favour of ADR-101"). A sentence whose subject is
// something else ("ADR 5 supersedes ADR 3", "Option B was rejected in favour of ADR 7", "both types are removed in
// favour of …") states nothing about this record.
const THIS_RECORD = String.raw`\bthis\s+(?:adr|decision|rfc|record|proposal|document)\s+(?:(?:is|was|has\s+been|are)\s+)?(?:now\s+)?((?:partially|partly)\s+)?`;
/** The start of a clause with no subject: the line, after a list marker, a `date:` or `Status:` label, or a sentence end. */
const CLAUSE_START = String.raw`(?:^|[.;:!?|])\s*(?:[-*+]\s+)?(?:\*\*|__|\*|_)?(?:(?:marked|mark|now)\s+(?:as\s+)?)?`;
/** The relation verbs of lifecycle's table ("supersededby" read as "superseded by"), and "updates" / "updated by". */
const VERBS = [...Object.keys(RELATION_KEYWORDS).map((k) => k.replace(/by$/, String.raw`\s+by`)), 'updates', String.raw`updated\s+by`].join('|');
const PROSE_VERB = new RegExp(
  String.raw`(?:${THIS_RECORD}(${VERBS})` + String.raw`|${CLAUSE_START}\b(?:rejected|deprecated|abandoned|dropped|withdrawn|superseded|retired)\s+in\s+(favou?r)\s+of)\s+`,
  'gi',
);
/** Words between the verb and the references: "the decisions made in", "the earlier". */
const FILLER = /^(?:(?:the|a|an|decisions?|choices?|made|taken|recorded|described|in|of|earlier|previous|former|approach|records?)\s+){0,5}/i;
/** Words that make a supersession partial: "supersedes some aspects of", "parts of". */
const PART_OF = /^(?:(?:some|certain|several)\s+)?(?:aspects?|parts?|portions?|sections?|elements?)\s+of\s+/i;
/** `ADRs 60 and 61`, `ADR 60, 61 and 62`, `RFCs 3 & 4`: one prefix before several numbers. */
const NUMBER_LIST = /^(?:adrs?|rfcs?|decisions?)[-\s#]?0*(\d{1,7})((?:\s*(?:,|;|&|\band\b|\bor\b)\s*0*\d{1,7}(?!\d))*)(?![\d.-]\d)/i;

function proseRelations(lineText: string, line: number, docPath: string): RelationRef[] {
  if (!/supersede|supercede|replace|amend|update|favou?r/i.test(lineText)) return [];
  const out: RelationRef[] = [];
  PROSE_VERB.lastIndex = 0;
  for (let m = PROSE_VERB.exec(lineText); m !== null; m = PROSE_VERB.exec(lineText)) {
    let kind: RelationKind | undefined = m[3] ? 'supersededBy' : proseKind(m[2]);
    if (!kind) continue;
    let rest = lineText.slice(m.index + m[0].length);
    const part = PART_OF.exec(rest.replace(/^(?:the\s+)/i, ''));
    // A partial supersession leaves the decision standing, amended, as "Partially superseded by" in a status does.
    if (m[1] || part) kind = partial(kind);
    if (part) rest = rest.replace(/^(?:the\s+)/i, '').slice(part[0].length);
    for (const r of referencesAfterVerb(rest, kind, line, docPath)) out.push(r);
  }
  return out;
}

function partial(kind: RelationKind): RelationKind {
  return kind === 'supersedes' ? 'amends' : kind === 'supersededBy' ? 'amendedBy' : kind;
}

function proseKind(verb: string): RelationKind | undefined {
  const key = verb.toLowerCase().replace(/\s+/g, '');
  if (key === 'updates') return 'amends';
  if (key === 'updatedby') return 'amendedBy';
  return relationKindOf(key);
}

/**
 * Reads a run of references ("[3. Foo](0003-foo.md) and ADR-0004") at the start of `text`. Stops at the first thing
 * that is not a reference, so prose after the list is ignored.
 */
export function referencesIn(text: string, kind: RelationKind, line: number, docPath: string): RelationRef[] {
  const refs: RelationRef[] = [];
  let rest = text.replace(/^\s+/, '');
  for (;;) {
    const m = REFERENCE.exec(rest);
    if (!m) break;
    if (m[2] !== undefined) refs.push(linkReference(kind, m[0], m[1], m[2], line, docPath));
    else refs.push({ kind, text: m[3], number: Number(m[4]), line });
    rest = rest.slice(m[0].length);
    const sep = SEPARATOR.exec(rest);
    if (!sep) break;
    rest = rest.slice(sep[0].length);
  }
  return refs;
}

function linkReference(kind: RelationKind, text: string, label: string, target: string, line: number, docPath: string): RelationRef {
  const ref: RelationRef = { kind, text, line };
  // A link to another site (another repository's decision log) is kept as that link: its label's number is theirs.
  if (URL_SCHEME.test(target) || target.startsWith('//')) {
    ref.external = target;
    return ref;
  }
  if (target && !URL_SCHEME.test(target) && !target.startsWith('#')) {
    const local = safeDecode(target.replace(FRAGMENT_OR_QUERY, ''));
    const resolved = local ? resolveRelative(docPath, local) : undefined;
    if (resolved) ref.path = resolved;
    const n = decisionNumberFromPath(local);
    if (n !== undefined) ref.number = n;
  }
  if (ref.number === undefined) {
    const n = decisionNumberFromPath(label.trim());
    if (n !== undefined) ref.number = n;
  }
  return ref;
}

/**
 * Reads one front-matter relation value: "ADR-0003", 3, "0003-some-slug", "0003-some-slug.md", "../adr/0003-x.md",
 * or a markdown link.
 */
export function referenceFromValue(value: string, kind: RelationKind, line: number, docPath: string): RelationRef | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const fromMarkup = referencesIn(text, kind, line, docPath);
  if (fromMarkup.length > 0 && fromMarkup[0].text.length === text.length) return fromMarkup[0];
  const ref: RelationRef = { kind, text, line };
  const bare = BARE_NUMBER.exec(text);
  if (bare) {
    ref.number = Number(bare[1]);
    return ref;
  }
  if (URL_SCHEME.test(text)) {
    ref.external = text;
    return ref;
  }
  const local = safeDecode(text.replace(FRAGMENT_OR_QUERY, ''));
  if (local.includes('/') || isMarkdownPath(local)) {
    const resolved = resolveRelative(docPath, local);
    if (resolved) ref.path = resolved;
  } else {
    ref.slug = local;
  }
  const n = decisionNumberFromPath(local);
  if (n !== undefined) ref.number = n;
  return ref;
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
