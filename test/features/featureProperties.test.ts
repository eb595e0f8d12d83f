// Property tests (fast-check) of the LSP features, not only the index: random workspaces of decision records,
// glossaries, views, code and the odd shapes repositories hold (broken YAML, stray backticks and HTML, hostile
// links, bidi controls, CR line ends, BOMs), asked at random positions and ranges as an editor would (positions
// clamped to the document, as the server does), never throw, answer ranges inside the documents they point into
// and carry no link a document chose to a scheme that runs something; and after a random sequence of edits the
// features answer exactly as over an index built fresh from the final texts.
import fc from 'fast-check';
import type { Position } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { codeActions } from '../../server/src/features/codeActions';
import { codeLens } from '../../server/src/features/codeLens';
import { completion } from '../../server/src/features/completion';
import { clampPosition, clampRange, featureDocument, type FeatureContext } from '../../server/src/features/context';
import { definition } from '../../server/src/features/definition';
import { diagnostics } from '../../server/src/features/diagnostics';
import { documentLinks } from '../../server/src/features/documentLinks';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { hover } from '../../server/src/features/hover';
import { inlayHints } from '../../server/src/features/inlayHints';
import { references } from '../../server/src/features/references';
import { workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { answerViolations, lspLines } from '../protocol/answerChecks';
import { featureFixture, languageOf } from './helpers';

const PATHS = ['docs/adr/0001-use-kafka.md', 'docs/adr/0002-offsets.md', 'docs/glossary.md', 'glossary.yml', 'docs/architecture/pipeline-view.md', 'src/app.py', 'README.md'] as const;

const line = fc.constantFrom(
  '# 1. Use Kafka',
  '# ADR-0002: Offsets',
  '# Pipeline View',
  '## Status',
  'Accepted',
  'Superseded by [2. Offsets](0002-offsets.md)',
  'Supersedes ADR-0001',
  '---',
  'status: accepted',
  'status: [bad',
  'supersedes: ADR-0002',
  'governs: [src/**, ../../etc/**]',
  'a: &a [*a, *a]',
  '```',
  'We use `Kafka',
  '- [docs](command:workbench.action.quit) `',
  '[js](javascript:alert(1)) ![img](https://evil.example/x.png) <command:x>',
  '<a href="command:x">html</a> <script>alert(1)</script>',
  'see ADR-0001, ADR-0002 and ADR-0099',
  '# ADR-0001 CDC offsets',
  '## Element Catalog',
  '| Element | Code |',
  '|---|---|',
  '| Sink | `src/` |',
  '| Outside | `../../etc/passwd` |',
  'CDC',
  ': Change data capture. See [x](command:y).',
  'terms:',
  '  - name: CDC',
  '    definition: Change data capture.',
  '  - name: Offset',
  '\u202eevil\u202c zero\u200bwidth 🚀 e\u0301',
  'x'.repeat(200),
  '',
);
const separator = fc.constantFrom('\n', '\r\n', '\r');
const documentText = fc.tuple(fc.array(line, { maxLength: 12 }), separator, fc.constantFrom('', '\ufeff')).map(([lines, sep, bom]) => bom + lines.join(sep));
const workspace = fc.dictionary(fc.constantFrom(...PATHS), documentText, { minKeys: 1 });
const position = fc.record({ line: fc.integer({ min: -2, max: 20 }), character: fc.integer({ min: -2, max: 250 }) });

const ROOT = '/ws';
const linesOf = (files: Record<string, string>) => (p: string) => (p.startsWith(`${ROOT}/`) && files[p.slice(ROOT.length + 1)] !== undefined ? lspLines(files[p.slice(ROOT.length + 1)]) : undefined);

/** Every feature over one document, at the given editor positions (clamped as the server clamps them). */
async function askEverything(ctx: FeatureContext, files: Record<string, string>, path: string, positions: Position[]) {
  const doc = featureDocument(path, ctx.uriOf(path), languageOf(path), 1, files[path]);
  const readText = async (p: string) => files[p];
  const diags = diagnostics(ctx, doc);
  const lines = lspLines(files[path]);
  const whole = clampRange(doc, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } });
  const answers: Record<string, unknown> = {
    diagnostics: diags,
    symbols: documentSymbols(ctx, doc),
    links: documentLinks(ctx, doc),
    lenses: codeLens(ctx, doc),
    hints: inlayHints(ctx, doc, whole),
    actions: codeActions(ctx, doc, whole, diags, { today: '2025-06-10' }),
  };
  for (const raw of positions) {
    const p = clampPosition(doc, raw);
    expect(p.line).toBeLessThan(lines.length);
    expect(p.character).toBeLessThanOrEqual(lines[p.line]);
    const at = `${p.line}:${p.character}`;
    answers[`hover ${at}`] = hover(ctx, doc, p);
    answers[`definition ${at}`] = await definition(ctx, doc, p, readText);
    answers[`references ${at}`] = await references(ctx, doc, p, true, readText);
    answers[`completion ${at}`] = completion(ctx, doc, p);
  }
  return answers;
}

function uriFiles(files: Record<string, string>) {
  return { root: ROOT, linesOf: linesOf(files) };
}

describe('LSP features over random workspaces', () => {
  it('never throw, answer ranges inside their documents and no link a document chose', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(workspace, fc.array(position, { minLength: 1, maxLength: 6 }), fc.string({ maxLength: 30 }), async (files, positions, query) => {
        const f = await featureFixture({ files });
        for (const path of Object.keys(files)) {
          const answers = await askEverything(f.ctx, files, path, positions);
          expect(answerViolations(answers, { ...uriFiles(files), uri: f.uri(path) })).toEqual([]);
        }
        const symbols = workspaceSymbols([f.ctx], query);
        expect(answerViolations(symbols, uriFiles(files))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

type Edit = { path: (typeof PATHS)[number]; at: number; remove: number; insert: string } | { path: (typeof PATHS)[number]; close: true };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ path: fc.constantFrom(...PATHS), at: fc.nat(400), remove: fc.nat(40), insert: fc.oneof(line, line.map((l) => `${l}\n`), fc.constantFrom('\n', '\r', 'ADR-000', '1', '`', '[', ']', '(')) }) },
  { weight: 1, arbitrary: fc.record({ path: fc.constantFrom(...PATHS), close: fc.constant(true as const) }) },
);

describe('LSP features after random edits', () => {
  it('answer exactly as over an index built fresh from the final texts', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(workspace, fc.array(edit, { maxLength: 12 }), fc.array(position, { minLength: 1, maxLength: 4 }), async (disk, edits, positions) => {
        const f = await featureFixture({ files: disk });
        // Open editors: the text an edit produced stays the file's text until the editor closes it.
        const open = new Map<string, string>();
        for (const e of edits) {
          if ('close' in e) {
            if (open.delete(e.path)) await f.index.clearOverlay(e.path);
            continue;
          }
          const text = open.get(e.path) ?? disk[e.path] ?? '';
          const at = Math.min(e.at, text.length);
          const next = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          open.set(e.path, next);
          await f.index.setOverlay(e.path, next);
        }
        const final: Record<string, string> = { ...disk, ...Object.fromEntries(open) };
        const incremental: FeatureContext = { ...f.ctx, snapshot: f.index.snapshot, settings: f.index.settings };
        const fresh = await featureFixture({ files: final });
        for (const path of Object.keys(final)) {
          const got = await askEverything(incremental, final, path, positions);
          const want = await askEverything(fresh.ctx, final, path, positions);
          expect(got, path).toEqual(want);
        }
      }),
      { numRuns: 60 },
    );
  });
});
