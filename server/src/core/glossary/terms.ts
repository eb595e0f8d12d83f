// Building blocks shared by every glossary format: reading a term's name (with the aliases written beside it), the
// `Aliases:` / `Avoid:` lines a definition may carry, and assembling a clean GlossaryTerm.
import type { GlossarySource, GlossaryTerm } from '../model';
import { plainInline } from '../markdown';

/** What a term line, heading or table cell names: the term and the aliases written in parentheses after it. */
export interface TermName {
  term: string;
  aliases: string[];
}

// `Term (ABBR)` or `Term (alias one, alias two)`: the parenthesis must close the line.
const TRAILING_PARENS = /^(.*?\S)\s*\(([^()]+)\)$/;
// mkdocs attr_list `{#anchor .class}` after a heading or term: markup, not a word of the term.
const TRAILING_ATTRS = /\s*\{[#.][^{}]*\}\s*$/;
const LIST_SEPARATOR = /\s*(?:,|;|<br\s*\/?>)\s*/i;

/**
 * Reads a term as written on a definition-list term line, a heading or a table cell: inline markup is stripped,
 * and a closing `(ABBR)` or `(alias1, alias2)` becomes aliases.
 */
export function readTermName(raw: string): TermName {
  const plain = plainInline(raw.replace(TRAILING_ATTRS, '')).replace(/:$/, '').trim();
  const m = TRAILING_PARENS.exec(plain);
  if (!m) return { term: plain, aliases: [] };
  return { term: m[1].trim(), aliases: splitWords(m[2]) };
}

/** Splits `a, b; c<br>d` into clean words (markup stripped, quotes and a closing full stop removed). */
export function splitWords(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(LIST_SEPARATOR)) {
    const word = plainInline(part)
      .replace(/^["'“‘]+|["'”’]+$/g, '')
      .replace(/\.$/, '')
      .trim();
    if (word.length > 0) out.push(word);
  }
  return out;
}

export type MetaKind = 'aliases' | 'avoid';

// Lines inside a definition that name synonyms or words to avoid. Markup is stripped first, so `*Also:* x`,
// `**Aliases**: x` and `- Avoid: x` all read the same. `Also:` means "also called", hence an alias.
const META_LINE =
  /^(?:[-*+]\s+)?(aliases|alias|also known as|also called|also|aka|a\.k\.a\.|synonyms|synonym|avoid|do not use|don't use)\s*:\s*(.*)$/i;
const AVOID_KEYS = new Set(['avoid', 'do not use', "don't use"]);

/** Recognises an `Aliases: a, b` / `Avoid: x` line; returns the words it lists, or undefined for ordinary text. */
export function readMetaLine(rawLine: string): { kind: MetaKind; words: string[] } | undefined {
  const trimmed = rawLine.trim();
  // Cheap gate: every meta line has a colon within its first few words.
  const colon = trimmed.indexOf(':');
  if (colon < 0 || colon > 24) return undefined;
  const plain = plainInline(trimmed.replace(/^[-*+]\s+/, ''));
  const m = META_LINE.exec(plain);
  if (!m) return undefined;
  const kind: MetaKind = AVOID_KEYS.has(m[1].toLowerCase()) ? 'avoid' : 'aliases';
  return { kind, words: splitWords(m[2]) };
}

/** Collects the parts of one term while a parser reads it, then turns them into a GlossaryTerm. */
export class TermBuilder {
  readonly aliases: string[] = [];
  readonly avoid: string[] = [];
  private readonly text: string[] = [];

  constructor(
    readonly term: string,
    readonly line: number,
  ) {}

  /** Adds a line of the definition, unless it is an `Aliases:` / `Avoid:` line, whose words it records instead. */
  addDefinitionLine(raw: string): void {
    if (!this.addMeta(raw)) this.addText(raw);
  }

  /** Records the words of an `Aliases:` / `Avoid:` line; false when the line is ordinary text. */
  addMeta(raw: string): boolean {
    const meta = readMetaLine(raw);
    if (!meta) return false;
    (meta.kind === 'avoid' ? this.avoid : this.aliases).push(...meta.words);
    return true;
  }

  addText(raw: string): void {
    const t = raw.trim();
    if (t.length > 0) this.text.push(t);
  }

  get hasText(): boolean {
    return this.text.length > 0;
  }

  /** The definition is joined into one paragraph of plain text (inline markdown stripped). */
  build(path: string, scope: string, source: GlossarySource): GlossaryTerm {
    const definition = plainInline(this.text.join(' ')).replace(/\s+/g, ' ').trim();
    const seen = new Set([this.term.toLowerCase()]);
    const aliases = dedupe(this.aliases, seen);
    // A word cannot be both a synonym and a word to avoid; the avoid list wins because it is the stronger statement.
    const avoid = dedupe(this.avoid, new Set([this.term.toLowerCase()]));
    const avoided = new Set(avoid.map((a) => a.toLowerCase()));
    return {
      term: this.term,
      aliases: aliases.filter((a) => !avoided.has(a.toLowerCase())),
      definition,
      avoid,
      path,
      line: this.line,
      scope,
      source,
    };
  }
}

/** Case-insensitive de-duplication keeping the first spelling; words already in `seen` are dropped. */
function dedupe(words: string[], seen: Set<string>): string[] {
  const out: string[] = [];
  for (const w of words) {
    const key = w.toLowerCase();
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(w);
  }
  return out;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
