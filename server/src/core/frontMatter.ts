// YAML front matter: the block between the opening `---` line and the next `---` line, parsed by the `yaml` package
// because it reports errors with line numbers and gives the line of each key (so diagnostics can point at `status:`
// or `governs:`).
import { parseDocument, isMap, isScalar, LineCounter } from 'yaml';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The markdown after the front matter. */
  body: string;
  /** 1-based line of the document where `body` starts. */
  bodyLine: number;
  /** 1-based line of each top-level key. */
  keyLines: Map<string, number>;
  error?: { line: number; message: string };
}

const FENCE = /^---[ \t]*\r?\n/;
const CLOSING_FENCE = /\r?\n---[ \t]*(\r?\n|$)/;
const MAX_FRONT_MATTER = 256 * 1024;

export function parseFrontMatter(input: string): FrontMatter {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const empty: FrontMatter = { data: {}, body: text, bodyLine: 1, keyLines: new Map() };
  // Without a closing fence the opening `---` is a thematic break, not front matter.
  if (!FENCE.test(text)) return empty;
  // Front matter is a few lines of metadata; a block larger than this is refused before any YAML parsing so a
  // hostile document cannot make the index spend seconds on it.
  const closing = CLOSING_FENCE.exec(text.slice(3, MAX_FRONT_MATTER + 3));
  if (!closing) {
    if (CLOSING_FENCE.test(text.slice(3))) {
      return { ...empty, error: { line: 1, message: `front matter is larger than ${MAX_FRONT_MATTER / 1024} KB; it is not read` } };
    }
    return empty;
  }
  // The YAML is everything after the opening fence's line up to the closing fence; it keeps its leading newline so
  // that its line numbers are the document's.
  const yamlSource = text.slice(3, 3 + closing.index);
  const body = text.slice(3 + closing.index + closing[0].length);
  const bodyLine = countLines(text.slice(0, text.length - body.length)) + 1;
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlSource.replace(/\r\n?/g, "\n"), { lineCounter, prettyErrors: false, uniqueKeys: false });
  const keyLines = new Map<string, number>();
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    // The YAML source starts on the opening fence's line, so its line numbers are the document's.
    const line = e.pos ? lineCounter.linePos(e.pos[0]).line : 2;
    return { data: {}, body, bodyLine, keyLines, error: { line, message: e.message.split('\n')[0] } };
  }
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) {
    return { data: {}, body, bodyLine, keyLines, error: { line: 2, message: 'front matter is not a mapping of keys to values' } };
  }
  if (isMap(contents)) {
    for (const item of contents.items) {
      if (isScalar(item.key) && item.key.range) {
        keyLines.set(String(item.key.value), lineCounter.linePos(item.key.range[0]).line);
      }
    }
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    return { data: {}, body, bodyLine, keyLines, error: { line: 2, message: String((err as Error).message) } };
  }
  return { data: (data ?? {}) as Record<string, unknown>, body, bodyLine, keyLines };
}

function countLines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Front-matter values come as string, number, Date or list; this reads any of them as a list of strings. */
export function asStringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(asStringList);
  if (value instanceof Date) return [value.toISOString().slice(0, 10)];
  if (typeof value === 'object') return [];
  return String(value)
    .split(/\s*,\s*/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function asString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return undefined;
  const s = String(value).trim();
  return s.length > 0 ? s : undefined;
}
