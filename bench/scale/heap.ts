// Profiling driver (not part of the measured run): starts the server on a generated repository with the node
// flags of ARCHLENS_NODE_FLAGS (say `--cpu-prof --cpu-prof-dir=/tmp/p` or `--heapsnapshot-signal=SIGUSR2`),
// reports the time and RSS at ready (decisions, terms) and ready (everything), then optionally
// ARCHLENS_EDITS title and glossary edits (their times; the CPU profile shows their cost), a copy of
// /proc/<pid>/smaps (ARCHLENS_SMAPS=file), SIGUSR2 for a heap snapshot written in the repository's folder
// (ARCHLENS_HEAP=milliseconds to wait for it; one before the edits too when there are edits), ARCHLENS_PROBE_EDITS
// edits of the probe file sent as the benchmark's memory measure sends them (and with ARCHLENS_IDLE, the RSS while
// idle after ready and after those edits), and stops the server.
// Run: node bench/scale/run.mjs --driver heap.ts medium
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { generateRepo } from './generate';
import { EDITOR_CAPABILITIES, startServer } from './lsp';
import { SIZES, type BenchSize } from './sizes';
import type { StatusParams } from '../../server/src/protocol';

async function main(): Promise<void> {
  const size = SIZES[(process.argv[2] ?? 'medium') as BenchSize['name']];
  const repo = await generateRepo(size, (l) => process.stderr.write(`${l}\n`));
  const serverMain = path.join(process.env.ARCHLENS_ROOT ?? process.cwd(), 'server', 'out', 'main.js');
  const flags = (process.env.ARCHLENS_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const { server: s, spawnedAt } = startServer(serverMain, repo.root, flags);
  const folderUri = pathToFileURL(repo.root).href;
  if (process.env.ARCHLENS_STDERR) {
    const fs = await import('node:fs');
    const out = fs.createWriteStream(process.env.ARCHLENS_STDERR);
    s.process.stderr!.on('data', (d) => out.write(d));
  }
  await s.connection.sendRequest('initialize', { processId: null, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'x' }], capabilities: EDITOR_CAPABILITIES, initializationOptions: { trusted: process.env.ARCHLENS_UNTRUSTED ? false : true } });
  s.connection.sendNotification('initialized', {});
  // The server's own CPU time (user + system), which a loaded machine inflates less than wall-clock time.
  const fsSync = await import('node:fs');
  const cpu = () => {
    const fields = fsSync.readFileSync(`/proc/${s.process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return `cpu ${Math.round(((Number(fields[11]) + Number(fields[12])) * 1000) / 100)} ms`;
  };
  const ready = (st: StatusParams) => st.folder === folderUri && st.state === 'ready';
  await s.status(ready);
  console.log('ready (decisions, terms)', Math.round(performance.now() - spawnedAt), 'ms', 'rss', Math.round(s.rssBytes().rss / 2 ** 20), 'MB', cpu());
  await s.status((st) => ready(st) && st.phase === 'ready');
  console.log('ready (everything)', Math.round(performance.now() - spawnedAt), 'ms', 'rss', Math.round(s.rssBytes().rss / 2 ** 20), 'MB', cpu());
  await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: pathToFileURL(path.join(repo.root, repo.probe.path)).href }, position: { line: 0, character: 0 } }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 2000));
  console.log('rss after 2 s', Math.round(s.rssBytes().rss / 2 ** 20), 'MB');
  for (let i = 0; i < Number(process.env.ARCHLENS_IDLE ?? 0); i++) {
    await new Promise((r) => setTimeout(r, 5000));
    console.log(`rss after ${i * 5 + 7} s`, Math.round(s.rssBytes().rss / 2 ** 20), 'MB');
  }
  if (process.env.ARCHLENS_SMAPS) {
    const fs = await import('node:fs');
    fs.writeFileSync(process.env.ARCHLENS_SMAPS, fs.readFileSync(`/proc/${s.process.pid}/smaps`, 'utf8'));
  }
  const snapshot = async () => {
    s.process.kill('SIGUSR2');
    await new Promise((r) => setTimeout(r, Number(process.env.ARCHLENS_HEAP)));
  };
  // A heap snapshot before the edits too, so the two can be compared (ARCHLENS_HEAP set).
  if (process.env.ARCHLENS_HEAP && (process.env.ARCHLENS_EDITS || process.env.ARCHLENS_PROBE_EDITS)) await snapshot();
  if (process.env.ARCHLENS_EDITS) {
    // Title edits, then glossary edits: the per-edit cost, in the CPU profile after the "edits from" mark.
    console.log('edits from', Math.round(performance.now() - spawnedAt), 'ms');
    const fs = await import('node:fs');
    const decisionUri = pathToFileURL(path.join(repo.root, repo.decision.path)).href;
    const decisionText = fs.readFileSync(path.join(repo.root, repo.decision.path), 'utf8');
    s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: decisionUri, languageId: 'markdown', version: 1, text: decisionText } });
    const lines = decisionText.split('\n');
    const retitled = lines.map((l, i) => (i === repo.decision.titleLine ? `${l} (see ADR-9999)` : l)).join('\n');
    let version = 1;
    const edit = async (uri: string, text: string, diagnosed = uri) => {
      const published = s.nextDiagnostics(diagnosed);
      const t0 = performance.now();
      s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
      await published;
      return performance.now() - t0;
    };
    const n = Number(process.env.ARCHLENS_EDITS);
    const title: number[] = [];
    for (let i = 0; i < n; i++) title.push(await edit(decisionUri, i % 2 ? decisionText : retitled));
    console.log('title edits ms', title.map((x) => Math.round(x)).join(' '));
    const probeUri = pathToFileURL(path.join(repo.root, repo.probe.path)).href;
    s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: probeUri, languageId: 'python', version: 1, text: fs.readFileSync(path.join(repo.root, repo.probe.path), 'utf8') } });
    const glossaryPath = repo.glossaries.find((g) => g.endsWith('.yml'))!;
    const glossaryUri = pathToFileURL(path.join(repo.root, glossaryPath)).href;
    const glossaryText = fs.readFileSync(path.join(repo.root, glossaryPath), 'utf8');
    s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: glossaryUri, languageId: 'yaml', version: 1, text: glossaryText } });
    const editedGlossary = glossaryText.replace(/^(\s*)definition: (.*)$/m, (line, indent) => `${line}\n${indent}avoid: [feeds]`);
    const glossary: number[] = [];
    for (let i = 0; i < n; i++) glossary.push(await edit(glossaryUri, i % 2 ? glossaryText : editedGlossary, probeUri));
    console.log('glossary edits ms', glossary.map((x) => Math.round(x)).join(' '));
    console.log('edits to', Math.round(performance.now() - spawnedAt), 'ms', 'rss', Math.round(s.rssBytes().rss / 2 ** 20), 'MB');
  }
  if (process.env.ARCHLENS_PROBE_EDITS) {
    // The benchmark's memory measure: edits of the open probe file sent one after another without waiting (a
    // hover every 50), then one whose diagnostics are awaited.
    const fs = await import('node:fs');
    const probeUri = pathToFileURL(path.join(repo.root, repo.probe.path)).href;
    const probeText = fs.readFileSync(path.join(repo.root, repo.probe.path), 'utf8');
    s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: probeUri, languageId: 'python', version: 1, text: probeText } });
    const editedProbe = `${probeText}\n# ADR-9999 is unknown\n`;
    const at = { textDocument: { uri: probeUri }, position: { line: repo.probe.termLine, character: repo.probe.termColumn } };
    let version = 1;
    const n = Number(process.env.ARCHLENS_PROBE_EDITS);
    for (let i = 0; i < n - 1; i++) {
      s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: probeUri, version: ++version }, contentChanges: [{ text: i % 2 ? probeText : editedProbe }] });
      if (i % 50 === 0) await s.connection.sendRequest('textDocument/hover', at);
    }
    const last = s.nextDiagnostics(probeUri);
    s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: probeUri, version: ++version }, contentChanges: [{ text: `${probeText}\n# ADR-9998 is unknown too\n` }] });
    await last;
    const m = s.rssBytes();
    console.log(`after ${n} probe edits rss`, Math.round(m.rss / 2 ** 20), 'MB', 'peak', Math.round(m.peak / 2 ** 20), 'MB', cpu());
    // Once the edits are over: what the server keeps when nothing is going on (ARCHLENS_IDLE times 5 s).
    for (let i = 0; i < Number(process.env.ARCHLENS_IDLE ?? 0); i++) {
      await new Promise((r) => setTimeout(r, 5000));
      console.log(`rss ${(i + 1) * 5} s after the edits`, Math.round(s.rssBytes().rss / 2 ** 20), 'MB', cpu());
    }
  }
  if (process.env.ARCHLENS_HEAP) await snapshot();
  await s.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
