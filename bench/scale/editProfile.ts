// Profiling driver for the per-edit measures (not part of the measured run): starts the server on a generated
// repository with the node flags of ARCHLENS_NODE_FLAGS (say `--cpu-prof --cpu-prof-dir=/tmp/p`), waits for ready,
// then makes ARCHLENS_EDITS (default 10) edits of each kind the benchmark times (a decision title, a glossary entry,
// the 10,000-line source file) and prints each edit's time and when each kind started (to find it in the profile,
// whose clock starts with the server's process).
// Run: node bench/scale/run.mjs --driver editProfile.ts medium
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
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
  const at = () => Math.round(performance.now() - spawnedAt);
  const folderUri = pathToFileURL(repo.root).href;
  await s.connection.sendRequest('initialize', { processId: null, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'x' }], capabilities: EDITOR_CAPABILITIES, initializationOptions: { trusted: true } });
  s.connection.sendNotification('initialized', {});
  await s.status((st: StatusParams) => st.folder === folderUri && st.state === 'ready' && st.phase === 'ready');
  console.log('ready', at(), 'ms');
  const n = Number(process.env.ARCHLENS_EDITS ?? 10);
  let version = 1;
  const uriOf = (rel: string) => pathToFileURL(path.join(repo.root, rel)).href;
  const open = (rel: string, languageId: string) => {
    const text = fs.readFileSync(path.join(repo.root, rel), 'utf8');
    s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(rel), languageId, version: 1, text } });
    return text;
  };
  // The server's own CPU time (user + system, clock ticks of 10 ms): on a shared machine the wall clock measures the
  // neighbours too.
  const cpuMs = () => {
    const fields = fs.readFileSync(`/proc/${s.process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const edits = async (name: string, rel: string, texts: [string, string], diagnosed = rel) => {
    const times: number[] = [];
    const from = at();
    const cpu = cpuMs();
    for (let i = 0; i < n; i++) {
      const published = s.nextDiagnostics(uriOf(diagnosed));
      const t0 = performance.now();
      s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(rel), version: ++version }, contentChanges: [{ text: texts[i % 2] }] });
      await published;
      times.push(performance.now() - t0);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`${name}: from ${from} to ${at()} ms; p50 ${Math.round(sorted[Math.floor(n / 2)])} ms; server CPU ${Math.round((cpuMs() - cpu) / n)} ms per edit;`, times.map((x) => Math.round(x)).join(' '));
  };
  const decisionText = open(repo.decision.path, 'markdown');
  const retitled = decisionText.split('\n').map((l, i) => (i === repo.decision.titleLine ? `${l} (see ADR-9999)` : l)).join('\n');
  await edits('title', repo.decision.path, [retitled, decisionText]);
  open(repo.probe.path, 'python');
  const glossaryPath = repo.glossaries.find((g) => g.endsWith('.yml'))!;
  const glossaryText = open(glossaryPath, 'yaml');
  const editedGlossary = glossaryText.replace(/^(\s*)definition: (.*)$/m, (line, indent) => `${line}\n${indent}avoid: [feeds]`);
  await edits('glossary', glossaryPath, [editedGlossary, glossaryText], repo.probe.path);
  const bigText = open(repo.bigSource, 'python');
  await edits('10,000-line file', repo.bigSource, [bigText.replace('value_5001 =', '# see ADR-9999\nvalue_5001 ='), bigText]);
  await s.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
