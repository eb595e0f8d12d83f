// The hostile fixtures (test/fixtures/hostile/ and the huge, duplicate and cyclic files generated in a temporary
// copy) through every LSP feature over the protocol. The server indexes the copy, publishes each bad file's
// problem with its code on the right line, then every fixture is opened as an editor would and asked for hover,
// definition, references and completion at several positions (out-of-range ones too), document symbols, links,
// code lens, inlay hints and code actions, plus workspace symbols and every archlens/* request with hostile
// queries. Each answer is well-formed (ranges inside their documents, no link a document chose to a scheme that
// runs something, only Archlens' commands), no handler fails, the server still answers a plain hover at the end,
// and the folder is byte for byte what it was. Run in process (hostile.test.ts) and against the spawned bundle
// (hostileSpawned.test.ts), where the server must also write nothing to stderr and exit cleanly.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  InlayHintRequest,
  ReferencesRequest,
  ResponseError,
  WorkspaceSymbolRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { textOfBytes } from '../../server/src/core/text';
import {
  ChangesSinceRequest,
  Commands,
  DecisionsRequest,
  FileAtRevisionRequest,
  ForFileRequest,
  GlossaryRequest,
  GraphRequest,
  NewDecisionRequest,
  SearchRequest,
  StaleRequest,
  TourRequest,
  ViewsRequest,
  WhyRequest,
} from '../../server/src/protocol';
import { EXPECTED_PROBLEMS, makeHostileWorkspace, treeFingerprint, type HostileWorkspace } from '../helpers/hostileWorkspace';
import { answerViolations, lspLines } from './answerChecks';
import { ensureServerBuilt, SERVER_MAIN, TestClient } from './client';

/** A failure guard per request, not a speed test: a request that hangs fails naming itself. */
const REQUEST_BOUND_MS = 60_000;
const HOSTILE_QUERIES = ['', 'ADR', '(a+)+$', '.*', '[', '\\', 'A'.repeat(10_000), '\u202eevil', 'command:workbench.action.quit', '0'.repeat(40), '🚀'];
const LANGUAGE: Record<string, string> = { md: 'markdown', yml: 'yaml', yaml: 'yaml', py: 'python', go: 'go', sql: 'sql', js: 'javascript', json: 'json', toml: 'toml', log: 'log' };

let ws: HostileWorkspace;
let client: TestClient;
let folderUri: string;
let before: string[];
const texts = new Map<string, string>(); // file-system path → the text the server sees
const violations: string[] = [];
const errors: string[] = [];

const uriOf = (rel: string) => pathToFileURL(path.join(ws.root, rel)).href;

/** Sends a request within the bound; an error answer is recorded (by method) rather than thrown. */
async function ask<R>(what: string, send: () => Promise<R>, uri?: string): Promise<R | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${REQUEST_BOUND_MS} ms`)), REQUEST_BOUND_MS)));
  try {
    const answer = await Promise.race([send(), bound]);
    violations.push(...answerViolations(answer, { root: ws.root, uri, linesOf: (p) => (texts.has(p) ? lspLines(texts.get(p)!) : undefined) }).map((v) => `${what}: ${v}`));
    return answer;
  } catch (e) {
    if (!(e instanceof ResponseError)) throw e;
    errors.push(`${what}: ${e.code} ${e.message}`);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** The text an editor shows for a file: decoded like VS Code does, binary files as Latin-1 (NULs and all). */
function editorText(rel: string): string {
  const bytes = fs.readFileSync(path.join(ws.root, rel));
  return textOfBytes(bytes) ?? bytes.toString('latin1');
}

function positionsIn(text: string): { line: number; character: number }[] {
  const lines = lspLines(text);
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    const ls = lspLines(before);
    return { line: ls.length - 1, character: ls[ls.length - 1] };
  };
  const out = [
    { line: 0, character: 0 },
    // Positions a confused client may send: past the last line, past the end of a line.
    { line: lines.length + 3, character: 2 },
    { line: 0, character: 100_000 },
  ];
  for (const needle of ['ADR-', '](']) {
    const i = text.indexOf(needle);
    if (i >= 0) out.push(at(i + 2));
  }
  return out;
}

export function hostileSuite(mode: 'in-process' | 'spawned'): void {
  beforeAll(async () => {
    ws = makeHostileWorkspace();
    before = treeFingerprint(ws.root);
    for (const rel of [...ws.committed, ...ws.generated]) {
      const text = textOfBytes(fs.readFileSync(path.join(ws.root, rel)));
      if (text !== undefined) texts.set(path.join(ws.root, rel), text);
    }
    folderUri = pathToFileURL(ws.root).href;
    if (mode === 'spawned') ensureServerBuilt();
    client = mode === 'in-process' ? TestClient.inProcess() : TestClient.spawn(SERVER_MAIN);
    await client.initialize({ folders: [{ uri: folderUri, name: 'hostile' }] });
    await client.waitForReady(folderUri, { timeoutMs: 120_000 });
  }, 180_000);
  afterAll(() => {
    client?.dispose();
    ws?.dispose();
  });

  it('publishes each bad file’s problem with its code on its line', { timeout: 120_000 }, async () => {
    for (const p of EXPECTED_PROBLEMS) {
      await client.waitForDiagnostics(uriOf(p.path), (d) => d.some((x) => x.code === p.code && x.range.start.line === p.line - 1), {
        what: `${p.code} at ${p.path}:${p.line}`,
        timeoutMs: 60_000,
      });
    }
    for (const [uri, diagnostics] of client.diagnostics) {
      for (const d of diagnostics) expect(typeof d.code === 'string' && d.message.length > 0, `${uri} ${JSON.stringify(d).slice(0, 200)}`).toBe(true);
      violations.push(...answerViolations({ uri, diagnostics }, { root: ws.root, linesOf: (p) => (texts.has(p) ? lspLines(texts.get(p)!) : undefined) }).map((v) => `diagnostics: ${v}`));
    }
    expect(violations).toEqual([]);
  });

  it('answers every document feature on every fixture, opened as an editor opens it', { timeout: 600_000 }, async () => {
    const files = [...ws.committed, 'docs/adr/0090-huge.md', 'docs/big.glossary.yml', 'docs/adr/0100-duplicate-7.md', 'docs/adr/230-long-cycle-30.md'];
    for (const rel of files) {
      const uri = uriOf(rel);
      const text = editorText(rel);
      texts.set(path.join(ws.root, rel), text);
      await client.open(uri, LANGUAGE[rel.split('.').pop()!] ?? 'plaintext', text);
      const doc = { textDocument: { uri } };
      const lines = lspLines(text);
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1] } };
      for (const position of positionsIn(text)) {
        const at = `${rel} ${position.line}:${position.character}`;
        await ask(`hover ${at}`, () => client.connection.sendRequest(HoverRequest.type, { ...doc, position }), uri);
        await ask(`definition ${at}`, () => client.connection.sendRequest(DefinitionRequest.type, { ...doc, position }), uri);
        await ask(`references ${at}`, () => client.connection.sendRequest(ReferencesRequest.type, { ...doc, position, context: { includeDeclaration: true } }), uri);
        await ask(`completion ${at}`, () => client.connection.sendRequest(CompletionRequest.type, { ...doc, position }), uri);
      }
      await ask(`document symbols ${rel}`, () => client.connection.sendRequest(DocumentSymbolRequest.type, doc), uri);
      await ask(`document links ${rel}`, () => client.connection.sendRequest(DocumentLinkRequest.type, doc), uri);
      await ask(`code lens ${rel}`, () => client.connection.sendRequest(CodeLensRequest.type, doc), uri);
      await ask(`inlay hints ${rel}`, () => client.connection.sendRequest(InlayHintRequest.type, { ...doc, range: whole }), uri);
      const diagnostics = client.diagnostics.get(uri) ?? [];
      await ask(`code actions ${rel}`, () => client.connection.sendRequest(CodeActionRequest.type, { ...doc, range: whole, context: { diagnostics } }), uri);
      await ask(`archlens/forFile ${rel}`, () => client.connection.sendRequest(ForFileRequest, { uri }), uri);
      await ask(`archlens/changesSince ${rel}`, () => client.connection.sendRequest(ChangesSinceRequest, { docUri: uri }), uri);
      await ask(`archlens/fileAtRevision ${rel}`, () => client.connection.sendRequest(FileAtRevisionRequest, { uri, base: '--output=/tmp/x' }), uri);
      await client.close(uri);
    }
    expect(violations).toEqual([]);
  });

  it('answers workspace symbols and every archlens/* request with hostile queries', { timeout: 300_000 }, async () => {
    for (const query of HOSTILE_QUERIES) {
      const q = JSON.stringify(query.slice(0, 20));
      await ask(`workspace symbols ${q}`, () => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query }));
      await ask(`archlens/search ${q}`, () => client.connection.sendRequest(SearchRequest, { query }));
      await ask(`archlens/why ${q}`, () => client.connection.sendRequest(WhyRequest, { question: query }));
    }
    await ask('archlens/decisions', () => client.connection.sendRequest(DecisionsRequest, {}));
    await ask('archlens/views', () => client.connection.sendRequest(ViewsRequest, {}));
    await ask('archlens/glossary', () => client.connection.sendRequest(GlossaryRequest, {}));
    await ask('archlens/stale', () => client.connection.sendRequest(StaleRequest, {}));
    await ask('archlens/tour', () => client.connection.sendRequest(TourRequest, {}));
    for (const code of [false, true]) await ask(`archlens/graph code=${code}`, () => client.connection.sendRequest(GraphRequest, { code }));
    // New Decision answers with an edit for the editor to apply (it writes nothing itself), inside the workspace.
    for (const title of ['../../../../tmp/escape', '\u202eevil', 'x'.repeat(10_000), '-rf', '']) {
      const r = await ask(`archlens/newDecision ${JSON.stringify(title.slice(0, 20))}`, () => client.connection.sendRequest(NewDecisionRequest, { title, template: 'nygard' }));
      if (r) expect(r.uri.startsWith(`${folderUri}/`), r.uri).toBe(true);
    }
    // Mark Reviewed asks the editor to apply an edit to the named document only.
    const since = client.mark();
    await ask('mark reviewed', () => client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.markReviewed, arguments: [uriOf('docs/adr/0021-bidi-zero-width.md')] }));
    for (const edit of client.appliedEdits(since)) for (const uri of Object.keys(edit.edit.changes ?? {})) expect(uri).toBe(uriOf('docs/adr/0021-bidi-zero-width.md'));
    expect(violations).toEqual([]);
    // Only requests that refuse their input answer with an error.
    expect(errors.filter((e) => !/^archlens\/(newDecision|fileAtRevision|changesSince)/.test(e))).toEqual([]);
  });

  it('stays up: no handler failed, a plain hover still answers, nothing was written', { timeout: 60_000 }, async () => {
    const failures = client.events.filter((e) => (e.kind === 'status' && e.params.problem) || (e.kind === 'log' && /failed/.test(e.message)));
    expect(failures.map((e) => JSON.stringify(e).slice(0, 300))).toEqual([]);
    const uri = uriOf('src/-dash.py');
    const text = fs.readFileSync(path.join(ws.root, 'src/-dash.py'), 'utf8');
    await client.open(uri, 'python', text);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 4 } });
    expect((hover?.contents as MarkupContent | undefined)?.value).toContain('Broken front matter');
    await client.close(uri);
    const code = await client.shutdown();
    if (mode === 'spawned') {
      expect(code).toBe(0);
      expect(client.stderr()).toBe('');
    }
    expect(treeFingerprint(ws.root)).toEqual(before);
  });
}
