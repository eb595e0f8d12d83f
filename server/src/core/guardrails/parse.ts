// Reads a decision's `guardrails:` from its front matter with the yaml package (whose nodes carry their offsets,
// so each entry and each problem has its line) and validates every entry against its kind's JSON schema.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { FrontMatter } from '../frontMatter';
import type { Problem, TextRange } from '../model';
import { problem } from '../problems';
import { validateAgainst, type SchemaError } from '../schemas/validate';
import { GUARDRAIL_KINDS, GUARDRAIL_SCHEMAS, type Guardrail, type GuardrailKind } from './vocabulary';

export interface GuardrailParseResult {
  guardrails: Guardrail[];
  problems: Problem[];
}

const FENCE = /^---[ \t]*\r?\n/;
const CLOSING_FENCE = /\r?\n---[ \t]*(\r?\n|$)/;
const MAX_FRONT_MATTER = 256 * 1024;

/** The front matter's YAML source and the 0-based line it starts on, or undefined when there is none. */
export function frontMatterSource(text: string): { source: string; firstLine: number; start: number; end: number } | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const bom = body.length === text.length ? 0 : 1;
  const open = FENCE.exec(body);
  if (!open) return undefined;
  const closing = CLOSING_FENCE.exec(body.slice(open[0].length - 1, MAX_FRONT_MATTER));
  if (!closing) return undefined;
  const start = open[0].length;
  const end = open[0].length - 1 + closing.index + 1;
  return { source: body.slice(start, end), firstLine: 1, start: start + bom, end: end + bom };
}

/** `frontMatter` is the document's parsed front matter when the caller has it: its YAML is then not parsed again. */
export function parseGuardrails(path: string, text: string, frontMatter?: FrontMatter): GuardrailParseResult {
  const out: GuardrailParseResult = { guardrails: [], problems: [] };
  if (!text.includes('guardrails')) return out;
  let fm: { source: string; firstLine: number } | undefined;
  let lineCounter: LineCounter;
  let doc: Document;
  if (frontMatter) {
    // The parsed source starts on the opening fence's line: its lines are the document's.
    if (!frontMatter.keyLines.has('guardrails') || !frontMatter.yaml) return out;
    ({ document: doc, lineCounter } = frontMatter.yaml);
    fm = { source: frontMatter.yaml.source, firstLine: 0 };
  } else {
    fm = frontMatterSource(text);
    if (!fm || !fm.source.includes('guardrails')) return out;
    lineCounter = new LineCounter();
    doc = parseDocument(fm.source.replace(/\r\n?/g, '\n'), { lineCounter, uniqueKeys: false });
  }
  // A front matter that does not parse is reported once, by the decision parser.
  if (doc.errors.length > 0 || !isMap(doc.contents)) return out;
  const pair = doc.contents.items.find((i) => isScalar(i.key) && i.key.value === 'guardrails');
  if (!pair) return out;
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + fm.firstLine;
  const rangeOf = (node: Node | null | undefined, fallback: number): TextRange => {
    if (!node?.range) return { start: { line: fallback, character: 0 }, end: { line: fallback, character: 0 } };
    const s = lineCounter.linePos(node.range[0]);
    const e = lineCounter.linePos(node.range[1]);
    return { start: { line: s.line + fm.firstLine, character: s.col - 1 }, end: { line: e.line + fm.firstLine, character: e.col - 1 } };
  };
  const keyLine = isScalar(pair.key) && pair.key.range ? lineOf(pair.key.range[0]) : 2;
  const list = pair.value as Node | null;
  if (list === null || (isScalar(list) && (list.value === null || list.value === ''))) return out;
  if (!isSeq(list)) {
    out.problems.push(problem('bad-guardrail', path, keyLine, 'guardrails must be a list of entries such as `- forbid-dependency: name`'));
    return out;
  }
  for (const item of list.items as Node[]) {
    const range = rangeOf(item, keyLine);
    const line = range.start.line;
    const bad = (message: string) => out.problems.push(problem('bad-guardrail', path, line, message, range));
    if (!isMap(item) || item.items.length !== 1 || !isScalar(item.items[0].key)) {
      bad(`a guardrail is one of ${GUARDRAIL_KINDS.join(', ')} with its value, e.g. \`- forbid-dependency: name\``);
      continue;
    }
    const kind = String(item.items[0].key.value);
    if (!(GUARDRAIL_KINDS as readonly string[]).includes(kind)) {
      bad(`unknown guardrail kind "${kind}"; the kinds are ${GUARDRAIL_KINDS.join(', ')}`);
      continue;
    }
    const valueNode = item.items[0].value as Node | null;
    const value = valueNode ? valueNode.toJS(doc, { maxAliasCount: 10 }) : null;
    const errors = validateAgainst(GUARDRAIL_SCHEMAS[kind as GuardrailKind].schema, value);
    if (errors.length > 0) {
      bad(`invalid ${kind}: ${describeErrors(kind as GuardrailKind, value, errors)}`);
      continue;
    }
    out.guardrails.push(toGuardrail(kind as GuardrailKind, value, line, range));
  }
  return out;
}

function toGuardrail(kind: GuardrailKind, value: any, line: number, range: TextRange): Guardrail {
  const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
  const base = { line, range, ...(value?.reason ? { reason: String(value.reason) } : {}), ...(value?.replacement ? { replacement: String(value.replacement) } : {}) };
  switch (kind) {
    case 'forbid-dependency':
    case 'adopt-dependency':
      if (typeof value === 'string') return { kind, name: value, ...base };
      return { kind, name: value.name, ...(value.ecosystem ? { ecosystem: value.ecosystem } : {}), ...(kind === 'forbid-dependency' && value.in ? { in: list(value.in) } : {}), ...base } as Guardrail;
    case 'forbid-import':
      return { kind, from: list(value.from), module: value.module, ...base };
    case 'forbid-text':
      return { kind, in: list(value.in), text: value.text, ...base };
    case 'require-file':
      return { kind, path: typeof value === 'string' ? value : value.path, ...base };
  }
}

/** One readable sentence from the schema errors: a missing or unknown key, a wrong ecosystem, an empty value. */
function describeErrors(kind: GuardrailKind, value: unknown, errors: SchemaError[]): string {
  const objectForm = typeof value === 'object' && value !== null && !Array.isArray(value);
  for (const e of errors) {
    if (e.keyword === 'required' && objectForm) return `it needs \`${(e.params as { missingProperty: string }).missingProperty}\``;
  }
  for (const e of errors) {
    if (e.keyword === 'additionalProperties' && objectForm) {
      const allowed = Object.keys(((GUARDRAIL_SCHEMAS[kind].schema as any).properties ?? (GUARDRAIL_SCHEMAS[kind].schema as any).oneOf?.[1]?.properties) ?? {});
      return `unknown key \`${(e.params as { additionalProperty: string }).additionalProperty}\` (keys: ${allowed.join(', ')})`;
    }
  }
  for (const e of errors) {
    if (e.keyword === 'enum') return `${e.instancePath.slice(1) || 'value'} must be one of ${(e.params as { allowedValues: string[] }).allowedValues.join(', ')}`;
    if (e.keyword === 'minLength') return `${e.instancePath.slice(1) || 'value'} is empty`;
    if (e.keyword === 'maxLength') return `${e.instancePath.slice(1) || 'value'} is too long`;
  }
  if (value === null) return 'it has no value';
  const forms: Record<GuardrailKind, string> = {
    'forbid-dependency': '`forbid-dependency: name` or `{ name, ecosystem?, in? }`',
    'adopt-dependency': '`adopt-dependency: name` or `{ name, ecosystem? }`',
    'forbid-import': '`{ from: glob, module: name }`',
    'forbid-text': '`{ in: glob, text: literal }`',
    'require-file': '`require-file: path` or `{ path }`',
  };
  return `write it as ${forms[kind]}`;
}
