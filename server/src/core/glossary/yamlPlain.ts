// The first read of a YAML glossary without a YAML parser, when every entry is written in the plainest form:
// `- name: Order Feed` then `  definition: …`, `  aliases: [a, b]` lines, each value a plain one-line scalar
// that YAML reads as a string, or a flow list of such scalars. That is how large generated and hand-kept
// glossaries are written, and reading them so costs a fraction of building YAML nodes for 10,000 entries. Anything
// else (quotes, block scalars, continuation lines, comments after a value, numbers, booleans, nulls, nested
// mappings, an entry without a name) refuses the whole file, which the YAML parser then reads: the result is always
// the YAML parser's.
import type { GlossaryTerm } from '../model';
import { splitWords, TermBuilder } from './terms';

const NAME_KEYS = ['name', 'term', 'title'];
const DEFINITION_KEYS = ['definition', 'description', 'meaning', 'def'];
const ALIAS_KEYS = ['aliases', 'alias', 'synonyms', 'also'];
const AVOID_KEYS = ['avoid', 'avoided', 'deprecated'];

/** `key: value` with a plain key; the value is checked apart. */
const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*):[ ]+(\S.*)$/;
/** Words YAML's core schema reads as booleans or null rather than strings. */
const NOT_A_STRING = /^(?:true|false|null|yes|no|on|off|y|n)$/i;
/** Characters that make a scalar anything but plain text, or a line anything but one `key: value`. */
const SPECIAL = /: |:$| #|[[\]{},\t]/;
const BLANK = /^[ ]*$/;

/** Work done (tests count it). */
export const plainGlossaryWork = { files: 0, refused: 0 };

/** A plain scalar YAML reads as this very string (trailing spaces aside), or undefined. */
function plainScalar(raw: string): string | undefined {
  const value = raw.trimEnd();
  if (!/^\p{L}/u.test(value) || SPECIAL.test(value) || NOT_A_STRING.test(value)) return undefined;
  return value;
}

/** `[a, b c]` as its strings, or undefined when any item is not a plain scalar. */
function flowList(raw: string): string[] | undefined {
  const value = raw.trimEnd();
  if (!value.startsWith('[') || !value.endsWith(']')) return undefined;
  const inner = value.slice(1, -1);
  if (inner.trim() === '') return [];
  const items: string[] = [];
  for (const part of inner.split(',')) {
    const item = plainScalar(part.trim());
    if (item === undefined) return undefined;
    items.push(item);
  }
  return items;
}

/**
 * The terms of entries cut by `splitEntries` (yamlEntries.ts), each entry read line by line; undefined when any
 * entry is not in the plainest form.
 */
export function readPlainEntries(chunks: readonly { text: string; line: number }[], path: string, scope: string): GlossaryTerm[] | undefined {
  plainGlossaryWork.files++;
  const terms: GlossaryTerm[] = [];
  for (const chunk of chunks) {
    const term = readEntry(chunk.text, chunk.line, path, scope);
    if (!term) {
      plainGlossaryWork.refused++;
      return undefined;
    }
    terms.push(term);
  }
  return terms;
}

function readEntry(text: string, firstLine: number, path: string, scope: string): GlossaryTerm | undefined {
  const lines = text.split('\n');
  const first = lines[0];
  const indent = first.length - first.trimStart().length;
  const fields: { key: string; value: string | string[]; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (BLANK.test(line)) continue;
    // The entry's first line is `- key: value`; the others `key: value` under it, two columns in.
    const body = line.slice(indent + 2);
    if (line.slice(0, indent + 2) !== (i === 0 ? `${' '.repeat(indent)}- ` : ' '.repeat(indent + 2)) || body.startsWith(' ')) return undefined;
    const m = KEY_LINE.exec(body);
    if (!m) return undefined;
    const raw = m[2];
    const value = raw.startsWith('[') ? flowList(raw) : plainScalar(raw);
    if (value === undefined) return undefined;
    fields.push({ key: m[1].toLowerCase(), value, line: firstLine + i });
  }
  // The first field whose key is one of `keys`, in the order written (as the YAML reader looks them up).
  const get = (keys: string[]) => fields.find((f) => keys.includes(f.key));
  const name = get(NAME_KEYS);
  const term = name && typeof name.value === 'string' ? name.value.replace(/\s+/g, ' ').trim() : '';
  if (!name || term === '') return undefined;
  const b = new TermBuilder(term, name.line);
  const definition = get(DEFINITION_KEYS)?.value;
  b.addText(definition === undefined ? '' : typeof definition === 'string' ? definition.replace(/\s+/g, ' ').trim() : definition.map((v) => v.replace(/\s+/g, ' ').trim()).filter((s) => s.length > 0).join(' '));
  const words = (v: string | string[] | undefined) => (v === undefined ? [] : typeof v === 'string' ? splitWords(v) : v.flatMap((x) => splitWords(x)));
  b.aliases.push(...words(get(ALIAS_KEYS)?.value));
  b.avoid.push(...words(get(AVOID_KEYS)?.value));
  return b.build(path, scope, 'yaml');
}
