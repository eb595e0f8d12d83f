// "Mark as reviewed": the edit that records in a document's front matter that it was checked against its code,
// without touching anything else in the file. Shared by the code action and the server command.
import type { TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../core/text';

/** Front-matter keys the decision and view parsers read as the review date and commit (any spelling they accept). */
const REVIEWED_KEY = /^reviewed[ \t]*:/i;
const REVIEWED_COMMIT_KEY = /^reviewed[-_]?commit[ \t]*:/i;
const FENCE = /^---[ \t]*$/;

/**
 * The edits that set `reviewed: <today>` and `reviewed-commit: <head>` in the front matter of `text`: existing keys
 * are replaced in place (keeping their spelling), missing ones are added before the closing fence, and a document
 * without front matter gets one. Line endings follow the document; every other byte stays as it is.
 */
export function markReviewedEdit(text: string, today: string, head?: string): TextEdit[] {
  const lines = new LineIndex(text);
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\r') && !text.includes('\n') ? '\r' : '\n';
  // A byte-order mark is not part of the first line as the user sees it; insert after it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = lines.lineText(1).slice(bom);
  const commitLine = head ? `reviewed-commit: ${yamlScalar(head)}` : undefined;
  const reviewedLine = `reviewed: ${today}`;

  const closing = FENCE.test(first) ? closingFence(lines) : undefined;
  if (closing === undefined) {
    const block = ['---', reviewedLine, ...(commitLine ? [commitLine] : []), '---'].join(eol) + eol;
    return [{ range: { start: { line: 0, character: bom }, end: { line: 0, character: bom } }, newText: block }];
  }

  const edits: TextEdit[] = [];
  const missing: string[] = [];
  const setKey = (key: RegExp, replacement: string | undefined): void => {
    if (replacement === undefined) return;
    for (let line = 2; line < closing; line++) {
      const lineText = lines.lineText(line);
      if (!key.test(lineText)) continue;
      // A value continued on indented lines below its key belongs to the key and goes with it.
      let last = line;
      while (last + 1 < closing && /^[ \t]+\S/.test(lines.lineText(last + 1))) last++;
      const keyName = lineText.slice(0, lineText.indexOf(':'));
      const newValue = replacement.slice(replacement.indexOf(':'));
      edits.push({
        range: { start: { line: line - 1, character: 0 }, end: { line: last - 1, character: lines.lineText(last).length } },
        newText: keyName + newValue,
      });
      return;
    }
    missing.push(replacement);
  };
  setKey(REVIEWED_KEY, reviewedLine);
  setKey(REVIEWED_COMMIT_KEY, commitLine);
  if (missing.length > 0) {
    const at = { line: closing - 1, character: 0 };
    edits.push({ range: { start: at, end: at }, newText: missing.map((l) => l + eol).join('') });
  }
  return edits;
}

/** The 1-based line of the closing `---` of front matter opened on line 1, or undefined. */
function closingFence(lines: LineIndex): number | undefined {
  for (let line = 2; line <= lines.lineCount; line++) if (FENCE.test(lines.lineText(line))) return line;
  return undefined;
}

/** A commit hash made only of digits (and an `e`) would read as a number in YAML; quote it then. */
function yamlScalar(value: string): string {
  return /^[0-9a-f]+$/i.test(value) && /[a-df]/i.test(value) ? value : JSON.stringify(value);
}
