// Where the server's start on the example goes, phase by phase: it spawns the built server over stdio as an editor
// would (the example as a git repository, trusted), and times, from the spawn: node started, node's bootstrap done,
// the bundle loaded and run, the initialize answer, the first progress report, decisions and terms answering (the
// status bar's "ready" or "reading history"), the first diagnostics published, and history read (the status with
// the stale count). Each phase is the median of the runs, beside the server's CPU time.
// Run: npm run bench -- startup [--runs 5] [--cpu-prof <dir>]   (--cpu-prof writes one CPU profile per run; more node
// flags for the server in ARCHLENS_NODE_FLAGS)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EDITOR_CAPABILITIES, startServer } from './lsp';
import { exampleRepo } from './example';
import type { StatusParams } from '../../server/src/protocol';

const projectRoot = process.env.ARCHLENS_ROOT ?? process.cwd();
// Another build of the server (one from before a change, to compare in the same minutes) in ARCHLENS_SERVER.
const serverMain = process.env.ARCHLENS_SERVER ?? path.join(projectRoot, 'server', 'out', 'main.js');
const preload = path.join(projectRoot, 'bench', 'scale', 'startupTiming.cjs');

const PHASES = [
  'node started',
  'node bootstrap done',
  'bundle loaded',
  'initialize answered',
  'first progress',
  'decisions and terms answer',
  'first diagnostics published',
  'history read',
] as const;
type Phase = (typeof PHASES)[number];

const bytes: number[] = [];
const cpu: number[] = [];
const cpuAtDiagnostics: number[] = [];

/** The CPU time (user + system) a process has used, from /proc: on a shared machine it says more than the wall clock. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function oneRun(root: string, flags: string[]): Promise<Record<Phase, number>> {
  const folderUri = pathToFileURL(root).href;
  const { server, spawnedAt } = startServer(serverMain, root, ['--require', preload, ...flags]);
  const at: Partial<Record<Phase, number>> = {};
  const since = () => performance.now() - spawnedAt;
  const spawnEpoch = performance.timeOrigin + spawnedAt;
  let stderr = '';
  server.process.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    const m = /archlens-startup-timing (\{.*\})\n/.exec(stderr);
    if (m && at['node started'] === undefined) {
      const t = JSON.parse(m[1]) as { processStart: number; preloaded: number; mainLoaded: number };
      at['node started'] = t.processStart - spawnEpoch;
      at['node bootstrap done'] = t.preloaded - spawnEpoch;
      at['bundle loaded'] = t.mainLoaded - spawnEpoch;
    }
  });
  let sent = 0;
  server.process.stdout!.on('data', (chunk: Buffer) => (sent += chunk.length));
  server.connection.onNotification('$/progress', () => (at['first progress'] ??= since()));
  server.connection.onNotification('textDocument/publishDiagnostics', () => {
    if (at['first diagnostics published'] !== undefined) return;
    at['first diagnostics published'] = since();
    cpuAtDiagnostics.push(cpuMs(server.process.pid!));
  });
  const initialized = server.connection.sendRequest('initialize', {
    processId: null,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: 'data-platform' }],
    capabilities: EDITOR_CAPABILITIES,
    initializationOptions: { trusted: true },
  });
  await initialized;
  at['initialize answered'] = since();
  server.connection.sendNotification('initialized', {});
  const mine = (s: StatusParams) => s.folder === folderUri && s.state === 'ready';
  const waits: [Phase, (s: StatusParams) => boolean][] = [
    ['decisions and terms answer', (s) => mine(s)],
    ['history read', (s) => mine(s) && s.phase === 'ready' && s.historyReady === true],
  ];
  await Promise.all(waits.map(async ([phase, test]) => (await server.status(test), (at[phase] = since()))));
  bytes.push(sent);
  cpu.push(cpuMs(server.process.pid!));
  await server.stop();
  for (const p of PHASES) if (at[p] === undefined) throw new Error(`no time for "${p}"`);
  return at as Record<Phase, number>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== 'startup');
  const runs = Number(args[args.indexOf('--runs') + 1] || 0) || 5;
  const profDir = args.includes('--cpu-prof') ? path.resolve(args[args.indexOf('--cpu-prof') + 1] ?? 'startup-profiles') : undefined;
  if (profDir) fs.mkdirSync(profDir, { recursive: true });
  const flags = [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...(process.env.ARCHLENS_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
  const root = exampleRepo(projectRoot);
  const results: Record<Phase, number>[] = [];
  const loadStart = os.loadavg()[0];
  for (let i = 0; i < runs; i++) results.push(await oneRun(root, flags));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`server start on the example, ${runs} runs, load average ${loadStart.toFixed(2)} → ${os.loadavg()[0].toFixed(2)} (ms from spawn)`);
  for (const p of PHASES) {
    const xs = results.map((r) => r[p]);
    console.log(`${p.padEnd(30)} ${String(Math.round(median(xs))).padStart(6)}   (${xs.map((x) => Math.round(x)).join(', ')})`);
  }
  console.log(`${'server CPU time at first diagnostics'.padEnd(30)} ${String(Math.round(median(cpuAtDiagnostics))).padStart(6)}   (${cpuAtDiagnostics.join(', ')})`);
  console.log(`${'server CPU time at history read'.padEnd(30)} ${String(Math.round(median(cpu))).padStart(6)}   (${cpu.join(', ')})`);
  console.log(`sent by the server until history read: ${bytes.map((b) => `${(b / 1024).toFixed(0)} KB`).join(', ')}`);
  const bundle = fs.statSync(serverMain).size;
  console.log(`bundle: ${serverMain} ${(bundle / 1024).toFixed(0)} KB`);
  if (profDir) console.log(`CPU profiles: ${profDir}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
