import { describe, expect, it } from 'vitest';
import type { StaleFinding } from '../../server/src/core/staleness';
import { decisionLabel } from '../../server/src/core/lifecycle';
import { escapeMarkdown, markdownLink } from '../../server/src/core/safeMarkdown';
import { decisionMarkdown, workspaceLinkPolicy } from '../../server/src/features/markdownText';
import { DATA_PLATFORM, featureFixture } from './helpers';

/** The targets of every markdown link or autolink a renderer could find in the text. */
function linkTargets(md: string): string[] {
  const out: string[] = [];
  // An unescaped `](` or `<scheme:` is what makes a live link; `\]` and `\<` are literal.
  for (const m of md.matchAll(/(?<!\\)\]\(\s*<?([^)\s>]*)/g)) out.push(m[1]);
  for (const m of md.matchAll(/(?<!\\)<([a-z][a-z0-9+.-]*:[^>\s]*)>/gi)) out.push(m[1]);
  return out;
}

describe('escapeMarkdown', () => {
  it('makes link, HTML and code syntax literal', () => {
    expect(escapeMarkdown('[x](command:foo)')).toBe('\\[x\\](command:foo)');
    expect(escapeMarkdown('<img src=x onerror=y> `code` a|b')).toBe('&lt;img src=x onerror=y&gt; \\`code\\` a\\|b');
    expect(escapeMarkdown('C:\\temp\\[x]')).toBe('C:\\\\temp\\\\\\[x\\]');
    expect(linkTargets(escapeMarkdown('see [x](command:foo) and <command:bar>'))).toEqual([]);
  });

  it('keeps text on one line', () => {
    expect(escapeMarkdown('Use\r\n  Kafka\nConnect')).toBe('Use Kafka Connect');
  });
});

describe('workspace link policy', () => {
  it('keeps web links and files inside the folder, refuses every other target', async () => {
    const f = await featureFixture({ files: { ...DATA_PLATFORM } });
    const policy = workspaceLinkPolicy(f.ctx, 'docs/adr/0007-kafka-connect-for-cdc.md');
    expect(policy('https://debezium.io/docs')).toBe('https://debezium.io/docs');
    expect(policy('0012-incremental-snapshots.md')).toBe('file:///ws/docs/adr/0012-incremental-snapshots.md');
    expect(policy('../../README.md#L3')).toBe('file:///ws/README.md#L3');
    expect(policy('/connect/debezium/orders.json#setup')).toBe('file:///ws/connect/debezium/orders.json');
    expect(policy('file:///ws/README.md')).toBe('file:///ws/README.md');
    for (const refused of ['../../../etc/passwd', 'file:///etc/passwd', 'file:///ws/../etc/passwd', 'command:workbench.action.quit', 'vscode://x', 'javascript:alert(1)', 'data:text/html,x', '//evil.example/x', 'mailto:a@b.c']) {
      expect(policy(refused), refused).toBeUndefined();
    }
  });

  it('percent-encodes what would end a link destination', () => {
    expect(markdownLink('docs/adr/a (old).md', 'file:///ws/docs/adr/a (old).md#L1')).toBe('[docs/adr/a (old).md](file:///ws/docs/adr/a%20%28old%29.md#L1)');
  });
});

describe('decision markdown', () => {
  it('labels decisions with a padded number, else the title', async () => {
    expect(decisionLabel({ number: 7, title: 'Use Kafka Connect' })).toBe('ADR-0007 Use Kafka Connect');
    expect(decisionLabel({ number: 12345, title: 'Big' })).toBe('ADR-12345 Big');
    expect(decisionLabel({ number: undefined, title: 'Use Kafka Connect' })).toBe('Use Kafka Connect');
  });

  it('shows status, date, deciders, the decision and its amendments', async () => {
    const f = await featureFixture({ files: { ...DATA_PLATFORM } });
    const d = f.snapshot.decisionByNumber(7)!;
    expect(decisionMarkdown(f.ctx, d)).toBe(
      [
        '**ADR-0007 Kafka Connect and Debezium for CDC**',
        'Accepted · 2024-05-14 · Deciders: Priya Raman, Kwame Mensah',
        'Chosen option: "Debezium source connectors on Kafka Connect", because Debezium reads the WAL like a replica. Each source database gets one connector (`connect/debezium/*.json`).',
        'Amended by [ADR-0012 Incremental snapshots for Debezium](file:///ws/docs/adr/0012-incremental-snapshots.md#L1)',
        '[docs/adr/0007-kafka-connect-for-cdc.md](file:///ws/docs/adr/0007-kafka-connect-for-cdc.md#L11)',
      ].join('\n\n'),
    );
  });

  it('names the successor of a superseded decision', async () => {
    const f = await featureFixture({ files: { ...DATA_PLATFORM } });
    const md = decisionMarkdown(f.ctx, f.snapshot.decisionByNumber(3)!);
    expect(md.split('\n\n').slice(0, 3)).toEqual([
      '**ADR-0003 Nightly batch ingestion with Airflow**',
      'Superseded · 2024-02-20',
      'Superseded by [ADR-0007 Kafka Connect and Debezium for CDC](file:///ws/docs/adr/0007-kafka-connect-for-cdc.md#L11)',
    ]);
  });

  it('adds the stale findings of the decision and only those', async () => {
    const finding = (id: string, message: string): StaleFinding => ({
      docPath: `${id}.md`,
      docLine: 11,
      subject: { kind: 'decision', id, title: 'x' },
      governedPaths: ['connect/debezium/orders.json'],
      globs: ['connect/debezium/**'],
      commitCount: 3,
      latest: { hash: 'abc1234', date: '2025-01-10T10:00:00Z', author: 'Lena Vogel', subject: 'Add payments table' },
      docLastChanged: { date: '2024-11-18T09:00:00Z' },
      message,
    });
    const f = await featureFixture(
      { files: { ...DATA_PLATFORM } },
      {
        stale: [
          finding('docs/adr/0007-kafka-connect-for-cdc', 'connect/debezium/** changed in 3 commits since this decision changed (latest: Add payments table)'),
          finding('docs/adr/0012-incremental-snapshots', 'unrelated'),
        ],
      },
    );
    const md = decisionMarkdown(f.ctx, f.snapshot.decisionByNumber(7)!);
    expect(md.split('\n\n').filter((p) => p.startsWith('⚠'))).toEqual([
      '⚠ Stale: connect/debezium/\\*\\* changed in 3 commits since this decision changed (latest: Add payments table)',
    ]);
  });

  it('never turns a hostile title or summary into a command link', async () => {
    const f = await featureFixture({
      files: {
        '.adr-dir': 'docs/adr\n',
        'docs/adr/0009-evil.md':
          '# 9. Click \\[here\\](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)\n\nDate: 2024-01-01\n\n## Status\n\nAccepted <a href="command:x">now</a>\n\n## Decision\n\nWe use `Kafka\n- Run [this](command:foo) or <command:bar> `, read [the article](https://kafka.apache.org/) and [ADR 1](0001-record.md), not ![x](https://t.example/p.png).\n',
      },
    });
    const d = f.snapshot.decisionByNumber(9)!;
    expect(d.title).toContain('](command:');
    const md = decisionMarkdown(f.ctx, d);
    expect(md.split('\n\n')[0]).toBe(
      '**ADR-0009 Click \\[here\\](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)**',
    );
    expect(linkTargets(md)).toEqual(['https://kafka.apache.org/', 'file:///ws/docs/adr/0001-record.md', 'file:///ws/docs/adr/0009-evil.md#L1']);
  });
});
