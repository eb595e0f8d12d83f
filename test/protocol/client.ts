// A small LSP client for protocol tests: it drives the Archlens server either in this process (over a pair of
// in-memory streams, so a test runs in milliseconds) or as the built program (`node server/out/main.js --stdio`).
// It answers the requests a real editor answers (configuration, registrations, progress tokens, applied edits,
// refreshes), records every notification, and lets tests wait for one that matches: it never sleeps, and a
// bounded timeout exists only so that a broken server fails the test instead of hanging it.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import {
  ApplyWorkspaceEditRequest,
  CodeLensRefreshRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InlayHintRefreshRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ResponseError,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Message,
  type MessageWriter,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type ProgressToken,
  type ProtocolConnection,
  type Registration,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { startServer, type ServerDeps } from '../../server/src/server';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';

/** Everything the server told the client, in arrival order. */
export type ClientEvent =
  | { kind: 'status'; params: StatusParams }
  | { kind: 'diagnostics'; uri: string; diagnostics: Diagnostic[] }
  | { kind: 'progress'; token: ProgressToken; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }
  | { kind: 'progressCreate'; token: ProgressToken }
  | { kind: 'applyEdit'; params: ApplyWorkspaceEditParams }
  | { kind: 'register'; registrations: Registration[] }
  | { kind: 'configuration'; scopeUris: (string | undefined)[] }
  | { kind: 'codeLensRefresh' }
  | { kind: 'inlayHintRefresh' }
  | { kind: 'log'; type: number; message: string };

/** The capabilities an editor like VS Code announces for what the server uses. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    executeCommand: { dynamicRegistration: false },
    symbol: { dynamicRegistration: false },
  },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    publishDiagnostics: { relatedInformation: true },
  },
};

export interface StartOptions {
  /** Settings per folder URI (the `archlens` section); `default` for folders without their own. */
  settings?: Record<string, Record<string, unknown>>;
  /** Deps for the in-process server (a fixed clock, a fake history). */
  deps?: ServerDeps;
  /** Answer client/registerCapability with an error, as an editor without dynamic registration does. */
  refuseRegistrations?: boolean;
  /** Answers the server's `window/workDoneProgress/create` only when this resolves (an editor busy starting). */
  progressCreateAnswered?: Promise<void>;
  /** Extra command-line arguments of the spawned server (`--trusted`). */
  args?: string[];
  /** Arguments of node itself for the spawned server (`--require` a fault injector). */
  nodeArgs?: string[];
  /** Environment variables added to the spawned server's. */
  env?: Record<string, string>;
}

export interface InitializeOptions {
  folders: WorkspaceFolder[];
  /** `{ trusted: true }` when omitted, as the VS Code extension sends in a trusted workspace; `null` sends none. */
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  /** Send only the legacy rootUri (the first folder), as editors without workspace folders do. */
  rootUriOnly?: boolean;
  /** Called right after `initialized` is sent, before it is written: messages it sends go out in the same tick. */
  alongside?: () => void;
}

export interface WaitOptions {
  /** Only events at or after this index (from `mark()`) count. */
  since?: number;
  /** A failure guard, never a way to wait: the wait resolves as soon as a matching event arrives. */
  timeoutMs?: number;
  /** Named in the failure message. */
  what?: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;

export class TestClient {
  readonly events: ClientEvent[] = [];
  /** The latest diagnostics per URI, as the editor would show them. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** In process: every message the server has written so far, at the moment it wrote it. */
  serverWrites: readonly Message[] = [];
  /** Settings per folder URI; change them, then call `changeConfiguration()`. */
  settings: Record<string, Record<string, unknown>>;
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private exitCode?: Promise<number | null>;
  private disposeServer?: () => void;

  private constructor(
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    const c = connection;
    c.onNotification(StatusNotification, (params) => this.push({ kind: 'status', params }));
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.push({ kind: 'diagnostics', uri: p.uri, diagnostics: p.diagnostics });
    });
    c.onNotification(LogMessageNotification.type, (p) => this.push({ kind: 'log', type: p.type, message: p.message }));
    // The server creates the progress tokens, so every report is recorded here rather than per token.
    c.onNotification('$/progress', (p: { token: ProgressToken; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }) =>
      this.push({ kind: 'progress', token: p.token, value: p.value }),
    );
    c.onRequest(ConfigurationRequest.type, (p) => {
      this.push({ kind: 'configuration', scopeUris: p.items.map((i) => i.scopeUri) });
      return p.items.map((item) => (item.section === 'archlens' ? this.settingsFor(item.scopeUri) : null));
    });
    c.onRequest(RegistrationRequest.type, (p) => {
      this.push({ kind: 'register', registrations: p.registrations });
      return options.refuseRegistrations ? new ResponseError(ErrorCodes.MethodNotFound, 'Unhandled method client/registerCapability') : null;
    });
    c.onRequest(WorkDoneProgressCreateRequest.type, async (p) => {
      this.push({ kind: 'progressCreate', token: p.token });
      await options.progressCreateAnswered;
      return null;
    });
    c.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.push({ kind: 'applyEdit', params });
      return { applied: true };
    });
    c.onRequest(CodeLensRefreshRequest.type, () => {
      this.push({ kind: 'codeLensRefresh' });
      return null;
    });
    c.onRequest(InlayHintRefreshRequest.type, () => {
      this.push({ kind: 'inlayHintRefresh' });
      return null;
    });
    c.listen();
  }

  /** The server in this process, over two in-memory streams. */
  static inProcess(options: StartOptions = {}): TestClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    // Message readers rather than raw streams: given a raw stream, the node connection exits the process when the
    // stream ends, which would end the test runner with it.
    const writer = new StreamMessageWriter(toClient);
    const serverWrites: Message[] = [];
    // The server's messages in the order it sent them (the client receives them a moment later).
    const recording: MessageWriter = {
      onError: writer.onError,
      onClose: writer.onClose,
      write: (message) => (serverWrites.push(message), writer.write(message)),
      end: () => writer.end(),
      dispose: () => writer.dispose(),
    };
    const serverConnection = createConnection(new StreamMessageReader(toServer), recording);
    startServer(serverConnection, options.deps);
    const client = new TestClient(
      createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)),
      options,
    );
    client.serverWrites = serverWrites;
    client.disposeServer = () => {
      serverConnection.dispose();
      toServer.end();
      toClient.end();
    };
    return client;
  }

  /** The built server as a child process over stdio, as an editor runs it. */
  static spawn(mainJs: string, options: StartOptions = {}): TestClient {
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...(options.nodeArgs ?? []), mainJs, '--stdio', ...(options.args ?? [])], {
      stdio: 'pipe',
      env: { ...process.env, ...options.env },
    });
    const client = new TestClient(
      createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)),
      options,
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    client.exitCode = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    client.disposeServer = () => {
      if (child.exitCode === null) child.kill();
    };
    client.stderr = () => stderr;
    client.signal = (signal) => child.kill(signal);
    return client;
  }

  /** Sends a signal to the spawned server. */
  signal: (signal: NodeJS.Signals) => void = () => {
    throw new Error('only a spawned server can be signalled');
  };

  /** What the spawned server wrote to stderr (empty in process). */
  stderr: () => string = () => '';

  private settingsFor(scopeUri: string | undefined): Record<string, unknown> {
    return (scopeUri !== undefined ? this.settings[scopeUri] : undefined) ?? this.settings.default ?? {};
  }

  private push(event: ClientEvent): void {
    this.events.push(event);
    for (const w of [...this.waiters]) w();
  }

  /** The index of the next event, to wait only for what happens after an action. */
  mark(): number {
    return this.events.length;
  }

  /**
   * Resolves with the first value the predicate returns for an event at or after `since` (already received or
   * still to come). Rejects after a bounded time, listing what did arrive, so a failure says what was missing.
   */
  waitFor<T>(pick: (event: ClientEvent) => T | undefined, options: WaitOptions = {}): Promise<T> {
    const start = options.since ?? 0;
    return new Promise<T>((resolve, reject) => {
      let next = start;
      const check = () => {
        for (; next < this.events.length; next++) {
          const value = pick(this.events[next]);
          if (value !== undefined) {
            this.waiters.delete(check);
            clearTimeout(timer);
            resolve(value);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const seen = this.events.slice(start).map(describeEvent).join('\n  ');
        reject(new Error(`Timed out waiting for ${options.what ?? 'an event'}; received since:\n  ${seen}${this.stderr() ? `\nstderr: ${this.stderr()}` : ''}`));
      }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      this.waiters.add(check);
      check();
    });
  }

  /** The next `archlens/status` of a folder (after `since`) that satisfies the predicate. */
  waitForStatus(folder: string, predicate: (s: StatusParams) => boolean = () => true, options: WaitOptions = {}): Promise<StatusParams> {
    return this.waitFor((e) => (e.kind === 'status' && e.params.folder === folder && predicate(e.params) ? e.params : undefined), {
      what: `archlens/status of ${folder}`,
      ...options,
    });
  }

  /** The next ready status of a folder after `since`, with git history read (the first index answers before). */
  waitForReady(folder: string, options: WaitOptions = {}): Promise<StatusParams> {
    return this.waitForStatus(folder, (s) => s.state === 'ready' && s.phase !== 'reading-history' && s.phase !== 'scanning', { what: `a ready status of ${folder}`, ...options });
  }

  /** The next published diagnostics of a URI (after `since`) that satisfy the predicate. */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, options: WaitOptions = {}): Promise<Diagnostic[]> {
    return this.waitFor((e) => (e.kind === 'diagnostics' && e.uri === uri && predicate(e.diagnostics) ? e.diagnostics : undefined), {
      what: `diagnostics of ${uri}`,
      ...options,
    });
  }

  /** The statuses received (of one folder, when given), from event `since` on. */
  statuses(folder?: string, since = 0): StatusParams[] {
    return this.events.slice(since).flatMap((e) => (e.kind === 'status' && (!folder || e.params.folder === folder) ? [e.params] : []));
  }

  appliedEdits(since = 0): ApplyWorkspaceEditParams[] {
    return this.events.slice(since).flatMap((e) => (e.kind === 'applyEdit' ? [e.params] : []));
  }

  async initialize(options: InitializeOptions): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      // In process, a parent id would start the server's watchdog timer on this very process.
      processId: this.exitCode ? process.pid : null,
      rootUri: options.folders[0]?.uri ?? null,
      workspaceFolders: options.rootUriOnly ? null : options.folders,
      capabilities: options.capabilities ?? EDITOR_CAPABILITIES,
      initializationOptions: options.initializationOptions === undefined ? { trusted: true } : (options.initializationOptions ?? undefined),
    });
    const initialized = this.connection.sendNotification(InitializedNotification.type, {});
    options.alongside?.();
    await initialized;
    return result;
  }

  /** didOpen; `version` is 1 for a new editor, more for one the editor had before the server started. */
  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text of an open document (an unsaved edit). */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server settings changed; it pulls them again with workspace/configuration. */
  async changeConfiguration(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** shutdown then exit; resolves with the process exit code when spawned. */
  async shutdown(): Promise<number | null | undefined> {
    await this.connection.sendRequest(ShutdownRequest.type);
    if (this.exitCode) {
      await this.connection.sendNotification(ExitNotification.type);
      const code = await this.exitCode;
      this.connection.dispose();
      return code;
    }
    // In process, exit would end the test runner's process: the connection is closed instead.
    this.dispose();
    return undefined;
  }

  /** Resolves with the spawned server's exit code when it ends by itself. */
  exited(): Promise<number | null> {
    if (!this.exitCode) throw new Error('only a spawned server exits');
    return this.exitCode;
  }

  /** exit without shutdown (spawned only): resolves with the exit code, which the protocol says is 1. */
  async exit(): Promise<number | null> {
    if (!this.exitCode) throw new Error('exit would end this process: only a spawned server can be told to exit');
    await this.connection.sendNotification(ExitNotification.type);
    return this.exitCode;
  }

  dispose(): void {
    this.connection.dispose();
    this.disposeServer?.();
  }
}

function describeEvent(e: ClientEvent): string {
  switch (e.kind) {
    case 'status':
      return `status ${e.params.state} ${e.params.folder} v${e.params.version} decisions=${e.params.decisions}`;
    case 'diagnostics':
      return `diagnostics ${e.uri} (${e.diagnostics.length})`;
    case 'progress':
      return `progress ${String(e.token)} ${e.value.kind}`;
    case 'log':
      return `log ${e.message.slice(0, 300)}`;
    default:
      return e.kind;
  }
}

/** Applies LSP text edits to a text (edits must not overlap; they are applied from last to first). */
export function applyTextEdits(text: string, edits: { range: { start: Pos; end: Pos }; newText: string }[]): string {
  const starts = lineStarts(text);
  const offset = (p: Pos) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

export interface Pos {
  line: number;
  character: number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

// Fixtures shared by the protocol tests.

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SERVER_MAIN = path.join(REPO_ROOT, 'server/out/main.js');

/** Materialises examples/data-platform with its dated git history in a new temporary folder; returns its path. */
export function materialiseExample(): { root: string; repo: string; uri: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-protocol-'));
  const repo = path.join(root, 'data-platform');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/make-example-repo.mjs'), repo], { stdio: 'pipe' });
  return { root, repo, uri: pathToFileURL(repo).href };
}

/** Builds server/out/main.js when it is missing or older than any server source. */
export function ensureServerBuilt(): void {
  const built = fs.existsSync(SERVER_MAIN) ? fs.statSync(SERVER_MAIN).mtimeMs : 0;
  if (built > newestMtime(path.join(REPO_ROOT, 'server/src'))) return;
  execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'pipe' });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The LSP position of the `occurrence`-th (0-based) occurrence of `needle` in `text`, moved `delta` characters
 * into it, so tests name what they point at instead of counting columns.
 */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 0): Pos {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence + 1} times`);
  }
  const offset = at + delta;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 0;
  for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 10) line++;
  return { line, character: offset - lineStart };
}

/** The text of 0-based line `line`. */
export function lineOf(text: string, line: number): string {
  return text.split(/\r?\n/)[line] ?? '';
}
