// What every feature receives: the index snapshot of the document's workspace folder, its settings, the
// document, and the conversions between the core's 1-based lines and LSP's 0-based ones.
import type { Position, Range } from 'vscode-languageserver-types';
import type { TextRange } from '../core/model';
import type { ArchlensSettings } from '../core/settings';
import type { IndexSnapshot } from '../core/snapshot';
import type { StaleExplanation } from '../core/staleExplain';
import type { StaleFinding } from '../core/staleness';
import { LineIndex } from '../core/text';
import type { StaleIndex } from '../core/rules/staleDocumentation';

export interface FeatureDocument {
  /** Workspace-relative path. */
  path: string;
  uri: string;
  languageId: string;
  version: number;
  text: string;
  lines: LineIndex;
}

export interface FeatureContext {
  snapshot: IndexSnapshot;
  settings: ArchlensSettings;
  /** The URI of a workspace-relative path of this folder. */
  uriOf(path: string): string;
  /** Stale-documentation findings of this folder (empty when history is off). */
  stale: readonly StaleFinding[];
  /** The same findings by path, kept as long as they stand (built from `stale` when absent). */
  staleIndex?: () => StaleIndex;
  /** False in an untrusted workspace: no code actions or commands that write files. */
  trusted: boolean;
  /** What changed behind a stale finding and how to fix it, when history can tell (computed on demand). */
  explainStale?: (finding: StaleFinding) => StaleExplanation | undefined;
}

export function featureDocument(path: string, uri: string, languageId: string, version: number, text: string): FeatureDocument {
  return { path, uri, languageId, version, text, lines: new LineIndex(text) };
}

export function toLspRange(r: TextRange): Range {
  return {
    start: { line: r.start.line - 1, character: r.start.character },
    end: { line: r.end.line - 1, character: r.end.character },
  };
}

/** A whole-line range at a 1-based line (for problems that only know their line). */
export function lineRange(doc: FeatureDocument | undefined, line: number): Range {
  const l = Math.max(0, line - 1);
  const length = doc ? doc.lines.lineText(line).length : 0;
  return { start: { line: l, character: 0 }, end: { line: l, character: length } };
}

export function toCorePosition(p: Position): { line: number; character: number } {
  return { line: p.line + 1, character: p.character };
}

/** Does a core range contain an LSP position (inclusive of the end, as the cursor after a word still hovers it)? */
export function rangeContains(r: TextRange, p: Position): boolean {
  const line = p.line + 1;
  if (line < r.start.line || line > r.end.line) return false;
  if (line === r.start.line && p.character < r.start.character) return false;
  if (line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/**
 * A position from the editor moved inside the document: a client may send one past the end of a line or of the
 * text (a stale view, a confused plugin), and an answer must never carry a range that points outside.
 */
export function clampPosition(doc: FeatureDocument, p: Position): Position {
  const lines = doc.lines;
  const line = Math.min(Math.max(0, Math.floor(p.line) || 0), lines.lineCount - 1);
  const character = Math.min(Math.max(0, Math.floor(p.character) || 0), lines.lineText(line + 1).length);
  return { line, character };
}

export function clampRange(doc: FeatureDocument, r: Range): Range {
  return { start: clampPosition(doc, r.start), end: clampPosition(doc, r.end) };
}
