// "Suggest Governed Code" in a decision: its best candidate globs as code actions that add one to `governs:` (an
// edit of the open document, so the editor can undo it), and one action that opens the full list with the
// evidence behind each candidate (the client's picker). The candidates and the edit are the core's.
import { CodeActionKind, type CodeAction, type Position, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { GitHistory } from '../core/git';
import { addGovernsEdit } from '../core/governsEdit';
import { decisionLabel, isRetired } from '../core/lifecycle';
import { governsCandidates, type GovernsCandidate } from '../core/suggest';
import type { IndexSnapshot } from '../core/snapshot';
import { LineIndex } from '../core/text';
import { Commands, type SuggestGovernsResult } from '../protocol';
import type { FeatureContext, FeatureDocument } from './context';

/** How many candidates are offered as code actions directly; the command lists them all. */
const DIRECT_ACTIONS = 3;

/** Candidates per document version, a field of the snapshot: code actions are asked for on every cursor move. */
function candidatesByDocument(_snapshot: IndexSnapshot): Map<string, GovernsCandidate[]> {
  return new Map();
}

function candidatesOf(ctx: FeatureContext, doc: FeatureDocument, history?: GitHistory): GovernsCandidate[] | undefined {
  const decision = ctx.snapshot.decisionAt(doc.path);
  if (!decision || isRetired(decision)) return undefined;
  const byDoc = ctx.snapshot.derived(candidatesByDocument);
  const key = `${doc.uri}\u0000${doc.version}\u0000${doc.text.length}`;
  let found = byDoc.get(key);
  if (!found) byDoc.set(key, (found = governsCandidates(ctx.snapshot, decision, doc.text, history)));
  return found;
}

export function suggestGovernsActions(ctx: FeatureContext, doc: FeatureDocument, history?: GitHistory): CodeAction[] {
  const candidates = candidatesOf(ctx, doc, history);
  if (!candidates || candidates.length === 0) return [];
  const out: CodeAction[] = [];
  for (const c of candidates.slice(0, DIRECT_ACTIONS)) {
    const edit = governsEdit(doc.uri, doc.text, [c.glob]);
    if (!edit) continue;
    out.push({ title: `Govern ${c.glob} (${c.evidence[0].detail}; ${c.matches} file${c.matches === 1 ? '' : 's'})`, kind: CodeActionKind.RefactorRewrite, edit });
  }
  // The picker edits through the client and reads git: not in an untrusted workspace.
  if (ctx.trusted) {
    out.push({
      title: 'Suggest Governed Code…',
      kind: CodeActionKind.RefactorRewrite,
      command: { title: 'Suggest Governed Code', command: Commands.suggestGovernedCode, arguments: [doc.uri] },
    });
  }
  return out;
}

/** The answer of archlens/suggestGoverns for one decision document. */
export function suggestGovernsResult(ctx: FeatureContext, doc: FeatureDocument, history?: GitHistory): SuggestGovernsResult {
  const decision = ctx.snapshot.decisionAt(doc.path);
  if (!decision) return { governs: [], candidates: [] };
  const candidates = candidatesOf(ctx, doc, history) ?? [];
  return {
    decision: decisionLabel(decision),
    governs: decision.governs,
    candidates: candidates.map((c) => ({ glob: c.glob, score: Math.round(c.score * 10) / 10, matches: c.matches, evidence: c.evidence.map((e) => e.detail) })),
  };
}

/** The edit that adds `globs` to the `governs:` of the document with this text; undefined when none is new. */
export function governsEdit(uri: string, text: string, globs: readonly string[]): WorkspaceEdit | undefined {
  const change = addGovernsEdit(text, globs);
  if (!change) return undefined;
  const lines = new LineIndex(text);
  const at = (offset: number): Position => {
    const p = lines.positionAt(offset);
    return { line: p.line - 1, character: p.character };
  };
  return { changes: { [uri]: [{ range: { start: at(change.start), end: at(change.end) }, newText: change.newText }] } };
}
