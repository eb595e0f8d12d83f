// dbt models read other models with `{{ ref('model') }}` (or `ref('package', 'model')`, `ref('m', v=2)`) and raw
// tables with `{{ source('source', 'table') }}`. A ref is the model's name; a source is `source:<source>.<table>`.
import { LineIndex } from '../text';
import type { ImportRef } from './model';

const CALL = /\b(ref|source)\s*\(/g;
const STRING = /\s*(['"])([^'"\n]*)\1\s*(,)?/y;

export function readDbtImports(text: string): ImportRef[] {
  const out: ImportRef[] = [];
  if (!text.includes('ref') && !text.includes('source')) return out;
  let lines: LineIndex | undefined;
  CALL.lastIndex = 0;
  for (let m = CALL.exec(text); m; m = CALL.exec(text)) {
    if (m.index > 0 && /[\w.]/.test(text[m.index - 1])) continue;
    const args: { value: string; start: number; end: number }[] = [];
    let i = CALL.lastIndex;
    for (;;) {
      STRING.lastIndex = i;
      const s = STRING.exec(text);
      if (!s) break;
      const start = i + s[0].indexOf(s[1]) + 1;
      args.push({ value: s[2], start, end: start + s[2].length });
      i = STRING.lastIndex;
      if (!s[3]) break;
    }
    if (args.length === 0) continue;
    lines ??= new LineIndex(text);
    if (m[1] === 'ref') {
      const model = args[args.length - 1];
      out.push({ language: 'dbt', module: model.value, range: { start: lines.positionAt(model.start), end: lines.positionAt(model.end) } });
    } else if (args.length >= 2) {
      out.push({
        language: 'dbt',
        module: `source:${args[0].value}.${args[1].value}`,
        range: { start: lines.positionAt(args[0].start - 1), end: lines.positionAt(args[1].end + 1) },
      });
    }
  }
  return out;
}
