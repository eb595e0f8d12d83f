import { describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { featureDocument } from '../../server/src/features/context';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { DATA_PLATFORM, exampleFiles, featureFixture } from './helpers';

/** name (kind) per symbol, children indented: the outline as a reader sees it. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  const kinds = Object.fromEntries(Object.entries(SymbolKind).map(([name, value]) => [value, name]));
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name} (${kinds[s.kind] ?? s.kind})`, ...outline(s.children ?? [], depth + 1)]);
}

function textOf(text: string, r: Range): string {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

function checkNesting(symbols: DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const s of symbols) {
    expect(contains(s.range, s.selectionRange), s.name).toBe(true);
    if (parent) expect(contains(parent.range, s.range), `${s.name} in ${parent.name}`).toBe(true);
    checkNesting(s.children ?? [], s);
  }
}

describe('document symbols', () => {
  it('outline a decision: its title, status and sections, nested by level', async () => {
    const files = exampleFiles();
    const f = await featureFixture({ files });
    const path = 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md';
    const symbols = documentSymbols(f.ctx, f.doc(path));
    expect(outline(symbols)).toEqual([
      'ADR-0007 Kafka Connect and Debezium for change data capture (File)',
      '  Status: accepted (Property)',
      '  Context and Problem Statement (String)',
      '  Decision Drivers (String)',
      '  Considered Options (String)',
      '  Decision Outcome (String)',
      '    Consequences (String)',
      '  More Information (String)',
    ]);
    expect(symbols[0].detail).toBe('accepted');
    expect(textOf(files[path], symbols[0].selectionRange)).toBe('Kafka Connect and Debezium for change data capture');
    expect(textOf(files[path], symbols[0].children![0].range)).toMatch(/^status: accepted$/);
    checkNesting(symbols);
  });

  it('list each term a glossary defines, its name selected', async () => {
    const f = await featureFixture({ files: DATA_PLATFORM });
    for (const path of ['glossary.yml', 'docs/glossary.md']) {
      const symbols = documentSymbols(f.ctx, f.doc(path));
      const terms = f.snapshot.terms.filter((t) => t.path === path).map((t) => t.term);
      expect(symbols.map((s) => s.name)).toEqual(terms);
      for (const s of symbols) {
        expect(s.kind).toBe(SymbolKind.Constant);
        expect(textOf(DATA_PLATFORM[path], s.selectionRange).toLowerCase()).toBe(s.name.toLowerCase());
      }
      checkNesting(symbols);
    }
  });

  it('outline a view with its elements, and give nothing for plain files', async () => {
    const files = exampleFiles();
    const f = await featureFixture({ files });
    const path = 'docs/architecture/component-and-connector-view.md';
    const [view] = documentSymbols(f.ctx, f.doc(path));
    expect(view.name).toBe('Component-and-connector view');
    expect(view.children!.map((c) => c.name)).toContain('Debezium source connectors');
    checkNesting([view]);
    expect(documentSymbols(f.ctx, f.doc('README.md'))).toEqual([]);
  });

  it('never throws on a decision whose text is shorter than the index thinks', async () => {
    const f = await featureFixture({ files: DATA_PLATFORM });
    const d = f.snapshot.decisions[0];
    const symbols = documentSymbols(f.ctx, featureDocument(d.path, f.uri(d.path), 'markdown', 2, ''));
    checkNesting(symbols);
  });
});
