// The hostile workspace shared by the CLI and protocol tests: the files committed under test/fixtures/hostile/
// (broken YAML, alias bombs, binary and invalid UTF-8, UTF-16, lone CR, cycles, odd names, bidi controls, hostile
// links...) copied into a temporary folder, plus what is too big or too repetitive to commit, generated here: a
// 20 MB decision, a huge glossary, 100 decisions sharing one number and a 60-decision supersede cycle. Also the
// problems each bad file must be reported with (stable code, path, 1-based line), and a fingerprint of a folder
// tree so tests can show that nothing was written.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const HOSTILE_FIXTURES = path.resolve(__dirname, '../fixtures/hostile');

/** Sizes of the generated files. */
export const HUGE_DOCUMENT_BYTES = 20 * 1024 * 1024;
export const DUPLICATES = 100;
export const CYCLE_LENGTH = 60;
export const BIG_GLOSSARY_TERMS = 300;

export interface HostileWorkspace {
  /** The folder holding the workspace (its parent is a temporary folder of its own). */
  root: string;
  /** Workspace-relative paths of the committed fixtures. */
  committed: string[];
  /** Workspace-relative paths of the generated files. */
  generated: string[];
  dispose(): void;
}

/** Copies the committed fixtures into `<tmp>/<folderName>` and adds the generated files. */
export function makeHostileWorkspace(folderName = 'hostile'): HostileWorkspace {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-hostile-'));
  const root = path.join(parent, folderName);
  fs.cpSync(HOSTILE_FIXTURES, root, { recursive: true });
  const committed = listFiles(root);
  const generated: Record<string, string> = {};
  const line = 'A paragraph long enough to make a twenty megabyte decision record, citing ADR-0001 and CDC. ';
  generated['docs/adr/0090-huge.md'] = `# 90. Huge\n\n## Status\n\nAccepted\n\n${line.repeat(Math.ceil(HUGE_DOCUMENT_BYTES / line.length))}\n`;
  generated['src/huge-one-line.log'] = 'ADR-0001 '.repeat(HUGE_DOCUMENT_BYTES / 9);
  const term = (i: number) => `  - name: Term${i} (a+)+ .*\n    definition: "Definition ${i} [x](command:workbench.action.quit)"\n    aliases: [T${i}, "t-${i}?"]\n`;
  // One glossary over the size limit (reported, not parsed) and one big enough to load the term matcher.
  generated['docs/huge.glossary.yml'] = `terms:\n${Array.from({ length: Math.ceil(HUGE_DOCUMENT_BYTES / 3 / term(0).length) }, (_, i) => term(i)).join('')}`;
  generated['docs/big.glossary.yml'] = `terms:\n${Array.from({ length: BIG_GLOSSARY_TERMS }, (_, i) => term(i)).join('')}`;
  for (let i = 0; i < DUPLICATES; i++) generated[`docs/adr/0100-duplicate-${i}.md`] = `# 100. Duplicate ${i}\n\n## Status\n\nAccepted\n`;
  for (let i = 0; i < CYCLE_LENGTH; i++) {
    const n = 200 + i;
    const next = 200 + ((i + 1) % CYCLE_LENGTH);
    generated[`docs/adr/${n}-long-cycle-${i}.md`] = `# ${n}. Long cycle ${i}\n\n## Status\n\nSuperseded by ADR-${String(next).padStart(4, '0')}\n\nSupersedes ADR-${String(200 + ((i + CYCLE_LENGTH - 1) % CYCLE_LENGTH)).padStart(4, '0')}\n`;
  }
  for (const [rel, text] of Object.entries(generated)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return { root, committed, generated: Object.keys(generated), dispose: () => fs.rmSync(parent, { recursive: true, force: true }) };
}

/** Every file below a folder, workspace-relative with `/`, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? listFiles(dir, rel) : [rel];
    })
    .sort();
}

/** Path, size and content hash of every file below a folder: equal before and after means nothing was written. */
export function treeFingerprint(dir: string): string[] {
  return listFiles(dir).map((rel) => {
    const bytes = fs.readFileSync(path.join(dir, rel));
    return `${rel} ${bytes.length} ${createHash('sha1').update(bytes).digest('hex')}`;
  });
}

export interface ExpectedProblem {
  code: string;
  path: string;
  /** 1-based. */
  line: number;
}

/** Problems the index must report, each at the line a reader would fix. */
export const EXPECTED_PROBLEMS: ExpectedProblem[] = [
  { code: 'bad-config', path: '.archlens.yml', line: 1 },
  { code: 'bad-front-matter', path: 'docs/adr/0001-broken-yaml.md', line: 3 },
  { code: 'bad-front-matter', path: 'docs/adr/0002-unterminated-front-matter.md', line: 1 },
  { code: 'bad-front-matter', path: 'docs/adr/0003-alias-bomb.md', line: 2 },
  { code: 'binary-file', path: 'docs/adr/0004-binary.md', line: 1 },
  { code: 'dangling-relation', path: 'docs/adr/0010-self-supersede.md', line: 7 },
  { code: 'dangling-relation', path: 'docs/adr/0010-self-supersede.md', line: 9 },
  { code: 'supersede-cycle', path: 'docs/adr/0011-cycle-a.md', line: 1 },
  { code: 'supersede-cycle', path: 'docs/adr/0012-cycle-b.md', line: 1 },
  { code: 'supersede-cycle', path: 'docs/adr/0013-cycle-c.md', line: 1 },
  { code: 'duplicate-number', path: 'docs/adr/0014-duplicate.md', line: 1 },
  { code: 'duplicate-number', path: 'docs/adr/0014-duplicate-again.md', line: 1 },
  { code: 'binary-file', path: 'docs/adr/0019-nul-bytes.md', line: 1 },
  { code: 'bad-date', path: 'docs/adr/0025-front-matter-types.md', line: 4 },
  { code: 'bad-guardrail', path: 'docs/adr/0025-front-matter-types.md', line: 9 },
  { code: 'missing-title', path: 'docs/adr/0026-empty.md', line: 1 },
  { code: 'missing-title', path: 'docs/adr/0027-only-front-matter.md', line: 1 },
  { code: 'unknown-status', path: 'docs/adr/0029-unknown-status.md', line: 7 },
  { code: 'bad-glossary', path: 'glossary.yml', line: 4 },
  { code: 'file-too-large', path: 'docs/adr/0090-huge.md', line: 1 },
  { code: 'file-too-large', path: 'docs/huge.glossary.yml', line: 1 },
  ...Array.from({ length: DUPLICATES }, (_, i) => ({ code: 'duplicate-number', path: `docs/adr/0100-duplicate-${i}.md`, line: 1 })),
  ...Array.from({ length: CYCLE_LENGTH }, (_, i) => ({ code: 'supersede-cycle', path: `docs/adr/${200 + i}-long-cycle-${i}.md`, line: 1 })),
];

/** URL schemes that must never reach an editor from document text. */
export const FORBIDDEN_SCHEMES = /^\s*(command|javascript|vscode|vscode-insiders|data|ms-msdt|vbscript):/i;
