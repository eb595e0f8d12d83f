// Relations between decisions as authors write them: "Supersedes [3. Foo](0003-foo.md)", "Superceded by ADR-0012"
// (adr-tools' spelling), "Amended by ...", front matter `supersedes: [ADR-0003, 0004-x.md]`. The index resolves the
// references these produce; here they are only read.
import type { RelationKind, RelationRef } from '../model';
import { relationKindOf } from '../lifecycle';
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

/** Reads a line that starts with a relation phrase followed by references; [] when the line is not one. */
export function relationsInLine(lineText: string, line: number, docPath: string): RelationRef[] {
  const m = PHRASE_LINE.exec(lineText);
  if (!m) return [];
  const kind = relationKindOf(m[1]);
  return kind ? referencesIn(m[2], kind, line, docPath) : [];
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
  if (URL_SCHEME.test(text)) return ref;
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
