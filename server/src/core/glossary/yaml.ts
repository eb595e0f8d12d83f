// YAML glossaries: `terms: [{ name, definition, aliases, avoid }]`, a top-level list of such entries, a plain
// `term: definition` mapping, and Contextive's `contexts: [{ name, paths, terms: [...] }]`. The node API of the
// `yaml` package is used (not plain objects) so every term keeps the line its name is written on.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import type { GlossaryTerm, Problem } from '../model';
import { problem } from '../problems';
import { stripBom, splitWords, TermBuilder } from './terms';
import type { GlossaryParseResult } from './markdown';

const NAME_KEYS = ['name', 'term', 'title'];
const DEFINITION_KEYS = ['definition', 'description', 'meaning', 'def'];
const ALIAS_KEYS = ['aliases', 'alias', 'synonyms', 'also'];
const AVOID_KEYS = ['avoid', 'avoided', 'deprecated'];
// Keys that make a top-level mapping a container of entries rather than a `term: definition` mapping.
const LIST_KEYS = ['terms', 'glossary', 'entries'];

/** The whole file parsed as one YAML document (see glossary/yamlEntries.ts for the parse of an edit). */
export function parseGlossaryYamlWhole(path: string, text: string, scope: string): GlossaryParseResult {
  const problems: Problem[] = [];
  const terms: GlossaryTerm[] = [];
  const lineCounter = new LineCounter();
  const source = normaliseYaml(text);
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const lineOf = (node: unknown, fallback: number) => {
    const range = (node as Node | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : fallback;
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.pos ? lineCounter.linePos(e.pos[0]).line : 1;
    problems.push(problem('bad-glossary', path, line, `Glossary YAML does not parse: ${e.message.split('\n')[0]}`));
    return { terms, problems };
  }
  const ctx: Ctx = { doc, path, scope, terms, problems, lineOf };
  const root = resolve(doc, doc.contents);
  if (root === null || root === undefined) return { terms, problems };
  if (isSeq(root)) {
    readEntries(ctx, root.items, 1);
  } else if (isMap(root)) {
    const contexts = mapGet(doc, root, ['contexts']);
    const list = mapGet(doc, root, LIST_KEYS);
    if (contexts) {
      const ctxs = resolve(doc, contexts.value);
      if (isSeq(ctxs)) {
        for (const c of ctxs.items) {
          const cm = resolve(doc, c);
          const t = isMap(cm) ? mapGet(doc, cm, ['terms']) : undefined;
          const tv = t ? resolve(doc, t.value) : undefined;
          if (isSeq(tv)) readEntries(ctx, tv.items, lineOf(c, 1));
        }
      } else problems.push(problem('bad-glossary', path, lineOf(contexts.key, 1), '`contexts` should be a list'));
    }
    if (list) {
      const lv = resolve(doc, list.value);
      if (isSeq(lv)) readEntries(ctx, lv.items, lineOf(list.key, 1));
      else if (isMap(lv)) readMapping(ctx, lv);
      else problems.push(problem('bad-glossary', path, lineOf(list.key, 1), `\`${String(toJs(doc, list.key))}\` should be a list of terms`));
    }
    if (!contexts && !list) readMapping(ctx, root);
  } else {
    problems.push(problem('bad-glossary', path, lineOf(root, 1), 'A glossary should be a list or a mapping of terms'));
  }
  terms.sort((a, b) => a.line - b.line);
  return { terms, problems };
}

/** The text as the parser reads it: no byte-order mark, `\n` line ends. */
export function normaliseYaml(text: string): string {
  return stripBom(text).replace(/\r\n?/g, '\n');
}

/**
 * The terms and problems of one entry of a list of terms, parsed alone: `chunk` holds the entry's lines (a
 * one-item block sequence at any indentation), `firstLine` is the file line of its first line. Undefined when the
 * chunk is not exactly one entry that parses without errors (the caller then parses the whole file).
 */
export function parseGlossaryYamlEntry(path: string, chunk: string, scope: string, firstLine: number): GlossaryParseResult | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(chunk, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  const root = doc.contents;
  if (!isSeq(root) || root.items.length !== 1) return undefined;
  const terms: GlossaryTerm[] = [];
  const problems: Problem[] = [];
  const lineOf = (node: unknown, fallback: number) => {
    const range = (node as Node | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line + firstLine - 1 : fallback;
  };
  readEntries({ doc, path, scope, terms, problems, lineOf }, root.items, firstLine);
  return { terms, problems };
}

interface Ctx {
  doc: Document;
  path: string;
  scope: string;
  terms: GlossaryTerm[];
  problems: Problem[];
  lineOf: (node: unknown, fallback: number) => number;
}

function resolve(doc: Document, node: unknown): unknown {
  // Anchors are resolved once; an alias to an alias is not followed further (no cycles).
  return isAlias(node) ? node.resolve(doc) : node;
}

function toJs(doc: Document, node: unknown): unknown {
  const n = resolve(doc, node);
  if (n === null || n === undefined) return undefined;
  if (isScalar(n)) return n.value;
  try {
    return (n as Node).toJS(doc, { maxAliasCount: 50 });
  } catch {
    return undefined;
  }
}

function mapGet(doc: Document, map: YAMLMap, keys: string[]): { key: unknown; value: unknown } | undefined {
  for (const item of map.items) {
    const k = toJs(doc, item.key);
    if (typeof k === 'string' && keys.includes(k.toLowerCase())) return { key: item.key, value: item.value };
  }
  return undefined;
}

// Values are read at most a few lists deep: YAML anchors can make a list contain itself.
const MAX_DEPTH = 4;

function text(value: unknown, depth = 0): string {
  if (value === undefined || value === null || depth > MAX_DEPTH) return '';
  if (Array.isArray(value)) return value.map((v) => text(v, depth + 1)).filter((s) => s.length > 0).join(' ');
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return '';
  return String(value).replace(/\s+/g, ' ').trim();
}

function words(value: unknown, depth = 0): string[] {
  if (value === undefined || value === null || depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((v) => words(v, depth + 1));
  if (typeof value === 'object') return [];
  return splitWords(String(value));
}

function readEntries(ctx: Ctx, items: unknown[], fallbackLine: number): void {
  for (const item of items) {
    const node = resolve(ctx.doc, item);
    const entryLine = ctx.lineOf(item, fallbackLine);
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim().length > 0) {
      // A bare word in a list of terms: a term without a definition.
      ctx.terms.push(new TermBuilder(node.value.trim(), entryLine).build(ctx.path, ctx.scope, 'yaml'));
      continue;
    }
    if (!isMap(node)) {
      ctx.problems.push(problem('bad-glossary', ctx.path, entryLine, 'A glossary entry should be a mapping with a `name` and a `definition`'));
      continue;
    }
    const name = mapGet(ctx.doc, node, NAME_KEYS);
    const term = name ? text(toJs(ctx.doc, name.value)) : '';
    if (term.length === 0) {
      ctx.problems.push(problem('bad-glossary', ctx.path, entryLine, 'A glossary entry has no `name`'));
      continue;
    }
    ctx.terms.push(buildEntry(ctx, term, ctx.lineOf(name!.value, entryLine), node));
  }
}

/** `term: definition` pairs, or `term: { definition, aliases, avoid }`. */
function readMapping(ctx: Ctx, map: YAMLMap): void {
  for (const pair of map.items) {
    const term = text(toJs(ctx.doc, pair.key));
    const line = ctx.lineOf(pair.key, 1);
    if (term.length === 0) {
      ctx.problems.push(problem('bad-glossary', ctx.path, line, 'A glossary entry has an empty name'));
      continue;
    }
    const value = resolve(ctx.doc, pair.value);
    if (isMap(value)) {
      ctx.terms.push(buildEntry(ctx, term, line, value));
    } else {
      const b = new TermBuilder(term, line);
      b.addText(text(toJs(ctx.doc, value)));
      ctx.terms.push(b.build(ctx.path, ctx.scope, 'yaml'));
    }
  }
}

function buildEntry(ctx: Ctx, term: string, line: number, node: YAMLMap): GlossaryTerm {
  const b = new TermBuilder(term, line);
  const get = (keys: string[]) => {
    const found = mapGet(ctx.doc, node, keys);
    return found ? toJs(ctx.doc, found.value) : undefined;
  };
  b.addText(text(get(DEFINITION_KEYS)));
  b.aliases.push(...words(get(ALIAS_KEYS)));
  b.avoid.push(...words(get(AVOID_KEYS)));
  return b.build(ctx.path, ctx.scope, 'yaml');
}
