// "Suggest Governed Code" over the protocol, on the example repository with its history: the candidates for the
// medallion-layers decision (which names no code) with their evidence, the code actions that accept one, and the
// edit that adds the picked globs to `governs:` keeping every other byte of the file.
import fs from 'node:fs';
import path from 'node:path';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForFileRequest, GovernsEditRequest, SuggestGovernsRequest } from '../../server/src/protocol';
import { governsPickItems, noSuggestionMessage } from '../../client/src/model/governs';
import { applyTextEdits, materialiseExample, TestClient } from './client';

const MEDALLION = 'docs/adr/0004-medallion-layers-in-the-lakehouse.md';
let repo: string;
let folder: string;
let client: TestClient;
const uriOf = (rel: string) => `${folder}/${rel}`;
const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');

beforeAll(async () => {
  ({ repo, uri: folder } = materialiseExample());
  client = TestClient.inProcess({ deps: { now: () => new Date('2025-06-10T09:00:00Z') } });
  await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }] });
  await client.waitForReady(folder);
}, 120_000);

afterAll(async () => {
  await client?.shutdown();
  if (repo) fs.rmSync(path.dirname(repo), { recursive: true, force: true });
});

/** Runs an editor action and waits until it is indexed (the folder's status version moves past the one before it). */
async function indexedAfter(action: () => Promise<void>): Promise<void> {
  const before = client.statuses(folder).at(-1)?.version ?? 0;
  const since = client.mark();
  await action();
  await client.waitForStatus(folder, (s) => s.version > before && s.state === 'ready', { since, what: 'the edit indexed' });
}

describe('Suggest Governed Code', () => {
  it('ranks candidates with their evidence, history included', async () => {
    const r = await client.connection.sendRequest(SuggestGovernsRequest, { uri: uriOf(MEDALLION) });
    expect(r.decision).toBe('ADR-0004 Medallion layers: bronze, silver and gold');
    expect(r.governs).toEqual([]);
    expect(r.candidates.slice(0, 2).map((c) => c.glob)).toEqual(['dbt/models/marts/**', 'dbt/models/staging/**']);
    const marts = r.candidates[0];
    expect(marts.matches).toBe(4);
    // Each kind of evidence the decision has: the commit that added it (git), the files citing it, the view elements.
    expect(marts.evidence).toEqual([
      expect.stringMatching(/^changed with the decision in [0-9a-f]{7} 'Medallion layers: bronze, silver and gold'$/),
      'cited by 2 files in dbt/models/marts/',
      "names the element 'Marts' of Data pipeline view",
      "names the element 'dbt marts' of Module view",
    ]);
    // The picker's items: the glob, its size and score, the evidence as the detail line.
    expect(governsPickItems(r)[0]).toMatchObject({ label: 'dbt/models/marts/**', description: '4 files · score 8.5', glob: 'dbt/models/marts/**' });
    expect(governsPickItems(r)[0].detail).toMatch(/^changed with the decision in [0-9a-f]{7} .* · cited by 2 files in dbt\/models\/marts\/ · names the element 'Marts' of Data pipeline view · and 1 more$/);
  });

  it('offers the best candidates as code actions whose edit adds the glob to governs, and the full list as a command', async () => {
    const text = read(MEDALLION);
    await indexedAfter(() => client.open(uriOf(MEDALLION), 'markdown', text));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(MEDALLION) },
      range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const govern = actions.filter((a) => a.title.startsWith('Govern '));
    expect(govern.map((a) => a.title.replace(/[0-9a-f]{7}/, '<hash>'))).toEqual([
      "Govern dbt/models/marts/** (changed with the decision in <hash> 'Medallion layers: bronze, silver and gold'; 4 files)",
      'Govern dbt/models/staging/** (cited by 2 files in dbt/models/staging/; 3 files)',
      "Govern serving/reverse_etl/** (names the element 'Reverse ETL' of Data pipeline view; 2 files)",
    ]);
    const edited = applyTextEdits(text, govern[0].edit!.changes![uriOf(MEDALLION)]);
    // The front matter gains the list after its last key; the guardrail, its comment and the body are untouched.
    expect(edited).toBe(text.replace('never raw sources" }\n---\n', 'never raw sources" }\ngoverns:\n  - dbt/models/marts/**\n---\n'));
    const command = actions.find((a) => a.title === 'Suggest Governed Code…');
    expect(command?.command).toEqual({ title: 'Suggest Governed Code', command: 'archlens.suggestGovernedCode', arguments: [uriOf(MEDALLION)] });

    // Accepted (the editor applies the edit to the open document): the decision now governs the marts.
    await indexedAfter(() => client.change(uriOf(MEDALLION), edited));
    const forMart = await client.connection.sendRequest(ForFileRequest, { uri: uriOf('dbt/models/marts/fct_orders.sql') });
    expect(forMart.governedBy.map((d) => d.number)).toContain(4);
    // What it governs is no longer suggested.
    const after = await client.connection.sendRequest(SuggestGovernsRequest, { uri: uriOf(MEDALLION) });
    expect(after.governs).toEqual(['dbt/models/marts/**']);
    expect(after.candidates.map((c) => c.glob)).not.toContain('dbt/models/marts/**');
    await indexedAfter(() => client.change(uriOf(MEDALLION), text));
  });

  it('returns one edit for the globs picked, against the text in the editor', async () => {
    const text = read(MEDALLION);
    const { edit } = await client.connection.sendRequest(GovernsEditRequest, { uri: uriOf(MEDALLION), globs: ['dbt/models/marts/**', 'dbt/models/staging/**'] });
    const edits = edit!.changes![uriOf(MEDALLION)];
    expect(edits).toHaveLength(1);
    expect(applyTextEdits(text, edits)).toBe(
      text.replace('never raw sources" }\n---\n', 'never raw sources" }\ngoverns:\n  - dbt/models/marts/**\n  - dbt/models/staging/**\n---\n'),
    );
    // Not a decision, or nothing new: no edit.
    expect(await client.connection.sendRequest(GovernsEditRequest, { uri: uriOf('dbt/models/marts/fct_orders.sql'), globs: ['x/**'] })).toEqual({});
    const none = await client.connection.sendRequest(SuggestGovernsRequest, { uri: uriOf('dbt/models/marts/fct_orders.sql') });
    expect(none).toEqual({ governs: [], candidates: [] });
    expect(noSuggestionMessage(none)).toBe('Archlens: open a decision record to suggest the code it governs.');
  });
});
