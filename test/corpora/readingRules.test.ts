// The reading rules on the lines of the shared corpora they come from (path:line in each test's name): what is a
// reference and what only looks like one, relations stated in prose or pointing at other sites, images, and
// README indexes. Each test would fail without its rule.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import { parseDecision } from '../../server/src/core/decisions/parse';
import { relationsInLine } from '../../server/src/core/decisions/relations';
import { findDecisionReferences, findMarkdownLinks } from '../../server/src/core/references';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const read = (rel: string) => readFileSync(path.join(CORPORA, rel), 'utf8');
const lineOf = (rel: string, line: number) => read(rel).split(/\r?\n/)[line - 1];

async function check(corpus: string): Promise<{ code: string; path: string; line: number; message: string }[]> {
  let out = '';
  await runCli(['check', corpus, '--format', 'json', '--fail-on', 'never'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} }, cwd: CORPORA });
  return (JSON.parse(out) as { findings: { code: string; path: string; line: number; message: string }[] }).findings;
}

describe('what is not a decision reference', () => {
  it('cometbft adr-104-out-of-band-state-sync.md:101: `[ADR 083][adr083]` whose definition is a URL cites another repository', () => {
    const rel = 'cometbft/docs/references/architecture/adr-104-out-of-band-state-sync.md';
    const refs = findDecisionReferences(rel, read(rel)).filter((r) => r.range.start.line === 101);
    expect(refs.map((r) => [r.text, r.number, r.external])).toEqual([
      ['ADR 083', 83, 'https://github.com/tendermint/tendermint/pull/9651'],
      ['ADR 103', 103, 'https://github.com/cometbft/cometbft/pull/729'],
    ]);
  });

  it('ibc-go adr-010-light-clients-as-sdk-modules.md:48: `[ADR 033](https://…)` is the SDK’s decision', () => {
    const rel = 'ibc-go/docs/architecture/adr-010-light-clients-as-sdk-modules.md';
    const refs = findDecisionReferences(rel, read(rel)).filter((r) => r.range.start.line === 48);
    expect(refs).toHaveLength(1);
    expect(refs[0].external).toMatch(/^https:\/\/github\.com\/cosmos\/cosmos-sdk\/.*adr-033/);
  });

  it('ibc-go modules/apps/transfer/types/keys.go:65-72: `ADR 028` beside its cosmos-sdk URL is that decision, in the whole file', () => {
    const rel = 'ibc-go/modules/apps/transfer/types/keys.go';
    const refs = findDecisionReferences(rel, read(rel));
    // The id inside the URL (line 66) is no reference of its own; lines 65 and 72 cite the external decision.
    expect(refs.map((r) => [r.range.start.line, r.number])).toEqual([
      [65, 28],
      [72, 28],
    ]);
    expect(refs.every((r) => r.external?.includes('adr-028-public-key-addresses.md'))).toBe(true);
  });

  it('cometbft adr-template.md:30, madr template/adr-template.md:3, log4brains template.md:3: a template’s references are placeholders', () => {
    for (const rel of ['cometbft/docs/references/architecture/adr-template.md', 'madr/template/adr-template.md', 'log4brains/docs/adr/template.md']) {
      expect(findDecisionReferences(rel, read(rel))).toEqual([]);
    }
    // The same lines in an ordinary document would be references: the rule is the file being a template.
    expect(findDecisionReferences('docs/notes.md', lineOf('cometbft/docs/references/architecture/adr-template.md', 30)).length).toBeGreaterThan(0);
  });

  it('placeholder file names and format strings are no references', () => {
    const text = ['Superseded by [xxx](yyyymmdd-xxx.md)', 'see [the format](NNNN-title-with-dashes.md)', 'name = "ADR-00%d" % n', 'f"ADR-0{n}"', 'cites ADR-0007 and [0008](0008-x.md)'].join('\n');
    expect(findDecisionReferences('docs/adr/notes.md', text).map((r) => r.text)).toEqual(['ADR-0007', '0008-x.md']);
  });
});

describe('relations in prose and to other sites', () => {
  it('cometbft adr-110-remote-mempool.md:13 "Rejected in favour of ADR 111" is superseded by 111', () => {
    const rel = 'cometbft/docs/references/architecture/adr-110-remote-mempool.md';
    expect(relationsInLine(lineOf(rel, 13), 13, rel)).toEqual([{ kind: 'supersededBy', text: 'ADR 111', number: 111, line: 13 }]);
  });

  it('cometbft adr-100-data-companion-push-api.md:5 "Mark as rejected in favour of ADR-101" in the changelog', () => {
    const rel = 'cometbft/docs/references/architecture/adr-100-data-companion-push-api.md';
    expect(relationsInLine(lineOf(rel, 5), 5, rel).map((r) => [r.kind, r.number])).toEqual([['supersededBy', 101]]);
  });

  it('cometbft tendermint-core/adr-073-libp2p.md:26 "This ADR supersedes the decisions made in ADRs 60 and 61"', () => {
    const rel = 'cometbft/docs/references/architecture/tendermint-core/adr-073-libp2p.md';
    const { decision } = parseDecision(rel, read(rel));
    expect(decision.relations.map((r) => [r.kind, r.number, r.line])).toEqual([
      ['supersedes', 60, 26],
      ['supersedes', 61, 26],
    ]);
  });

  it('cometbft tendermint-core/adr-073-libp2p.md:9 is only Proposed: ADRs 060 and 061 still stand, and citing them is no finding', async () => {
    const findings = await check('cometbft');
    const about = findings.filter((f) => /ADR-006[01]\b/.test(f.message));
    expect(about).toEqual([]);
    // The rule is the proposal's status: the accepted ADR 111 that ADR 110 gave way to still retires it.
    expect(findings.some((f) => f.code === 'one-sided-relation' && f.message.startsWith('ADR-0111 (nop Mempool) supersedes ADR-0110'))).toBe(true);
  }, 120_000);

  it('arachne adr-017-simplify-chimera-model.md:3 "this ADR supersedes some aspects of [ADR-15](…)" amends it', () => {
    const rel = 'arachne/adr-017-simplify-chimera-model.md';
    expect(relationsInLine(lineOf(rel, 3), 3, rel).map((r) => [r.kind, r.number])).toEqual([
      ['amends', 15],
      ['amends', 16],
    ]);
    expect(relationsInLine('This decision is partially superseded by ADR-0009.', 2, 'docs/adr/0004-x.md').map((r) => [r.kind, r.number])).toEqual([['amendedBy', 9]]);
  });

  it('the subject of a prose relation must be this record, named or left out at the start of a clause', () => {
    const doc = 'docs/adr/0009-x.md';
    const read = (line: string) => relationsInLine(line, 1, doc).map((r) => [r.kind, r.number]);
    // Another subject: an option, two other decisions, code being removed.
    expect(read('Option B was rejected in favour of ADR 7 because it costs more.')).toEqual([]);
    expect(read('ADR 60 was superseded by ADR 73, which we build on.')).toEqual([]);
    expect(read('The polling client, deprecated in favour of ADR-0012, stays for a release.')).toEqual([]);
    expect(read('Both types will be removed in favour of ADR-0012 in the next release.')).toEqual([]);
    // This record: named, or the clause starts with the verb (a status line, a changelog entry, a table cell).
    expect(read('This decision was superseded by ADR-0012.')).toEqual([['supersededBy', 12]]);
    expect(read('We tried it for a quarter. Rejected in favour of ADR-0012.')).toEqual([['supersededBy', 12]]);
    expect(read('- 2023-11-13: Marked as rejected in favour of ADR 12 (@someone)')).toEqual([['supersededBy', 12]]);
    expect(read('| Status | Deprecated in favour of [ADR 12](0012-x.md) |')).toEqual([['supersededBy', 12]]);
  });

  it('a sentence about two other decisions states no relation of this one; "amends [ADR 12](…)" does', () => {
    expect(relationsInLine('ADR 5 supersedes ADR 3 in the payments team.', 1, 'docs/adr/0009-x.md')).toEqual([]);
    expect(relationsInLine('In short, this decision amends [ADR 12](0012-cache.md) for reads.', 4, 'docs/adr/0009-x.md')).toEqual([
      { kind: 'amends', text: '[ADR 12](0012-cache.md)', path: 'docs/adr/0012-cache.md', number: 12, line: 4 },
    ]);
  });

  it('a relation linking another site is kept as that link, not resolved by its label nor reported dangling', () => {
    const text = ['# 4. Queue', '', '## Status', '', 'Superseded by [ADR-011](https://github.com/other/adrs/blob/main/011-x.md)', ''].join('\n');
    const { decision } = parseDecision('docs/adr/0004-queue.md', text);
    expect(decision.relations).toEqual([
      { kind: 'supersededBy', text: '[ADR-011](https://github.com/other/adrs/blob/main/011-x.md)', external: 'https://github.com/other/adrs/blob/main/011-x.md', line: 5 },
    ]);
  });
});

describe('images and index files', () => {
  it('uvic-sei-views manuscript/Bokeh/chapter.md:3 `![Bokeh Logo](…png)` is an image, not a code path', () => {
    const rel = 'uvic-sei-views/manuscript/Bokeh/chapter.md';
    const links = findMarkdownLinks(rel, read(rel)).filter((l) => l.range.start.line === 3);
    expect(links.map((l) => [l.path, l.image])).toEqual([['uvic-sei-views/manuscript/images/Bokeh/bokeh-logo.png', true]]);
    expect(findMarkdownLinks('a.md', '[code](src/x.py) and ![pic](x.png)').map((l) => l.image ?? false)).toEqual([false, true]);
  });

  it('ibc-go docs/architecture/README.md:43: the README table lists ADR 010 as Accepted, its file says Proposed: one finding; its deprecated ADR 025 entry is no use', async () => {
    const findings = (await check('ibc-go')).filter((f) => f.path === 'docs/architecture/README.md');
    expect(findings.map((f) => [f.code, f.line, f.message])).toEqual([
      ['index-out-of-date', 43, "This index of decisions is out of date: ADR-0010 IBC light clients as SDK modules is listed as 'Accepted' but its file says 'Proposed' (and 1 more)"],
    ]);
  }, 120_000);

  it('cometbft docs/references/architecture/README.md:53: ADR-105 listed as Accepted, its file says Reverted; the list misses ADR-108 and ADR-117', async () => {
    const findings = (await check('cometbft')).filter((f) => f.path === 'docs/references/architecture/README.md');
    expect(findings.map((f) => f.code)).toEqual(['index-out-of-date', 'missing-code-path']);
    expect(findings[0].message).toMatch(/ADR-0108 .* is not listed \(and 3 more\)/);
  }, 120_000);
});
