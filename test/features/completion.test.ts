import { describe, expect, it } from 'vitest';
import { CompletionItemKind, CompletionItemTag } from 'vscode-languageserver-types';
import { COMPLETION_LIMIT, completion, completionAnswer, resolveCompletion } from '../../server/src/features/completion';
import { firstSentence } from '../../server/src/core/text';
import { decisionMarkdown } from '../../server/src/features/markdownText';
import { featureFixture } from './helpers';

const ADR3 = ['---', 'status: superseded', '---', '# Use Kafka', '', 'Kafka.', ''].join('\n');
const ADR7 = ['---', 'status: accepted', 'supersedes: [ADR-0003]', '---', '# Use Kafka Connect', '', 'Connectors.', ''].join('\n');
const ADR12 = ['---', 'status: proposed', '---', '# Data contracts for CDC topics', ''].join('\n');
const GLOSSARY = [
  'terms:',
  '  - name: CDC',
  '    aliases: [change data capture]',
  '    definition: Capturing row changes from a database log. Debezium does it for us.',
  '  - name: reverse ETL',
  '    definition: Copying modelled data back into operational systems.',
  '',
].join('\n');
const BASE = {
  'docs/adr/0003-use-kafka.md': ADR3,
  'docs/adr/0007-use-kafka-connect.md': ADR7,
  'docs/adr/0012-data-contracts.md': ADR12,
  'glossary.yml': GLOSSARY,
};

describe('completion answers of a large log', () => {
  const many: Record<string, string> = {};
  for (let n = 1; n <= COMPLETION_LIMIT + 60; n++) many[`docs/adr/${String(n).padStart(4, '0')}-d${n}.md`] = `# ${n}. Decision number ${n}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n`;

  it('sends the first items in sort order, marked incomplete, instead of every decision', async () => {
    const f = await featureFixture({ files: { ...many, 'src/a.py': '# ADR-$$\n' } });
    expect(completion(f.ctx, f.doc('src/a.py'), f.pos('src/a.py'))).toHaveLength(COMPLETION_LIMIT + 60);
    const answer = completionAnswer(f.ctx, f.doc('src/a.py'), f.pos('src/a.py'));
    expect(Array.isArray(answer)).toBe(false);
    const list = answer as { isIncomplete: boolean; items: { label: string; sortText?: string }[] };
    expect(list.isIncomplete).toBe(true);
    expect(list.items).toHaveLength(COMPLETION_LIMIT);
    expect(list.items[0].label).toBe('ADR-0001 Decision number 1');
    expect(list.items.at(-1)!.label).toBe(`ADR-${String(COMPLETION_LIMIT).padStart(4, '0')} Decision number ${COMPLETION_LIMIT}`);
  });

  it('narrows to what was typed, so the editor asking again finds the rest', async () => {
    const f = await featureFixture({ files: { ...many, 'src/a.py': '# ADR-025$$\n' } });
    const answer = completionAnswer(f.ctx, f.doc('src/a.py'), f.pos('src/a.py'));
    const items = Array.isArray(answer) ? answer : answer.items;
    expect(items.map((i) => i.label)).toEqual(['ADR-0025 Decision number 25', ...Array.from({ length: 10 }, (_, i) => `ADR-025${i} Decision number 25${i}`)]);
  });

  it('leaves a short list whole', async () => {
    const f = await featureFixture({ files: { ...BASE, 'src/a.py': '# ADR-$$\n' } });
    expect(completionAnswer(f.ctx, f.doc('src/a.py'), f.pos('src/a.py'))).toEqual(completion(f.ctx, f.doc('src/a.py'), f.pos('src/a.py')));
  });
});

describe('completion after ADR- and @adr', () => {
  it('offers decisions after ADR-00, replacing the typed digits with the padded number', async () => {
    const f = await featureFixture({ files: { ...BASE, 'src/job.py': '# see ADR-00$$\n' } });
    const items = completion(f.ctx, f.doc('src/job.py'), f.pos('src/job.py'));
    const range = { start: { line: 0, character: 10 }, end: { line: 0, character: 12 } };
    expect(items.map((i) => [i.label, i.textEdit, i.filterText, i.sortText, i.detail, i.tags])).toEqual([
      ['ADR-0003 Use Kafka', { range, newText: '0003' }, '0003 3 Use Kafka', '1-000000003-docs/adr/0003-use-kafka.md', 'superseded by ADR-0007', [CompletionItemTag.Deprecated]],
      ['ADR-0007 Use Kafka Connect', { range, newText: '0007' }, '0007 7 Use Kafka Connect', '0-000000007-docs/adr/0007-use-kafka-connect.md', 'accepted', undefined],
      ['ADR-0012 Data contracts for CDC topics', { range, newText: '0012' }, '0012 12 Data contracts for CDC topics', '0-000000012-docs/adr/0012-data-contracts.md', 'proposed', undefined],
    ]);
    const adr7 = f.snapshot.decisions.find((d) => d.number === 7)!;
    // Documented on resolve, for the item the editor shows: not for every decision on each keystroke.
    expect(items[1].documentation).toBeUndefined();
    expect(resolveCompletion(f.ctx, items[1]).documentation).toEqual({ kind: 'markdown', value: decisionMarkdown(f.ctx, adr7) });
    expect(items[1].kind).toBe(CompletionItemKind.Reference);
    // Standing decisions sort before retired ones.
    expect([...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label)).toEqual([
      'ADR-0007 Use Kafka Connect',
      'ADR-0012 Data contracts for CDC topics',
      'ADR-0003 Use Kafka',
    ]);
  });

  it('keeps the prefix as typed (adr- in lower case) and replaces a typed title word', async () => {
    const f = await featureFixture({ files: { ...BASE, 'src/a.ts': 'const x = 1; // adr-kaf$$ later\n' } });
    const items = completion(f.ctx, f.doc('src/a.ts'), f.pos('src/a.ts'));
    expect(items[0].textEdit).toEqual({ range: { start: { line: 0, character: 20 }, end: { line: 0, character: 23 } }, newText: '0003' });
  });

  it('inserts the plain number after @adr and an empty range right after ADR-', async () => {
    const f = await featureFixture({ files: { ...BASE, 'src/a.go': '// @adr $$\n', 'docs/n.md': 'ADR-$$\n' } });
    const tag = completion(f.ctx, f.doc('src/a.go'), f.pos('src/a.go'));
    expect(tag.map((i) => i.textEdit)).toEqual(
      ['3', '7', '12'].map((newText) => ({ range: { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } }, newText })),
    );
    const md = completion(f.ctx, f.doc('docs/n.md'), f.pos('docs/n.md'));
    expect(md.map((i) => i.textEdit)).toEqual(
      ['0003', '0007', '0012'].map((newText) => ({ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, newText })),
    );
  });

  it('offers nothing after a look-alike such as MADR-', async () => {
    const f = await featureFixture({ files: { ...BASE, 'src/a.py': '# MADR-$$\n' } });
    expect(completion(f.ctx, f.doc('src/a.py'), f.pos('src/a.py'))).toEqual([]);
  });
});

describe('completion in a decision front matter', () => {
  it('offers the six statuses after status:', async () => {
    const f = await featureFixture({ files: { ...BASE, 'docs/adr/0013-new.md': '---\nstatus: ac$$\n---\n# New\n' } });
    const items = completion(f.ctx, f.doc('docs/adr/0013-new.md'), f.pos('docs/adr/0013-new.md'));
    const range = { start: { line: 1, character: 8 }, end: { line: 1, character: 10 } };
    expect(items).toEqual(
      ['accepted', 'proposed', 'superseded', 'deprecated', 'rejected', 'draft'].map((status, i) => ({
        label: status,
        kind: CompletionItemKind.EnumMember,
        sortText: String(i),
        textEdit: { range, newText: status },
      })),
    );
  });

  it('offers the other decisions as ADR-NNNN after supersedes: and in a list under superseded_by:', async () => {
    const f = await featureFixture({
      files: {
        ...BASE,
        'docs/adr/0013-new.md': '---\nsupersedes: [ADR-0003, $$a$$]\nsuperseded_by:\n  - ADR-0$$b$$\n---\n# New\n',
      },
    });
    const doc = f.doc('docs/adr/0013-new.md');
    const inline = completion(f.ctx, doc, f.pos('docs/adr/0013-new.md', 'a'));
    expect(inline.map((i) => [i.label, i.textEdit])).toEqual(
      ['ADR-0003', 'ADR-0007', 'ADR-0012'].map((name) => [
        name,
        { range: { start: { line: 1, character: 23 }, end: { line: 1, character: 23 } }, newText: name },
      ]),
    );
    expect(inline[1].detail).toBe('Use Kafka Connect (accepted)');
    expect(inline[1].filterText).toBe('ADR-0007 0007 7 Use Kafka Connect');
    const list = completion(f.ctx, doc, f.pos('docs/adr/0013-new.md', 'b'));
    expect(list.map((i) => i.textEdit)).toEqual(
      ['ADR-0003', 'ADR-0007', 'ADR-0012'].map((newText) => ({ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } }, newText })),
    );
  });

  it('does not offer the decision itself, nor statuses outside the front matter or outside decisions', async () => {
    const f = await featureFixture({
      files: { ...BASE, 'docs/notes.md': '---\nstatus: $$\n---\n', 'docs/adr/0007-use-kafka-connect.md': ADR7.replace('supersedes: [ADR-0003]', () => 'supersedes: [ADR-0003, $$]') },
    });
    expect(completion(f.ctx, f.doc('docs/notes.md'), f.pos('docs/notes.md'))).toEqual([]);
    const self = completion(f.ctx, f.doc('docs/adr/0007-use-kafka-connect.md'), f.pos('docs/adr/0007-use-kafka-connect.md'));
    expect(self.map((i) => i.label)).toEqual(['ADR-0003', 'ADR-0012']);
  });
});

describe('completion of glossary terms in markdown', () => {
  it('offers terms for a started word, with aliases in filterText and the first sentence as detail', async () => {
    const f = await featureFixture({ files: { ...BASE, 'docs/guide.md': '# Guide\n\nWe use chan$$\n' } });
    const items = completion(f.ctx, f.doc('docs/guide.md'), f.pos('docs/guide.md'));
    const range = { start: { line: 2, character: 7 }, end: { line: 2, character: 11 } };
    expect(items).toEqual([
      {
        label: 'CDC',
        kind: CompletionItemKind.Text,
        detail: 'Capturing row changes from a database log.',
        documentation: { kind: 'markdown', value: 'Capturing row changes from a database log. Debezium does it for us.' },
        filterText: 'CDC change data capture',
        sortText: 'cdc',
        textEdit: { range, newText: 'CDC' },
      },
      {
        label: 'reverse ETL',
        kind: CompletionItemKind.Text,
        detail: 'Copying modelled data back into operational systems.',
        documentation: { kind: 'markdown', value: 'Copying modelled data back into operational systems.' },
        filterText: 'reverse ETL',
        sortText: 'reverse etl',
        textEdit: { range, newText: 'reverse ETL' },
      },
    ]);
  });

  it('offers no terms in code files, in code fences, or before a word is started', async () => {
    const f = await featureFixture({
      files: { ...BASE, 'src/a.py': '# chan$$\n', 'docs/c.md': '```\nchan$$\n```\n', 'docs/d.md': 'Text $$\n' },
    });
    expect(completion(f.ctx, f.doc('src/a.py'), f.pos('src/a.py'))).toEqual([]);
    expect(completion(f.ctx, f.doc('docs/c.md'), f.pos('docs/c.md'))).toEqual([]);
    expect(completion(f.ctx, f.doc('docs/d.md'), f.pos('docs/d.md'))).toEqual([]);
  });

  it('cuts a definition at its first sentence', () => {
    expect(firstSentence('One. Two.')).toBe('One.');
    expect(firstSentence('No full stop\nat all')).toBe('No full stop at all');
    expect(firstSentence('Version 2.0 of it. More')).toBe('Version 2.0 of it.');
  });
});

describe('completion on hostile positions', () => {
  it('answers nothing, without throwing, past the end of a line or of the document and in an empty file', async () => {
    const f = await featureFixture({ files: { ...BASE, 'src/empty.py': '', 'docs/adr/0013-x.md': '---\r\nstatus: \r\n---\r\n' } });
    expect(completion(f.ctx, f.doc('src/empty.py'), { line: 0, character: 0 })).toEqual([]);
    expect(completion(f.ctx, f.doc('src/empty.py'), { line: 99, character: 99 })).toEqual([]);
    // CRLF front matter still completes statuses.
    expect(completion(f.ctx, f.doc('docs/adr/0013-x.md'), { line: 1, character: 8 }).map((i) => i.label)).toHaveLength(6);
  });
});
