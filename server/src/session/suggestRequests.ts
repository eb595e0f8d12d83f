// The requests behind "Suggest Governed Code": the candidates for a decision (from its open text when it is open),
// and the edit that accepts some of them. Reading git happens only in a trusted workspace (the folder has no history
// otherwise); the edit is returned, not applied, so the client applies it as one undoable step.
import { featureDocument } from '../features/context';
import { governsEdit, suggestGovernsResult } from '../features/suggestGoverns';
import type { LanguageSession } from './languageSession';
import type { GovernsEditParams, GovernsEditResult, SuggestGovernsParams, SuggestGovernsResult } from '../protocol';

export async function suggestGoverns(s: LanguageSession, p: SuggestGovernsParams): Promise<SuggestGovernsResult> {
  const folder = s.folderOf(p.uri);
  const path = folder?.pathOf(p.uri);
  if (!folder || path === undefined || !folder.snapshot.decisionAt(path)) return { governs: [], candidates: [] };
  const text = (await s.readText(folder, path)) ?? '';
  const doc = featureDocument(path, p.uri, 'markdown', s.documents.get(p.uri)?.version ?? -1, text);
  return suggestGovernsResult(folder.featureContext(), doc, folder.history);
}

export async function governsEditFor(s: LanguageSession, p: GovernsEditParams): Promise<GovernsEditResult> {
  const folder = s.folderOf(p.uri);
  const path = folder?.pathOf(p.uri);
  const globs = Array.isArray(p.globs) ? p.globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '' && !g.includes('\n')) : [];
  if (!s.trusted || !folder || path === undefined || !folder.snapshot.decisionAt(path) || globs.length === 0) return {};
  const text = await s.readText(folder, path);
  if (text === undefined) return {};
  const edit = governsEdit(p.uri, text, globs);
  return edit ? { edit } : {};
}
