// The scale benchmark: generates a repository of the named size (small, medium, large) and measures Archlens on
// it beside the floor each measure is held to, in the same run: the CLI index against a synchronous
// read-and-split of the same files, the server's start against reading the documents and all files, editor
// requests against an empty request over the same stdio connection, staleness against one `git log --name-only`
// pass and against one git call per document, memory after start and after many edits.
// Run: npm run bench -- [small|medium|large] [--smoke]. Results: bench/results/<size>.json and BENCHMARKS.md.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EDIT_DEBOUNCE_MS } from '../../server/src/session/documentEdits';
import { exampleRepo } from './example';
import { generateRepo, type BenchRepo } from './generate';
import { peerWorkspaceSymbols } from './peer';
import { EDITOR_CAPABILITIES, startServer, type ServerUnderTest } from './lsp';
import { writeReport } from './report';
import { SIZES, type BenchSize } from './sizes';
import type { StatusParams } from '../../server/src/protocol';

const projectRoot = process.env.ARCHLENS_ROOT ?? process.cwd();
const cli = path.join(projectRoot, 'server', 'out', 'cli.js');
const serverMain = path.join(projectRoot, 'server', 'out', 'main.js');
const log = (line: string) => process.stderr.write(`${line}\n`);

export interface Measure {
  /** Milliseconds (median of the runs), or bytes for memory. */
  value: number | null;
  unit: 'ms' | 'bytes';
  runs?: number[];
  p50?: number;
  p99?: number;
  note?: string;
}

export interface BenchResult {
  size: BenchSize['name'];
  date: string;
  machine: { cpus: string; cores: number; memoryGiB: number; node: string; platform: string; loadAverage?: { start: number[]; end: number[] } };
  repository: { decisions: number; views: number; terms: number; files: number; megabytes: number; commits: number };
  measures: Record<string, Measure>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const ms = (runs: number[], note?: string): Measure => ({ value: median(runs), unit: 'ms', runs: runs.map((r) => Math.round(r * 10) / 10), note });
const latency = (samples: number[], note?: string): Measure => ({ value: median(samples), unit: 'ms', p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), note });

/** Lists every file below root (not .git) with directory entries, then reads and splits each one synchronously. */
function readAndSplit(root: string, keep: (rel: string) => boolean = () => true): number {
  let lines = 0;
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    for (const e of fs.readdirSync(rel ? path.join(root, rel) : root, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) pending.push(child);
      else if (e.isFile() && keep(child)) lines += fs.readFileSync(path.join(root, child), 'utf8').split('\n').length;
    }
  }
  return lines;
}

function timeCommand(command: string, args: string[], cwd: string): Promise<{ ms: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - t0, code }));
  });
}

async function timeRuns(runs: number, work: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await work());
  return out;
}

const isDocument = (rel: string) => rel.endsWith('.md') || /(^|\/)\.?glossary\.ya?ml$/.test(rel) || rel === '.archlens.yml';

async function measureFloorsAndCli(repo: BenchRepo, size: BenchSize, measures: Record<string, Measure>): Promise<void> {
  log('floors and CLI');
  measures['floor: read + split all files (sync)'] = ms(await timeRuns(size.runs, async () => timed(() => readAndSplit(repo.root))));
  measures['floor: read + split documents (sync)'] = ms(await timeRuns(size.runs, async () => timed(() => readAndSplit(repo.root, isDocument))));
  measures['cli: archlens index --json'] = ms(await timeRuns(size.runs, async () => (await timeCommand(process.execPath, [cli, 'index', repo.root, '--json'], repo.root)).ms));
  // The peer in a process of its own, like the CLI: node start-up counts for both.
  measures['peer: vscode-markdown-languageservice workspace symbols'] = ms(
    await timeRuns(size.runs, async () => (await timeCommand(process.execPath, [process.argv[1], '--peer', repo.root], repo.root)).ms),
    'lists and reads every markdown file, parses and outlines each (markdown-it)',
  );
  measures['floor: git log --name-only (one pass)'] = ms(
    await timeRuns(size.runs, async () => (await timeCommand('git', ['log', '--name-only', '--format=%H%x00%an%x00%at', 'HEAD', '--'], repo.root)).ms),
  );
  measures['cli: archlens check'] = ms(
    await timeRuns(size.runs, async () => (await timeCommand(process.execPath, [cli, 'check', repo.root, '--format', 'json', '--fail-on', 'never'], repo.root)).ms),
  );
  // One `git log -1` per document, as a tool without a history model would ask: a sample, scaled to every document.
  const documents = [...repo.decisions, ...repo.views];
  const sample = documents.filter((_, i) => i % Math.max(1, Math.floor(documents.length / 50)) === 0).slice(0, 50);
  const t0 = performance.now();
  for (const doc of sample) await timeCommand('git', ['log', '-1', '--format=%H', '--', doc], repo.root);
  const perCall = (performance.now() - t0) / sample.length;
  measures['peer: git log -1 per document'] = { value: perCall * documents.length, unit: 'ms', note: `${sample.length} calls timed, scaled to ${documents.length} documents` };
}

/**
 * Opens a document; the server publishes diagnostics only when they change, so a request on the same connection
 * (answered after the open is handled) is the signal that the open has been taken.
 */
async function open(s: ServerUnderTest, uri: string, languageId: string, text: string): Promise<void> {
  s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
}

/**
 * Hovers a glossary term of the probe file, one request after another, until the server reports a status that
 * satisfies `until`: the latency editors see while the source files are scanned and history is read.
 */
async function hoversUntil(s: ServerUnderTest, repo: BenchRepo, until: (st: StatusParams) => boolean, samples: number[]): Promise<void> {
  let done = false;
  const finished = s.status(until).then(() => (done = true));
  const probeUri = pathToFileURL(path.join(repo.root, repo.probe.path)).href;
  const text = fs.readFileSync(path.join(repo.root, repo.probe.path), 'utf8');
  s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: probeUri, languageId: 'python', version: 1, text } });
  const params = { textDocument: { uri: probeUri }, position: { line: repo.probe.termLine, character: repo.probe.termColumn } };
  // At least one hover, even when a small repository is ready before the first one is answered.
  do {
    const t0 = performance.now();
    await s.connection.sendRequest('textDocument/hover', params);
    samples.push(performance.now() - t0);
  } while (!done);
  await finished;
  s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: probeUri } });
}

function timed(work: () => unknown): number {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
}

/** Spawn → ready, everything (history read), on the example: the start a person trying Archlens sees. */
async function measureExample(size: BenchSize, measures: Record<string, Measure>): Promise<void> {
  log('example start');
  const root = exampleRepo(projectRoot);
  const folderUri = pathToFileURL(root).href;
  const runs: number[] = [];
  for (let run = 0; run < Math.max(3, size.runs); run++) {
    const { server, spawnedAt } = startServer(serverMain, root);
    await server.connection.sendRequest('initialize', {
      processId: null,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: 'data-platform' }],
      capabilities: EDITOR_CAPABILITIES,
      initializationOptions: { trusted: true },
    });
    server.connection.sendNotification('initialized', {});
    await server.status((s) => s.folder === folderUri && s.state === 'ready' && s.phase === 'ready');
    runs.push(performance.now() - spawnedAt);
    await server.stop();
  }
  measures['server: spawn → ready, the example'] = ms(runs, 'examples/data-platform as a git repository, history read');
}

async function measureServer(repo: BenchRepo, size: BenchSize, measures: Record<string, Measure>, edits = true): Promise<void> {
  await measureExample(size, measures);
  log('server start');
  const folderUri = pathToFileURL(repo.root).href;
  const ready = (s: StatusParams) => s.folder === folderUri && s.state === 'ready';
  // Everything: source files scanned and git history read.
  const everything = (s: StatusParams) => ready(s) && s.phase === 'ready';
  const startRuns: number[] = [];
  const allRuns: number[] = [];
  const duringScan: number[] = [];
  let server: ServerUnderTest | undefined;
  for (let run = 0; run < size.runs; run++) {
    const started = startServer(serverMain, repo.root);
    server = started.server;
    await server.connection.sendRequest('initialize', {
      processId: null,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: path.basename(repo.root) }],
      capabilities: EDITOR_CAPABILITIES,
      initializationOptions: { trusted: true },
    });
    server.connection.sendNotification('initialized', {});
    await server.status(ready);
    startRuns.push(performance.now() - started.spawnedAt);
    await hoversUntil(server, repo, everything, duringScan);
    allRuns.push(performance.now() - started.spawnedAt);
    if (run < size.runs - 1) await server.stop();
  }
  measures['server: spawn → ready (decisions, terms)'] = ms(startRuns);
  measures['server: spawn → ready (everything, history read)'] = ms(allRuns);
  measures['request: hover on a glossary term while starting'] = latency(
    duringScan,
    `${duringScan.length} hovers sent one after another between ready (decisions, terms) and ready (everything): source scan and git history`,
  );
  const s = server!;
  measures['memory: RSS after ready'] = { value: s.rssBytes().rss, unit: 'bytes' };

  log('editor requests');
  const probeUri = pathToFileURL(path.join(repo.root, repo.probe.path)).href;
  const probeText = fs.readFileSync(path.join(repo.root, repo.probe.path), 'utf8');
  await open(s, probeUri, 'python', probeText);
  const decisionUri = pathToFileURL(path.join(repo.root, repo.decision.path)).href;
  const decisionText = fs.readFileSync(path.join(repo.root, repo.decision.path), 'utf8');
  await open(s, decisionUri, 'markdown', decisionText);
  const sampleRequests = async (method: string, params: unknown): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < size.requests; i++) {
      const t0 = performance.now();
      try {
        await s.connection.sendRequest(method, params);
      } catch {
        // the empty request is answered with MethodNotFound, which is the point
      }
      samples.push(performance.now() - t0);
    }
    return samples;
  };
  const at = (line: number, character: number) => ({ textDocument: { uri: probeUri }, position: { line, character } });
  measures['request: empty (method not found)'] = latency(await sampleRequests('archlens/benchmarkEmpty', {}));
  measures['request: hover on a glossary term'] = latency(await sampleRequests('textDocument/hover', at(repo.probe.termLine, repo.probe.termColumn)));
  measures['request: hover on a decision reference'] = latency(await sampleRequests('textDocument/hover', at(repo.probe.refLine, repo.probe.refColumn)));
  measures['request: completion after ADR-'] = latency(await sampleRequests('textDocument/completion', at(repo.probe.completeLine, repo.probe.completeColumn)));
  const items = (await s.connection.sendRequest('textDocument/completion', at(repo.probe.completeLine, repo.probe.completeColumn))) as unknown[];
  measures['request: completion item resolve (a decision)'] = latency(await sampleRequests('completionItem/resolve', items[0]));
  measures['request: document symbols of a decision'] = latency(await sampleRequests('textDocument/documentSymbol', { textDocument: { uri: decisionUri } }));

  if (!edits) {
    // --no-edits: the start, memory after ready and requests only (a run that must fit in a short window).
    measures['memory: peak RSS'] = { value: s.rssBytes().peak, unit: 'bytes', note: 'after start and requests (--no-edits)' };
    await s.stop();
    return;
  }
  log('edits');
  const lines = decisionText.split('\n');
  let version = 1;
  const editTimes = async (uri: string, texts: [string, string], count: number, diagnosed = uri): Promise<number[]> => {
    log(`  ${path.basename(uri)}`);
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const published = s.nextDiagnostics(diagnosed);
      const t0 = performance.now();
      s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: texts[i % 2] }] });
      await published;
      samples.push(performance.now() - t0);
    }
    return samples;
  };
  // A title edit that also cites an unknown decision, so every edit changes the document's diagnostics.
  const retitled = lines.map((l, i) => (i === repo.decision.titleLine ? `${l} (see ADR-9999)` : l)).join('\n');
  // Each edit measure also without the debounce: the issue's "under 50 ms after the debounce". The server's timer is
  // not visible from here, so its 100 ms are subtracted; a timer that fires late counts as server time.
  const afterDebounce = (name: string, samples: number[], note: string) => {
    measures[name] = latency(samples, `${note}; includes the server debounce`);
    measures[`${name}, after the debounce`] = latency(samples.map((x) => x - EDIT_DEBOUNCE_MS), `${note}; minus the ${EDIT_DEBOUNCE_MS} ms debounce`);
  };
  afterDebounce('edit: decision title → diagnostics', await editTimes(decisionUri, [retitled, decisionText], 10), 'the edited decision');
  // What a person waits for when hovering a term right after editing a decision: its answers list the decisions
  // about the term, so the hover asks the why-index of the edited decisions.
  const hoverAfter = async (uri: string, texts: [string, string], diagnosed = uri): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < 6; i++) {
      await editTimes(uri, [texts[i % 2], texts[(i + 1) % 2]], 1, diagnosed);
      const t0 = performance.now();
      await s.connection.sendRequest('textDocument/hover', at(repo.probe.termLine, repo.probe.termColumn));
      samples.push(performance.now() - t0);
    }
    return samples;
  };
  measures['request: hover on a glossary term after a decision edit'] = latency(await hoverAfter(decisionUri, [retitled, decisionText]), 'the first hover after each of 6 title edits');
  const glossaryPath = repo.glossaries.find((g) => g.endsWith('.yml'))!;
  const glossaryUri = pathToFileURL(path.join(repo.root, glossaryPath)).href;
  const glossaryText = fs.readFileSync(path.join(repo.root, glossaryPath), 'utf8');
  await open(s, glossaryUri, 'yaml', glossaryText);
  // A glossary edit that asks to avoid a word the open probe file uses: the probe's diagnostics change with it.
  const editedGlossary = glossaryText.replace(/^(\s*)definition: (.*)$/m, (line, indent) => `${line}\n${indent}avoid: [feeds]`);
  afterDebounce('edit: glossary entry → diagnostics', await editTimes(glossaryUri, [editedGlossary, glossaryText], 10, probeUri), 'diagnostics of an open file using the word');
  measures['request: hover on a glossary term after a glossary edit'] = latency(await hoverAfter(glossaryUri, [editedGlossary, glossaryText], probeUri), 'the first hover after each of 6 glossary edits');
  const bigUri = pathToFileURL(path.join(repo.root, repo.bigSource)).href;
  const bigText = fs.readFileSync(path.join(repo.root, repo.bigSource), 'utf8');
  await open(s, bigUri, 'python', bigText);
  const editedBig = bigText.replace('value_5001 =', '# see ADR-9999\nvalue_5001 =');
  afterDebounce('edit: 10,000-line source file → diagnostics', await editTimes(bigUri, [editedBig, bigText], 10), 'the edited file');

  log(`${size.edits} edits for memory`);
  const editedProbe = `${probeText}\n# ADR-9999 is unknown\n`;
  for (let i = 0; i < size.edits - 1; i++) {
    s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: probeUri, version: ++version }, contentChanges: [{ text: i % 2 ? probeText : editedProbe }] });
    if (i % 50 === 0) await s.connection.sendRequest('textDocument/hover', at(repo.probe.termLine, repo.probe.termColumn));
  }
  // A reference no edit before used, so the last edit's diagnostics differ from any published before.
  const last = s.nextDiagnostics(probeUri);
  s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: probeUri, version: ++version }, contentChanges: [{ text: `${probeText}\n# ADR-9998 is unknown too\n` }] });
  await last;
  const memory = s.rssBytes();
  measures[`memory: RSS after ${size.edits} edits`] = { value: memory.rss, unit: 'bytes' };
  measures['memory: peak RSS'] = { value: memory.peak, unit: 'bytes' };
  await s.stop();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--peer') {
    log(`peer: ${await peerWorkspaceSymbols(args[1])} symbols`);
    return;
  }
  const loadStart = os.loadavg();
  const sizeName = (args.find((a) => !a.startsWith('-')) ?? 'small') as BenchSize['name'];
  const smoke = args.includes('--smoke');
  const size = SIZES[sizeName];
  if (!size) throw new Error(`unknown size ${sizeName}: small, medium or large`);
  for (const file of [cli, serverMain]) if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  log(`generating ${size.name}`);
  const repo = await generateRepo(size, log);
  const measures: Record<string, Measure> = {};
  await measureFloorsAndCli(repo, size, measures);
  await measureServer(repo, size, measures, !args.includes('--no-edits'));
  const result: BenchResult = {
    size: size.name,
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      // The machine is shared: the load average at start and end says how quiet the run was.
      loadAverage: { start: loadStart.map((x) => Math.round(x * 100) / 100), end: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    },
    repository: {
      decisions: repo.decisions.length,
      views: repo.views.length,
      terms: repo.terms.length,
      files: repo.files + 2,
      megabytes: Math.round(repo.bytes / 1e6),
      commits: repo.commits,
    },
    measures,
  };
  const resultsDir = path.join(projectRoot, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${size.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  if (!smoke) writeReport(projectRoot);
  for (const [name, m] of Object.entries(measures)) {
    const value = m.value === null ? 'n/a' : m.unit === 'bytes' ? `${(m.value / 2 ** 20).toFixed(0)} MB` : `${m.value.toFixed(1)} ms`;
    log(`  ${name.padEnd(52)} ${value}${m.p99 !== undefined ? ` (p99 ${m.p99.toFixed(2)} ms)` : ''}`);
  }
  // The run is complete when every measure has a value; a smoke run fails otherwise, so CI notices a broken instrument.
  const missing = Object.entries(measures).filter(([, m]) => m.value === null || Number.isNaN(m.value));
  if (missing.length > 0) throw new Error(`no value for: ${missing.map(([n]) => n).join(', ')}`);
  log(`bench ${size.name}: ${Object.keys(measures).length} measures written to bench/results/${size.name}.json`);
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
