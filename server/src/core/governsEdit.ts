// Accepting a suggested governs glob: add it to the decision's `governs:` list through the yaml package's Document
// API, so the front matter keeps its comments, order and quoting; a decision without front matter gets one.
import { isSeq, parseDocument } from 'yaml';
import type { TextChange } from './pathFixes';

/** The edit that adds `globs` to `governs:` (keeping entries already there), or undefined when nothing is new. */
export function addGovernsEdit(text: string, globs: readonly string[]): TextChange | undefined {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const fm = /^---(\r?\n)([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text.slice(bom));
  if (!fm) {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = ['---', 'governs:', ...globs.map((g) => `  - ${quoteIfNeeded(g)}`), '---', ''];
    return { start: bom, end: bom, newText: lines.join(eol) };
  }
  const eol = fm[1];
  const start = bom + 3 + eol.length;
  const end = start + fm[2].length;
  const doc = parseDocument(fm[2]);
  if (doc.errors.length > 0) return undefined;
  const existing = doc.get('governs');
  const have = new Set<string>();
  if (isSeq(existing)) for (const item of existing.items) have.add(String((item as { value?: unknown }).value ?? item));
  else if (typeof existing === 'string') have.add(existing);
  const fresh = globs.filter((g) => !have.has(g));
  if (fresh.length === 0) return undefined;
  if (isSeq(existing)) for (const g of fresh) existing.add(doc.createNode(g));
  else if (typeof existing === 'string') doc.set('governs', doc.createNode([existing, ...fresh]));
  else doc.set('governs', doc.createNode([...fresh]));
  let out = doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  if (eol === '\r\n') out = out.replace(/\r?\n/g, '\r\n');
  return { start, end, newText: out };
}

function quoteIfNeeded(glob: string): string {
  return /^[\w./-][\w./*{},-]*$/.test(glob) && !glob.startsWith('*') ? glob : JSON.stringify(glob);
}
