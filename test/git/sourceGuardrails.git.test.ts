// Guardrails declared by a decision of a decision-only log (`.archlens.yml` `sources:`) are enforced in the code
// repository that reads it, in the editor and in `archlens check` alike: paths written `<repository>:<glob>` apply
// to that repository only, plain ones to every repository using the log, and the finding names the central decision.
import { afterEach, describe, expect, it } from 'vitest';
import { folderDiagnostics } from '../../server/src/session/folderDiagnostics';
import { SIBLING, SourceFixtures, checkFindings, openFolder } from '../helpers/sourceRepos';

const fixtures = new SourceFixtures();
afterEach(() => fixtures.cleanup());

const NO_PRINT = 'docs/adr/0020-structured-logging.md';
const LOG_WITH_GUARDRAILS = [
  {
    date: '2025-03-01T09:00:00Z',
    message: 'Structured logging',
    files: {
      [NO_PRINT]: `---
status: accepted
guardrails:
  - forbid-text: { in: ["app:src/**"], text: "print(", reason: "logs go through the structured logger" }
  - forbid-text: { in: ["billing:src/**"], text: "BATCH", reason: "billing's own rule" }
  - forbid-dependency: { name: requests, ecosystem: pypi, replacement: httpx }
---
# 20. Structured logging

Every service logs JSON through one logger.
`,
    },
  },
];

describe('guardrails of a source\'s decisions', () => {
  it('are enforced on this repository\'s code, the same in the editor and in archlens check', async () => {
    const app = await fixtures.appRepo(SIBLING, { 'requirements.txt': 'requests==2.31\n', 'src/ingest/debug.py': 'print("rows")\n' });
    await fixtures.siblingLog(app, LOG_WITH_GUARDRAILS);

    const cli = (await checkFindings(app.dir)).filter((f) => f.code === 'guardrail');
    expect(cli.map((f) => `${f.path}:${f.line}`).sort()).toEqual(['requirements.txt:1', 'src/ingest/debug.py:1']);
    expect(cli.every((f) => /ADR-0020/.test(f.message))).toBe(true);
    // billing's rule (BATCH in src/**) is not this repository's: reader.py holds BATCH and is not flagged.
    expect(cli.map((f) => f.path)).not.toContain('src/ingest/reader.py');

    const folder = await openFolder(app.dir);
    const editor = (await folderDiagnostics(folder)).flatMap((r) => r.diagnostics.filter((d) => d.code === 'guardrail').map((d) => `${r.path}:${d.range.start.line + 1} ${d.message}`));
    expect(editor.sort()).toEqual(cli.map((f) => `${f.path}:${f.line} ${f.message}`).sort());
  });
});
