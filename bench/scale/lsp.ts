// A small LSP client over stdio for the scale benchmark: spawns the built server as an editor would, answers the
// requests an editor answers, and lets the benchmark wait on what the server publishes (status, diagnostics).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import type { StatusParams } from '../../server/src/protocol';

export interface ServerUnderTest {
  process: ChildProcess;
  connection: ProtocolConnection;
  /** Resolves with the first status of the folder that satisfies `test` (including one already received). */
  status(test: (s: StatusParams) => boolean): Promise<StatusParams>;
  /** Resolves with the next diagnostics published for `uri` after this call. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>;
  rssBytes(): { rss: number; peak: number };
  stop(): Promise<void>;
}

export function startServer(serverMain: string, root: string, nodeFlags: string[] = []): { server: ServerUnderTest; spawnedAt: number } {
  const spawnedAt = performance.now();
  // Reports and heap snapshots the profiling flags make go to the temporary folder, never into the measured tree.
  const child = spawn(process.execPath, [`--diagnostic-dir=${os.tmpdir()}`, ...nodeFlags, serverMain, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const statuses: StatusParams[] = [];
  const statusWaiters: { test: (s: StatusParams) => boolean; resolve: (s: StatusParams) => void; reject: (e: Error) => void }[] = [];
  const diagnosticWaiters = new Map<string, ((p: PublishDiagnosticsParams) => void)[]>();
  connection.onNotification('archlens/status', (s: StatusParams) => {
    statuses.push(s);
    for (const w of [...statusWaiters]) {
      if (w.test(s)) {
        statusWaiters.splice(statusWaiters.indexOf(w), 1);
        w.resolve(s);
      }
    }
  });
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const waiters = diagnosticWaiters.get(p.uri);
    if (waiters) {
      diagnosticWaiters.delete(p.uri);
      for (const w of waiters) w(p);
    }
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'workspace/codeLens/refresh', 'workspace/inlayHint/refresh']) {
    connection.onRequest(method, () => null);
  }
  // A server that dies (out of memory) fails the run with its exit, instead of leaving the waits pending and the
  // benchmark exiting quietly without results.
  child.on('exit', (code, signal) => {
    const error = new Error(`the server exited (code ${code}, signal ${signal})`);
    for (const w of statusWaiters.splice(0)) w.reject(error);
  });
  connection.listen();
  const server: ServerUnderTest = {
    process: child,
    connection,
    status: (test) => {
      const seen = statuses.find(test);
      return seen ? Promise.resolve(seen) : new Promise((resolve, reject) => statusWaiters.push({ test, resolve, reject }));
    },
    nextDiagnostics: (uri) =>
      new Promise((resolve, reject) => {
        // A bound, not a wait: a run that never sees the diagnostics fails with the file's name instead of hanging.
        const timer = setTimeout(() => reject(new Error(`no diagnostics published for ${uri} within 120 s`)), 120_000);
        const list = diagnosticWaiters.get(uri) ?? [];
        list.push((p) => {
          clearTimeout(timer);
          resolve(p);
        });
        diagnosticWaiters.set(uri, list);
      }),
    rssBytes: () => {
      const text = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    },
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
        connection.sendNotification('exit');
      } catch {
        // a server that died already
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
  return { server, spawnedAt };
}

export const EDITOR_CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, applyEdit: true },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { relatedInformation: true },
  },
};
