// Front matter: gray-matter finds the block between the opening `---` line and the closing one, and hands it to its
// YAML engine, which here is the `yaml` package (the one YAML parser of the product): it reports errors with line
// numbers and gives the line of each key, so diagnostics can point at `status:` or `governs:`. The parsed YAML
// document is kept, so readers of other keys (guardrails) use this one parse instead of parsing the block again.
// The simple YAML nearly every decision's front matter is (`key: value` lines and lists of scalars) is read by
// frontMatterYaml.ts instead, with the same result, and its `yaml` document is parsed only if someone asks for it:
// that was most of the time front matter took.
import matter from 'gray-matter';
import { parseDocument, isMap, isScalar, LineCounter, type Document } from 'yaml';
import { parseSimpleYaml } from './frontMatterYaml';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The markdown after the front matter. */
  body: string;
  /** 1-based line of the document where `body` starts. */
  bodyLine: number;
  /** 1-based line of each top-level key. */
  keyLines: Map<string, number>;
  error?: { line: number; message: string };
  /** The parsed YAML, with node offsets into `yaml.source`; absent without front matter. */
  yaml?: { document: Document; lineCounter: LineCounter; source: string };
}

const FENCE = /^---[ \t]*\r?\n/;
const MAX_FRONT_MATTER = 256 * 1024;
const MAX_BLANK_RUN = 512;
/** The first non-blank line is a YAML key (`status: accepted`, `tags:`). */
const OPENS_KEYS = /^(?:[ \t]*\r?\n){0,16}[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|\r?\n|$)/;

/** What the engine learnt beside the data gray-matter keeps. */
interface EngineResult {
  keyLines: Map<string, number>;
  error?: { line: number; message: string };
  yaml?: FrontMatter['yaml'];
}

function refuse(): object {
  throw new Error('front matter in a language other than YAML is not read');
}

/** gray-matter options with `yaml` as the YAML engine; scripts (gray-matter's `---js` engine) are never run. */
function optionsFor(result: EngineResult) {
  return {
    language: 'yaml',
    engines: {
      yaml: (source: string) => readYaml(source, result),
      javascript: refuse,
      js: refuse,
      coffee: refuse,
      json: refuse,
    },
  };
}

/**
 * Reads a document's front matter. `simple: false` skips the reader of simple YAML and takes gray-matter and `yaml`
 * for everything (what the tests compare that reader with).
 */
export function parseFrontMatter(input: string, simple = true): FrontMatter {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const empty: FrontMatter = { data: {}, body: text, bodyLine: 1, keyLines: new Map() };
  // Front matter opens with a `---` first line.
  const open = FENCE.exec(text);
  if (!open) return empty;
  // Front matter is a few lines of metadata; a block larger than this is refused before any YAML parsing so a
  // hostile document cannot make the index spend seconds on it. The closing fence is gray-matter's: the first line
  // that starts with `---`.
  const close = text.indexOf('\n---', open[0].length - 1);
  if (close < 0) {
    // A `---` first line followed by `key:` lines was meant as front matter and lost its closing fence: none of it is
    // read (the keys would be taken as prose), and saying so at the opening line is what lets the author fix it.
    // Followed by prose it is only a thematic break.
    if (!OPENS_KEYS.test(text.slice(open[0].length))) return empty;
    return { ...empty, error: { line: 1, message: 'the `---` on line 1 opens front matter that no `---` line closes, so none of it is read' } };
  }
  let headEnd = text.indexOf('\n', close + 1);
  headEnd = headEnd < 0 ? text.length : headEnd + 1;
  const head = text.slice(0, headEnd);
  const body = text.slice(headEnd);
  const bodyLine = countLines(head) + 1;
  if (close > MAX_FRONT_MATTER) {
    return { ...empty, error: { line: 1, message: `front matter is larger than ${MAX_FRONT_MATTER / 1024} KB; it is not read` } };
  }
  // gray-matter drops comment lines with a pattern that backtracks over runs of blank lines, quadratic in their
  // length; a real front matter never has a long one, a hostile one is not read.
  if (longestBlankRun(text, open[0].length, close) > MAX_BLANK_RUN) {
    return { data: {}, body, bodyLine, keyLines: new Map(), error: { line: 2, message: 'front matter holds a long run of blank lines; it is not read' } };
  }
  const read = simple ? simpleFrontMatter(head) : undefined;
  if (read) {
    const out: FrontMatter = { data: read.data, body, bodyLine, keyLines: read.keyLines };
    setLazyYaml(out, read.source);
    return out;
  }
  const result: EngineResult = { keyLines: new Map() };
  let data: Record<string, unknown>;
  try {
    // Only the front matter goes to gray-matter (it copies its input), never the whole document.
    data = (matter(head, optionsFor(result)).data ?? {}) as Record<string, unknown>;
  } catch (err) {
    return { data: {}, body, bodyLine, keyLines: result.keyLines, error: result.error ?? { line: 1, message: String((err as Error).message) } };
  }
  const out: FrontMatter = { data: result.error ? {} : data, body, bodyLine, keyLines: result.keyLines };
  if (result.error) out.error = result.error;
  if (result.yaml) out.yaml = result.yaml;
  return out;
}

/**
 * The front matter when it is the simple YAML decisions use (frontMatterYaml.ts), read without gray-matter and
 * without `yaml`; the same result gray-matter with the engine below gives, or undefined to take that path. `yaml` is
 * the source the parsed document would be made of, for readers that ask for it (guardrails).
 */
function simpleFrontMatter(head: string): { data: Record<string, unknown>; keyLines: Map<string, number>; source: string } | undefined {
  // What gray-matter hands its engine: from after the opening `---` to the line break before the closing one.
  const matterText = head.slice(3, head.indexOf('\n---', 3));
  // gray-matter calls no engine for a block of comments and blanks, and keeps no document.
  if (matterText.replace(/^\s*#[^\n]+/gm, '').trim() === '') return undefined;
  const source = matterText.replace(/\r\n?/g, '\n') + '\n';
  const parsed = parseSimpleYaml(source);
  return parsed && { ...parsed, source };
}

/** `out.yaml`, parsed by `yaml` on first use: most front matter is never asked for its document. */
function setLazyYaml(out: FrontMatter, source: string): void {
  Object.defineProperty(out, 'yaml', {
    configurable: true,
    enumerable: true,
    get() {
      const lineCounter = new LineCounter();
      const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: false });
      const value = { document, lineCounter, source };
      Object.defineProperty(out, 'yaml', { value, configurable: true, enumerable: true, writable: true });
      return value;
    },
  });
}

/**
 * The YAML engine: gray-matter gives the source from just after the opening `---` (the rest of that line included),
 * so line 1 of the source is line 1 of the document.
 */
function readYaml(raw: string, result: EngineResult): object {
  // gray-matter stops before the closing fence's line break; the last line keeps its own, as in the file.
  const source = raw.replace(/\r\n?/g, '\n') + '\n';
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (document.errors.length > 0) {
    const e = document.errors[0];
    // An error at the end of the input (an unclosed bracket) is on the last line of the front matter.
    const line = e.pos ? Math.min(lineCounter.linePos(e.pos[0]).line, countLines(source)) : 2;
    result.error = { line, message: e.message.split('\n')[0] };
    return {};
  }
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    result.error = { line: 2, message: 'front matter is not a mapping of keys to values' };
    return {};
  }
  if (isMap(contents)) {
    for (const item of contents.items) {
      if (isScalar(item.key) && item.key.range) result.keyLines.set(String(item.key.value), lineCounter.linePos(item.key.range[0]).line);
    }
  }
  result.yaml = { document, lineCounter, source };
  try {
    return (document.toJS({ maxAliasCount: 50 }) ?? {}) as object;
  } catch (err) {
    result.error = { line: 2, message: String((err as Error).message) };
    return {};
  }
}

function longestBlankRun(text: string, from: number, to: number): number {
  let longest = 0;
  let run = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12) {
      if (++run > longest) longest = run;
    } else run = 0;
  }
  return longest;
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
