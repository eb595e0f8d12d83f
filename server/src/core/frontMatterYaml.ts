// A reader for the YAML that decision front matter almost always is: top-level `key: value` lines whose values are
// plain or simply quoted scalars, one-line flow lists (`tags: [a, b]`) and block lists of scalars (`governs:` then
// `  - src/**`), with comments and blank lines. It gives exactly what the `yaml` package gives for such input (the
// data as `toJS` makes it, under the YAML 1.2 core schema, and the line of each key), and gives up, returning
// undefined, on anything else, so the caller parses that with `yaml`: nested maps, anchors, multi-line scalars,
// escapes, tabs, duplicate keys, numbers other than decimal integers. A property test holds it to `yaml`.

export interface SimpleYaml {
  data: Record<string, unknown>;
  /** 1-based line of each key in the source. */
  keyLines: Map<string, number>;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const ITEM_LINE = /^( *)- +(.*)$/;
/** Characters `yaml` treats specially or may refuse; input holding one is left to it. */
const UNSUPPORTED = /[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;
/** Words the core schema reads as null or booleans: as a key they would not be the string they look like. */
const RESERVED_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** A plain scalar may not start with an indicator (`- x` and `-1` aside, which are left to `yaml` too). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const DECIMAL = /^[-+]?[0-9]+$/;
/** The core schema's other numbers (octal, hex, floats, infinities); left to `yaml`. */
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/** `yaml` refuses an implicit key longer than 1024 characters. */
const MAX_KEY = 1000;

const GIVE_UP = Symbol('give up');
type Value = unknown | typeof GIVE_UP;

/** `source` is the front matter as `yaml` would be given it (line breaks normalised to `\n`). */
export function parseSimpleYaml(source: string): SimpleYaml | undefined {
  if (UNSUPPORTED.test(source)) return undefined;
  const lines = source.split('\n');
  const data: Record<string, unknown> = {};
  const keyLines = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isBlankOrComment(line)) continue;
    const m = KEY_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1];
    if (key.length > MAX_KEY || RESERVED_KEY.test(key) || keyLines.has(key) || key === '__proto__') return undefined;
    keyLines.set(key, i + 1);
    const rest = m[2] === undefined ? '' : stripComment(m[2]);
    if (rest === undefined) return undefined;
    if (rest !== '') {
      const value = rest.startsWith('[') ? flowList(rest) : scalar(rest);
      if (value === GIVE_UP) return undefined;
      data[key] = value;
      // The next meaningful line must be another key: an indented one would continue this value.
      continue;
    }
    // `key:` alone: null, or a block list of scalars below it.
    let indent: number | undefined;
    const items: unknown[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const next = lines[j];
      if (isBlankOrComment(next)) continue;
      const item = ITEM_LINE.exec(next);
      if (!item) {
        // Anything indented that is not an item (a nested map, a continuation) is left to `yaml`.
        if (next.startsWith(' ') || next.startsWith('-')) return undefined;
        break;
      }
      if (indent === undefined) indent = item[1].length;
      else if (item[1].length !== indent) return undefined;
      const text = stripComment(item[2]);
      if (text === undefined || text === '' || text.startsWith('[')) return undefined;
      const value = scalar(text);
      if (value === GIVE_UP) return undefined;
      items.push(value);
    }
    data[key] = indent === undefined ? null : items;
    i = j - 1;
  }
  if (keyLines.size === 0) return undefined;
  return { data, keyLines };
}

function isBlankOrComment(line: string): boolean {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c === 32) continue;
    return c === 35; // '#'
  }
  return true;
}

/** The value without a trailing comment and spaces; undefined when quoting makes that uncertain. */
function stripComment(value: string): string | undefined {
  const first = value.charCodeAt(0);
  if (first === 34 || first === 39) {
    // A quoted scalar: what follows its closing quote may only be spaces and a comment.
    const close = value.indexOf(value[0], 1);
    if (close < 0) return undefined;
    const after = value.slice(close + 1);
    if (after !== '' && !/^ +(?:#.*)?$/.test(after)) return undefined;
    return value.slice(0, close + 1);
  }
  const hash = value.indexOf(' #');
  return (hash >= 0 ? value.slice(0, hash) : value).replace(/ +$/, '');
}

function scalar(text: string): Value {
  const first = text.charCodeAt(0);
  if (first === 34 || first === 39) {
    // "…" without escapes, '…' without doubled quotes: the text between the quotes.
    const inner = text.slice(1, -1);
    if (text.length < 2 || text[text.length - 1] !== text[0] || inner.includes(text[0])) return GIVE_UP;
    if (first === 34 && inner.includes('\\')) return GIVE_UP;
    return inner;
  }
  return plain(text, false);
}

function plain(text: string, inFlow: boolean): Value {
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (DECIMAL.test(text)) return parseInt(text, 10);
  if (OTHER_NUMBER.test(text) || INDICATOR_START.test(text)) return GIVE_UP;
  // `a: b` inside a value is a nested mapping; a final `:` too. In a flow list brackets and braces end things.
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #')) return GIVE_UP;
  if (inFlow && /[[\]{},]/.test(text)) return GIVE_UP;
  return text;
}

/** `[a, b, c]` of plain scalars on one line. */
function flowList(text: string): Value {
  if (!text.endsWith(']')) return GIVE_UP;
  const inner = text.slice(1, -1);
  if (inner.trim() === '') return inner === '' ? [] : GIVE_UP;
  const out: unknown[] = [];
  for (const raw of inner.split(',')) {
    const item = raw.replace(/^ +| +$/g, '');
    if (item === '' || item.includes(':') || item.includes('#')) return GIVE_UP;
    const value = plain(item, true);
    if (value === GIVE_UP || value === null) return GIVE_UP;
    out.push(value);
  }
  return out;
}
