// Go to definition: from a decision reference to the decision's title, from a glossary term to its name where the
// glossary defines it. The target range selects that text (the editor highlights it), read from the target file;
// when the file cannot be read the line's start is the target.
import type { Location, Position, Range } from 'vscode-languageserver-types';
import { LineIndex } from '../core/text';
import type { FeatureContext, FeatureDocument } from './context';
import { decisionReferenceAt, termAt } from './hover';

export type ReadText = (path: string) => Promise<string | undefined>;

export async function definition(ctx: FeatureContext, doc: FeatureDocument, position: Position, readText: ReadText): Promise<Location[] | null> {
  const ref = decisionReferenceAt(ctx, doc, position);
  if (ref) return [await titleLocation(ctx, ref.decision.path, ref.decision.line, readText)];
  const found = termAt(ctx, doc, position);
  if (found) return [await nameLocation(ctx, found.term.path, found.term.line, [found.term.term, ...found.term.aliases], readText)];
  return null;
}

/** A decision's title line, selected from its first word to its end (past `#`, `title:` and quotes). */
export async function titleLocation(ctx: FeatureContext, path: string, line: number, readText: ReadText): Promise<Location> {
  const text = await lineOf(path, line, readText);
  return { uri: ctx.uriOf(path), range: text === undefined ? emptyRange(line) : titleRange(text, line) };
}

/** The first of `names` on a line (a term where its glossary defines it), else the line's text. */
export async function nameLocation(ctx: FeatureContext, path: string, line: number, names: readonly string[], readText: ReadText): Promise<Location> {
  const text = await lineOf(path, line, readText);
  return { uri: ctx.uriOf(path), range: text === undefined ? emptyRange(line) : nameRange(text, line, names) };
}

/** The first of `names` found on the line (case-insensitively), else the line's title text. */
export function nameRange(text: string, line: number, names: readonly string[]): Range {
  const lower = text.toLowerCase();
  for (const name of names) {
    const at = name ? lower.indexOf(name.toLowerCase()) : -1;
    if (at >= 0) return span(line, at, at + name.length);
  }
  return titleRange(text, line);
}

/** The text of a heading (`# 7. Use Kafka`), a `title:` value or, failing both, the line without its indentation. */
export function titleRange(text: string, line: number): Range {
  const heading = /^(\s{0,3}#{1,6}\s+)(.*?)\s*#*\s*$/.exec(text);
  if (heading) return span(line, heading[1].length, heading[1].length + heading[2].length);
  const key = /^(\s*title\s*:\s*["']?)(.*?)["']?\s*$/i.exec(text);
  if (key) return span(line, key[1].length, key[1].length + key[2].length);
  const start = text.search(/\S/);
  return start < 0 ? emptyRange(line) : span(line, start, text.trimEnd().length);
}

/**
 * The start of a 1-based line of a workspace file, as an empty range: for targets that are a whole file (a file a
 * decision governs) and for results that carry no text (workspace symbols).
 */
export function lineLocation(ctx: FeatureContext, path: string, line: number): Location {
  return { uri: ctx.uriOf(path), range: emptyRange(line) };
}

async function lineOf(path: string, line: number, readText: ReadText): Promise<string | undefined> {
  const text = await readText(path).catch(() => undefined);
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  return line >= 1 && line <= lines.lineCount ? lines.lineText(line) : undefined;
}

function span(line: number, from: number, to: number): Range {
  const l = Math.max(0, line - 1);
  return { start: { line: l, character: from }, end: { line: l, character: to } };
}

function emptyRange(line: number): Range {
  return span(line, 0, 0);
}
