// Ranges for findings that only know their line.
import type { TextRange } from '../model';
import type { CheckedDocument } from './rule';

/** The whole of a 1-based line (an empty range at the start when the document has no such line). */
export function lineRange(doc: CheckedDocument, line: number): TextRange {
  const l = Math.max(1, line);
  return { start: { line: l, character: 0 }, end: { line: l, character: doc.lines.lineText(line).length } };
}
