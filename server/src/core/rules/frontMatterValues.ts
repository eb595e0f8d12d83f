// Front matter values of a decision in the wrong form: people, review dates, commit hashes, lists. The schema
// (core/schemas/frontMatter.ts) says what a value must look like; the same schema drives completion and hover.
// `status` and `date` are read by the decision parser and reported as unknown-status and bad-date already.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseSimpleYaml } from '../frontMatterYaml';
import type { TextRange } from '../model';
import { FRONT_MATTER_SCHEMA } from '../schemas/frontMatter';
import { schemaAt, typeText, type JsonSchema } from '../schemas/jsonSchema';
import { validateAgainst, type SchemaError } from '../schemas/validate';
import type { LineIndex } from '../text';
import { lineRange } from './lines';
import type { Rule } from './rule';

/** The 1-based lines between a document's front matter fences, when it starts with front matter. */
export function frontMatterSpan(lines: LineIndex): { first: number; last: number } | undefined {
  if (!/^---[ \t]*$/.test(lines.lineText(1).replace(/^\uFEFF/, ''))) return undefined;
  for (let line = 2; line <= lines.lineCount; line++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines.lineText(line))) return { first: 2, last: line - 1 };
  }
  return undefined;
}

const CHECKED_ELSEWHERE = new Set(['status', 'date']);

export const frontMatterValuesRule: Rule = {
  name: 'front matter values',
  codes: ['invalid-front-matter'],

  mayFindIn: ({ snapshot }, path) => snapshot.decisionAt(path) !== undefined,

  document({ snapshot }, doc, report) {
    if (!snapshot.decisionAt(doc.path)) return;
    const span = frontMatterSpan(doc.lines);
    if (!span || span.last < span.first) return;
    const text: string[] = [];
    for (let line = span.first; line <= span.last; line++) text.push(doc.lines.lineText(line));
    const source = text.join('\n');
    let parsed: { yaml: ReturnType<typeof parseDocument>; lineCounter: LineCounter } | undefined;
    const full = () => {
      const lineCounter = new LineCounter();
      return (parsed ??= { yaml: parseDocument(source, { lineCounter, uniqueKeys: false }), lineCounter });
    };
    // Simple YAML (nearly every decision's) is read without `yaml`, which is needed only to place an error.
    let data: unknown = parseSimpleYaml(source)?.data;
    if (data === undefined) {
      // Broken YAML is reported as bad-front-matter by the index.
      if (full().yaml.errors.length > 0) return;
      try {
        data = full().yaml.toJS({ maxAliasCount: 50 });
      } catch {
        return;
      }
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) return;
    // `date: 2024-05-14` is a Date once parsed; the schema reads dates as the text they were written as.
    const plain = JSON.parse(JSON.stringify(data, (_k, v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
    const errors = validateAgainst(FRONT_MATTER_SCHEMA, plain);
    if (errors.length === 0) return;
    const seen = new Set<string>();
    // Lines of the front matter text are 1-based; document line = span.first + line - 1.
    const toDoc = (offset: number) => {
      const p = full().lineCounter.linePos(offset);
      return { line: span.first + p.line - 1, character: p.col - 1 };
    };
    for (const e of preferredErrors(errors)) {
      const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (path.length === 0 || CHECKED_ELSEWHERE.has(path[0])) continue;
      const key = path.join('/');
      if (seen.has(key)) continue;
      seen.add(key);
      // Only a finding needs the YAML nodes, for where it is.
      const { yaml, lineCounter } = full();
      const node = yaml.getIn(path, true) as Node | undefined;
      const schema = schemaAt(FRONT_MATTER_SCHEMA, path.filter((p) => !/^\d+$/.test(p))) ?? {};
      const why = (e.parentSchema as JsonSchema | undefined)?.errorMessage ?? `expected ${typeText(schema).replace(/`/g, '')}`;
      const shown = isScalar(node) ? ` "${String(node.value)}"` : '';
      let range: TextRange = lineRange(doc, span.first + (keyLine(yaml, lineCounter, path[0]) ?? 1) - 1);
      if (node?.range) {
        range = isMap(node) || isSeq(node) ? lineRange(doc, toDoc(node.range[0]).line) : { start: toDoc(node.range[0]), end: toDoc(node.range[1]) };
      }
      report({ code: 'invalid-front-matter', path: doc.path, range, message: `${path[0]}:${shown} — ${why}` });
    }
  },
};

/** Within an anyOf, the errors of the branch closest to the value (a pattern over "should be an array"). */
function preferredErrors(errors: readonly SchemaError[]): SchemaError[] {
  const topKey = (e: SchemaError) => e.instancePath.split('/')[1];
  const valueLevel = errors.filter((e) => e.keyword !== 'type' && e.keyword !== 'anyOf');
  const covered = new Set(valueLevel.map(topKey));
  // No branch accepts the value's type at all: one error for the key.
  const noBranch = errors.filter((e) => e.keyword === 'anyOf' && !covered.has(topKey(e)));
  const typeOnly = errors.filter((e) => e.keyword === 'type' && !covered.has(topKey(e)));
  return [...valueLevel, ...(noBranch.length > 0 ? noBranch : typeOnly)];
}

function keyLine(yaml: ReturnType<typeof parseDocument>, lineCounter: LineCounter, key: string): number | undefined {
  if (!isMap(yaml.contents)) return undefined;
  const pair = yaml.contents.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return pair && isScalar(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]).line : undefined;
}
