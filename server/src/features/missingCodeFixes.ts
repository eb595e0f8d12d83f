// Quick fixes for documentation naming code that is gone: rewrite a renamed path (and every mention of it, files
// below a renamed folder included) in the open document, or take a deleted path out of its `governs:` list.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { removeListEntry, rewritePathMentions, type TextChange } from '../core/pathFixes';
import type { FeatureDocument } from './context';
import type { MissingCodeData } from './diagnostics';

export function missingCodeFixes(doc: FeatureDocument, d: Diagnostic): CodeAction[] {
  const data = d.data as Partial<MissingCodeData> | undefined;
  if (!data || typeof data.pattern !== 'string') return [];
  const toEdit = (c: TextChange): TextEdit => {
    const s = doc.lines.positionAt(c.start);
    const e = doc.lines.positionAt(c.end);
    return { range: { start: { line: s.line - 1, character: s.character }, end: { line: e.line - 1, character: e.character } }, newText: c.newText };
  };
  const out: CodeAction[] = [];
  if (typeof data.renamedTo === 'string') {
    const changes = rewritePathMentions(doc.text, data.pattern, data.renamedTo);
    if (changes.length > 0) {
      out.push({
        title: `Rewrite '${data.pattern}' to '${data.renamedTo}'${changes.length > 1 ? ` (${changes.length} mentions)` : ''}`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: [d],
        edit: { changes: { [doc.uri]: changes.map(toEdit) } },
      });
    }
  } else if (data.kind === 'governs') {
    const change = removeListEntry(doc.text, d.range.start.line + 1, data.pattern);
    if (change) {
      out.push({
        title: `Remove '${data.pattern}' from governs`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [doc.uri]: [toEdit(change)] } },
      });
    }
  }
  return out;
}
