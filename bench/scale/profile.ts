// Profiling driver (not part of the measured run): starts the server under node flags given in ARCHLENS_NODE_FLAGS,
// waits for ready, sends hovers and completions, reports their latency, and stops the server so profiles are written.
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
  const folderUri = pathToFileURL(repo.root).href;
  await s.connection.sendRequest('initialize', { processId: null, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'x' }], capabilities: EDITOR_CAPABILITIES, initializationOptions: { trusted: true } });
  s.connection.sendNotification('initialized', {});
  const ready = (st: StatusParams) => st.folder === folderUri && st.state === 'ready';
  await s.status(ready);
  console.log('ready', Math.round(performance.now() - spawnedAt), 'ms', 'rss', Math.round(s.rssBytes().rss / 2 ** 20), 'MB');
  await s.status((st) => ready(st) && !(st.history.state === 'off' && st.history.reason === 'pending'));
  console.log('history', Math.round(performance.now() - spawnedAt), 'ms', 'rss', Math.round(s.rssBytes().rss / 2 ** 20), 'MB');
  const probeUri = pathToFileURL(path.join(repo.root, repo.probe.path)).href;
  s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: probeUri, languageId: 'python', version: 1, text: fs.readFileSync(path.join(repo.root, repo.probe.path), 'utf8') } });
  const at = (line: number, character: number) => ({ textDocument: { uri: probeUri }, position: { line, character } });
  for (const [name, method, params] of [
    ['empty', 'archlens/benchmarkEmpty', {}],
    ['term hover', 'textDocument/hover', at(repo.probe.termLine, repo.probe.termColumn)],
    ['ref hover', 'textDocument/hover', at(repo.probe.refLine, repo.probe.refColumn)],
    ['completion', 'textDocument/completion', at(repo.probe.completeLine, repo.probe.completeColumn)],
  ] as const) {
    const xs: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      await s.connection.sendRequest(method, params).catch(() => undefined);
      xs.push(performance.now() - t0);
    }
    xs.sort((a, b) => a - b);
    console.log(name, 'p50', xs[50].toFixed(2), 'p99', xs[98].toFixed(2));
  }
  console.log('rss', Math.round(s.rssBytes().rss / 2 ** 20), 'MB');
  await s.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
