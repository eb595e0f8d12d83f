// Accepting a suggested governs glob: add it to the decision's `governs:` list. The yaml package's Document API
// finds where the list is; the edit inserts only the new entries there, so every other byte of the front matter
// (comments, order, quoting, spacing) stays as it was. A decision without front matter gets one.
import { isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { TextChange } from './pathFixes';

/** The edit that adds `globs` to `governs:` (keeping entries already there), or undefined when nothing is new. */
export function addGovernsEdit(text: string, globs: readonly string[]): TextChange | undefined {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const fm = /^---(\r?\n)([\s\S]*?\r?\n)?---(?:\r?\n|$)/.exec(text.slice(bom));
  const eol = fm?.[1] ?? (text.includes('\r\n') ? '\r\n' : '\n');
  if (!fm) {
    return { start: bom, end: bom, newText: ['---', 'governs:', ...globs.map((g) => `  - ${yamlScalar(g)}`), '---', ''].join(eol) };
  }
  const body = fm[2] ?? '';
  const start = bom + 3 + eol.length;
  const doc = parseDocument(body);
  if (doc.errors.length > 0) return undefined;
  const node = doc.get('governs', true) as Node | undefined;
  const have = new Set<string>();
  if (isSeq(node)) for (const item of node.items) have.add(String(isScalar(item) ? item.value : item));
  else if (isScalar(node) && node.value !== null) have.add(String(node.value));
  const fresh = globs.filter((g) => !have.has(g));
  if (fresh.length === 0) return undefined;

  if (isSeq(node) && node.range && node.items.length > 0) {
    if (node.flow) {
      // `governs: [a, b]`: before the closing bracket.
      const close = body.lastIndexOf(']', node.range[1]);
      if (close < 0) return undefined;
      return { start: start + close, end: start + close, newText: fresh.map((g) => `, ${yamlScalar(g)}`).join('') };
    }
    // A block list: after the line of its last item, with that item's indentation.
    const last = node.items[node.items.length - 1] as Node;
    const lastStart = last.range?.[0] ?? node.range[0];
    const lineStart = body.lastIndexOf('\n', lastStart - 1) + 1;
    const indent = /^(\s*-\s+)/.exec(body.slice(lineStart))?.[1] ?? '  - ';
    const nl = body.indexOf('\n', last.range?.[1] ?? lastStart);
    const at = nl < 0 ? body.length : nl + 1;
    const lines = fresh.map((g) => `${indent}${yamlScalar(g)}${eol}`).join('');
    return { start: start + at, end: start + at, newText: nl < 0 ? `${eol}${lines}` : lines };
  }
  // No list yet (no key, an empty one, or a single value): the key is written anew at the end of the front matter.
  const entries = [...have, ...fresh].map((g) => `  - ${yamlScalar(g)}${eol}`).join('');
  const pair = doc.contents && 'items' in doc.contents ? (doc.contents.items as { key: Node; value: Node | null }[]).find((p) => isScalar(p.key) && p.key.value === 'governs') : undefined;
  if (pair?.key.range) {
    const keyLine = body.lastIndexOf('\n', pair.key.range[0] - 1) + 1;
    const endNl = body.indexOf('\n', pair.value?.range?.[1] ?? pair.key.range[1]);
    const end = endNl < 0 ? body.length : endNl + 1;
    return { start: start + keyLine, end: start + end, newText: `governs:${eol}${entries}` };
  }
  return { start: start + body.length, end: start + body.length, newText: `governs:${eol}${entries}` };
}

/** A glob as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted. */
function yamlScalar(glob: string): string {
  return /^[\w./-][\w./*{},@+-]*$/.test(glob) && !/[{},]/.test(glob) ? glob : JSON.stringify(glob);
}
