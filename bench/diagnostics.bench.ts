// Diagnostics after a decision's title edit, at 10,000 decisions: what the user waits for between saving the title
// and seeing the citations' messages change. 10,000 decisions and 10,000 documents each citing two of them; the
// title edit re-diagnoses the two documents that cite the edited decision, beside a full pass over every document
// (what each title edit cost while the diagnostics cache was keyed by a string of every decision's title).
// The workspace is in memory, so the numbers are the server's work, not the disk's.
// Run: npx vitest bench --run bench/diagnostics.bench.ts
import { beforeAll, bench, describe } from 'vitest';
import { folderDiagnostics, lastDiagnosed } from '../server/src/session/folderDiagnostics';
import type { FolderSession } from '../server/src/session/folderSession';
import { memoryFolder, type MemorySessionWorkspace } from '../test/session/memory';

const DECISIONS = 10_000;
const DOCUMENTS = 10_000;
const pad = (n: number) => String(n).padStart(5, '0');

let folder: FolderSession;
let workspace: MemorySessionWorkspace;
const documents = Array.from({ length: DOCUMENTS }, (_, i) => `docs/guides/guide-${pad(i)}.md`);
let edits = 0;

function write(rel: string, text: string): void {
  workspace.files.set(rel, text);
}

beforeAll(async () => {
  ({ folder, workspace } = memoryFolder('file:///memory/bench', {}));
  for (let n = 1; n <= DECISIONS; n++) write(`docs/adr/${pad(n)}-decision.md`, `---\nstatus: accepted\n---\n# Decision ${n}\n\nWe decide ${n}.\n`);
  documents.forEach((doc, i) => write(doc, `# Guide ${i}\n\nSee ADR-${(i % DECISIONS) + 1} and ADR-${((i * 7) % DECISIONS) + 1}.\n`));
  await folder.start({});
  await folderDiagnostics(folder, documents);
}, 600_000);

describe('diagnostics at 10,000 decisions', () => {
  bench(
    "a decision's title edit → updated diagnostics",
    async () => {
      const rel = `docs/adr/${pad(4242)}-decision.md`;
      write(rel, `---\nstatus: accepted\n---\n# Decision 4242, edit ${++edits}\n\nWe decide 4242.\n`);
      await folder.index.applyChanges([{ path: rel }]);
      await folderDiagnostics(folder, documents);
      if (lastDiagnosed(folder).length > 10) throw new Error(`re-diagnosed ${lastDiagnosed(folder).length} documents`);
    },
    { iterations: 20, warmupIterations: 2 },
  );

  bench(
    'every document diagnosed again (the cost of a title edit before)',
    async () => {
      await folder.index.rebuild();
      await folderDiagnostics(folder, documents);
    },
    { iterations: 3, warmupIterations: 0 },
  );
});
