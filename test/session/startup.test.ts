// Start-up order on in-memory I/O: each file read once per index pass, decisions and terms answering before the
// source files are scanned, the scan giving the event loop turns, and git history read while documents are.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import { ControlledHistory, decision, memoryFolder, MemorySessionWorkspace } from './memory';

const URI = 'file:///memory/startup';
const GLOSSARY = 'terms:\n  - term: Order Feed\n    definition: The stream of placed orders.\n';
const FILES: Record<string, string> = {
  '.archlens.yml': 'decisions: [docs/adr]\n',
  'mkdocs.yml': 'site_name: Docs\ndocs_dir: docs\n',
  'docs/adr/0001-use-postgres.md': decision(1, 'Use PostgreSQL'),
  'docs/adr/0002-use-kafka.md': decision(2, 'Use Kafka'),
  'glossary.yml': GLOSSARY,
  'src/orders.py': '# ADR-0001: the Order Feed lands here\n',
  'src/billing.py': '# see ADR-0002\n',
};

/** A workspace whose source files (under src/) cannot be read until `release()`: the scan waits there. */
class GatedWorkspace extends MemorySessionWorkspace {
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  readonly perPath = new Map<string, number>();

  release(): void {
    this.open();
  }

  override async readFile(p: string): Promise<Uint8Array | undefined> {
    this.perPath.set(p, (this.perPath.get(p) ?? 0) + 1);
    if (p.startsWith('src/')) await this.gate;
    return super.readFile(p);
  }
}

function gatedFolder(trusted = false, history = new ControlledHistory()) {
  const m = memoryFolder(URI, {}, { trusted, history });
  const workspace = new GatedWorkspace(FILES);
  // The session reads through the workspace it was given: swap in the gated one before anything is read.
  Object.assign(m.folder, { workspace });
  Object.assign(m.folder.index, { workspace });
  return { ...m, workspace };
}

describe('start-up order', () => {
  it('reads every file once per index pass, configuration and marker files included', async () => {
    const workspace = new GatedWorkspace(FILES);
    workspace.release();
    const index = new ArchitectureIndex(workspace);
    await index.rebuild();
    expect(index.snapshot.decisions).toHaveLength(2);
    expect([...workspace.perPath].filter(([, n]) => n > 1)).toEqual([]);
    expect(workspace.perPath.get('.archlens.yml')).toBe(1);
    expect(workspace.perPath.get('mkdocs.yml')).toBe(1);
  });

  it('answers decisions and terms before the source files are scanned, and references once they are', async () => {
    const { folder, workspace } = gatedFolder();
    const started = folder.startIndex({});
    await folder.whenReady(() => undefined);
    expect(folder.phase).toBe('scanning');
    expect(folder.snapshot.decisions.map((d) => d.title)).toEqual(['Use PostgreSQL', 'Use Kafka']);
    expect(folder.snapshot.terms.map((t) => t.term)).toEqual(['Order Feed']);
    expect(folder.snapshot.referencesIn('src/orders.py')).toEqual([]);
    workspace.release();
    await started;
    expect(folder.phase).toBe('ready');
    expect(folder.snapshot.referencesIn('src/orders.py').map((r) => r.number)).toEqual([1]);
    expect(folder.snapshot.citationsOf(folder.snapshot.decisions[1].id).map((c) => c.path)).toEqual(['src/billing.py']);
  });

  it('takes an editor text while it scans, without waiting for the scan, and the scan does not undo it', async () => {
    const { folder, workspace } = gatedFolder();
    const started = folder.startIndex({});
    await folder.whenReady(() => undefined);
    await folder.index.setOverlay('src/orders.py', '# now ADR-0002\n');
    expect(folder.phase).toBe('scanning');
    expect(folder.snapshot.referencesIn('src/orders.py').map((r) => r.number)).toEqual([2]);
    workspace.release();
    await started;
    expect(folder.snapshot.referencesIn('src/orders.py').map((r) => r.number)).toEqual([2]);
  });

  it('reads git history while the index reads files (check overlaps the two)', async () => {
    const history = new ControlledHistory(false);
    const { folder, workspace } = gatedFolder(true, history);
    const started = folder.start({});
    await folder.whenReady(() => undefined);
    // The index is still waiting for the source files, and history is already being read.
    expect(folder.phase).toBe('scanning');
    expect(history.opened).toBe(1);
    history.arrive();
    workspace.release();
    await started;
    expect(folder.phase).toBe('ready');
    expect(folder.historyStatus()).toEqual({ state: 'ready' });
  });

  it('gives the event loop turns while it scans source files', async () => {
    const files: Record<string, string> = { 'docs/adr/0001-use-postgres.md': decision(1, 'Use PostgreSQL') };
    for (let i = 0; i < 5000; i++) files[`src/m${i}.py`] = `# ADR-0001 module ${i}\nvalue = ${i}\n`;
    const index = new ArchitectureIndex(new MemorySessionWorkspace(files));
    // In-memory reads never wait for I/O: without slices the whole scan would run in microtasks, no turn between.
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const turnsAtDocuments: number[] = [];
    await index.rebuild(undefined, () => turnsAtDocuments.push(turns));
    running = false;
    expect(index.snapshot.citationsOf(index.snapshot.decisions[0].id)).toHaveLength(5000);
    expect(turnsAtDocuments).toHaveLength(1);
    expect(turns - turnsAtDocuments[0]).toBeGreaterThan(1);
  });
});

describe('NodeWorkspace reads', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-reads-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists without a stat per file, and refuses a file over the limit after one fstat, without reading it', async () => {
    fs.mkdirSync(path.join(root, 'docs'));
    fs.writeFileSync(path.join(root, 'docs', 'small.md'), '# Small\n');
    fs.writeFileSync(path.join(root, 'docs', 'big.md'), 'x'.repeat(5000));
    const ws = new NodeWorkspace(root);
    expect(await ws.listFiles(() => false)).toEqual([{ path: 'docs/big.md' }, { path: 'docs/small.md' }]);
    expect(await ws.readFileWithin('docs/big.md', 4096)).toBe(5000);
    expect(Buffer.from((await ws.readFileWithin('docs/small.md', 4096)) as Uint8Array).toString()).toBe('# Small\n');
    expect(await ws.readFileWithin('docs/missing.md', 4096)).toBeUndefined();
    const index = new ArchitectureIndex(ws, { maxFileSize: 4096 });
    await index.rebuild();
    expect(index.snapshot.problems.filter((p) => p.code === 'file-too-large').map((p) => p.path)).toEqual(['docs/big.md']);
  });

  it('does not read through a symbolic link', async () => {
    fs.writeFileSync(path.join(root, 'target.md'), '# Target\n');
    fs.symlinkSync(path.join(root, 'target.md'), path.join(root, 'link.md'));
    expect(await new NodeWorkspace(root).readFileWithin('link.md', 4096)).toBeUndefined();
  });
});
