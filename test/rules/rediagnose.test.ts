// After a change, the server diagnoses again only the documents the change can affect: a decision's title edit
// touches the documents that cite that decision (or cite one it supersedes, whose message names it), a glossary
// definition edit touches none, a newly avoided word the documents that use it. Counted on an in-memory workspace
// of 200 decisions and 400 documents, each citing two decisions.
import { beforeAll, describe, expect, it } from 'vitest';
import { folderDiagnostics, lastDiagnosed } from '../../server/src/session/folderDiagnostics';
import type { FolderSession } from '../../server/src/session/folderSession';
import { memoryFolder, type MemorySessionWorkspace } from '../session/memory';

const DECISIONS = 200;
const DOCUMENTS = 400;
const pad = (n: number) => String(n).padStart(4, '0');
/** Document i cites decisions (i % DECISIONS) + 1 and ((i * 7) % DECISIONS) + 1. */
const cited = (i: number) => [(i % DECISIONS) + 1, ((i * 7) % DECISIONS) + 1];
/** Every eighth document mentions the warehouse. */
const usesWarehouse = (i: number) => i % 8 === 3;

let folder: FolderSession;
let workspace: MemorySessionWorkspace;
const files: Record<string, string> = {};
const documents = Array.from({ length: DOCUMENTS }, (_, i) => `docs/guides/guide-${pad(i)}.md`);

function decision(n: number, title: string, extra = ''): string {
  return `---\nstatus: accepted\n${extra}---\n# ${title}\n\nWe decide ${n}.\n`;
}

function write(rel: string, text: string): void {
  if (workspace) workspace.files.set(rel, text);
  else files[rel] = text;
}

async function edit(rel: string, text: string): Promise<string[]> {
  write(rel, text);
  await folder.index.applyChanges([{ path: rel }]);
  await folderDiagnostics(folder, documents);
  return [...lastDiagnosed(folder)].sort();
}

beforeAll(async () => {
  for (let n = 1; n <= DECISIONS; n++) {
    // Decision 3 is superseded by decision 5: citing 3 names 5 in the message.
    const extra = n === 5 ? 'supersedes: [ADR-0003]\n' : '';
    write(`docs/adr/${pad(n)}-decision-${n}.md`, decision(n, `Decision ${n}`, extra));
  }
  documents.forEach((doc, i) =>
    write(doc, `# Guide ${i}\n\nSee ${cited(i).map((n) => `ADR-${pad(n)}`).join(' and ')} before changing the ${usesWarehouse(i) ? 'Warehouse' : 'pipeline'}.\n`),
  );
  write('glossary.yml', 'terms:\n  - name: connector\n    definition: A plugin instance.\n    avoid: [adapter]\n');
  ({ folder, workspace } = memoryFolder('file:///memory/rediagnose', files));
  await folder.start({});
  await folderDiagnostics(folder, documents);
  expect(lastDiagnosed(folder).length).toBeGreaterThanOrEqual(DOCUMENTS);
  // Nothing changed: nothing is diagnosed again.
  await folderDiagnostics(folder, documents);
  expect(lastDiagnosed(folder)).toEqual([]);
});

describe('re-diagnosing after a change', () => {
  it("a decision's title edit re-diagnoses the decision and the documents that cite it, nothing else", async () => {
    const rel = `docs/adr/${pad(42)}-decision-42.md`;
    const diagnosed = await edit(rel, decision(42, 'Decision forty-two'));
    const citing = documents.filter((_, i) => cited(i).includes(42));
    expect(citing.length).toBeGreaterThan(0);
    expect(diagnosed).toEqual([...citing, rel].sort());
  });

  it('a successor\'s title edit re-diagnoses the citations of the decision it supersedes, with the new title', async () => {
    const rel = `docs/adr/${pad(5)}-decision-5.md`;
    const diagnosed = await edit(rel, decision(5, 'Streaming ingestion', 'supersedes: [ADR-0003]\n'));
    const citing = documents.filter((_, i) => cited(i).includes(3) || cited(i).includes(5));
    expect(diagnosed).toEqual([...citing, rel, `docs/adr/${pad(3)}-decision-3.md`].sort());
    const results = await folderDiagnostics(folder, documents);
    const citingThree = documents.find((_, i) => cited(i).includes(3))!;
    const messages = results.find((r) => r.path === citingThree)!.diagnostics.map((d) => d.message);
    expect(messages).toContain('ADR-0003 Decision 3 is superseded by ADR-0005 Streaming ingestion');
  });

  it('a glossary definition edit re-diagnoses only the glossary; a new avoided word only the documents that use it', async () => {
    const glossary = (avoid: string) => `terms:\n  - name: connector\n    definition: A Kafka Connect plugin instance.\n    avoid: [${avoid}]\n`;
    expect(await edit('glossary.yml', glossary('adapter'))).toEqual(['glossary.yml']);
    const usingWarehouse = documents.filter((_, i) => usesWarehouse(i));
    expect(usingWarehouse.length).toBeGreaterThan(10);
    expect(await edit('glossary.yml', glossary('adapter, warehouse'))).toEqual([...usingWarehouse, 'glossary.yml'].sort());
    const results = await folderDiagnostics(folder, documents);
    expect(results.find((r) => r.path === usingWarehouse[0])!.diagnostics.map((d) => d.code)).toContain('avoided-term');
    expect(results.find((r) => r.path === documents[1])!.diagnostics.map((d) => d.code)).not.toContain('avoided-term');
    // Dropping the word again: the documents that had the finding, nothing else.
    expect(await edit('glossary.yml', glossary('adapter'))).toEqual([...usingWarehouse, 'glossary.yml'].sort());
    const after = await folderDiagnostics(folder, documents);
    expect(after.find((r) => r.path === usingWarehouse[0])!.diagnostics.map((d) => d.code)).not.toContain('avoided-term');
  });
});
