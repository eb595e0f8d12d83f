// Find references. On a decision (a reference to it, its title line, or anywhere in its file that is not a term):
// every place that cites it and every file its `governs` globs match. On a glossary term: every use of it in the
// text files of the workspace, found with the matcher of each file's glossary scope.
import type { Location, Position } from 'vscode-languageserver-types';
import { isProbablyBinaryPath } from '../core/discovery';
import type { ScopedGlossary } from '../core/glossaryIndex';
import type { Decision, GlossaryTerm } from '../core/model';
import { LineIndex } from '../core/text';
import { toLspRange, type FeatureContext, type FeatureDocument } from './context';
import { lineLocation, nameLocation, titleLocation, type ReadText } from './definition';
import { decisionReferenceAt, termAt } from './hover';

/** More results than anyone reads; the cap keeps a term like "data" from listing a whole monorepo. */
export const MAX_REFERENCES = 5000;
/** Files read at once while looking for the uses of a term. */
const READ_CONCURRENCY = 64;

export async function references(
  ctx: FeatureContext,
  doc: FeatureDocument,
  position: Position,
  includeDeclaration: boolean,
  readText: ReadText,
): Promise<Location[]> {
  const ref = decisionReferenceAt(ctx, doc, position);
  if (ref) return decisionReferences(ctx, ref.decision, includeDeclaration, readText);
  const own = ctx.snapshot.decisionAt(doc.path);
  // The title line names the decision even where a glossary term appears in the title.
  if (own && position.line === own.line - 1) return decisionReferences(ctx, own, includeDeclaration, readText);
  const found = termAt(ctx, doc, position);
  if (found) return termReferences(ctx, found.term, includeDeclaration, readText);
  if (own) return decisionReferences(ctx, own, includeDeclaration, readText);
  return [];
}

/**
 * The citations of a decision (each selecting the reference as written), then the files it governs (at their first
 * line), in path order; the declaration selects the decision's title.
 */
export async function decisionReferences(ctx: FeatureContext, decision: Decision, includeDeclaration: boolean, readText: ReadText): Promise<Location[]> {
  const out: Location[] = [];
  if (includeDeclaration) out.push(await titleLocation(ctx, decision.path, decision.line, readText));
  const citations = [...ctx.snapshot.citationsOf(decision.id)].sort(
    (a, b) =>
      compare(a.path, b.path) ||
      a.reference.range.start.line - b.reference.range.start.line ||
      a.reference.range.start.character - b.reference.range.start.character,
  );
  for (const c of citations) {
    if (out.length >= MAX_REFERENCES) return out;
    out.push({ uri: ctx.uriOf(c.path), range: toLspRange(c.reference.range) });
  }
  for (const path of ctx.snapshot.governance.pathsGovernedBy(decision)) {
    if (out.length >= MAX_REFERENCES) break;
    out.push(lineLocation(ctx, path, 1));
  }
  return out;
}

/** Every use of a term, in the files where the term applies (a folder's own glossary may override it). */
export async function termReferences(ctx: FeatureContext, term: GlossaryTerm, includeDeclaration: boolean, readText: ReadText): Promise<Location[]> {
  const out: Location[] = [];
  const declaration = includeDeclaration ? await nameLocation(ctx, term.path, term.line, [term.term, ...term.aliases], readText) : undefined;
  if (declaration) out.push(declaration);
  // The term's id differs per scope; look it up once per scope, not once per file.
  const idInScope = new Map<ScopedGlossary, number>();
  const candidates: { path: string; glossary: ScopedGlossary; id: number }[] = [];
  for (const path of ctx.snapshot.files) {
    if (isProbablyBinaryPath(path) || ctx.snapshot.context.isExcluded(path)) continue;
    const glossary = ctx.snapshot.glossary.forPath(path);
    let id = idInScope.get(glossary);
    if (id === undefined) {
      id = glossary.terms.indexOf(term);
      idInScope.set(glossary, id);
    }
    if (id >= 0) candidates.push({ path, glossary, id });
  }
  for (let i = 0; i < candidates.length && out.length < MAX_REFERENCES; i += READ_CONCURRENCY) {
    const batch = candidates.slice(i, i + READ_CONCURRENCY);
    const texts = await Promise.all(batch.map((c) => readText(c.path).catch(() => undefined)));
    for (let j = 0; j < batch.length && out.length < MAX_REFERENCES; j++) {
      const text = texts[j];
      if (text === undefined) continue;
      const { path, glossary, id } = batch[j];
      let lines: LineIndex | undefined;
      for (const m of glossary.matcher.findAll(text)) {
        if (m.id !== id) continue;
        lines ??= new LineIndex(text);
        const start = lines.positionAt(m.start);
        const end = lines.positionAt(m.end);
        const location: Location = {
          uri: ctx.uriOf(path),
          range: { start: { line: start.line - 1, character: start.character }, end: { line: end.line - 1, character: end.character } },
        };
        // The declaration already selects the term where its glossary names it.
        if (declaration && sameLocation(location, declaration)) continue;
        out.push(location);
        if (out.length >= MAX_REFERENCES) break;
      }
    }
  }
  return out;
}

function sameLocation(a: Location, b: Location): boolean {
  return a.uri === b.uri && JSON.stringify(a.range) === JSON.stringify(b.range);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
