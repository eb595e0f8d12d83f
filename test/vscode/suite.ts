// The extension-host suite for @vscode/test-electron: the extension activates in a real VS Code on the example
// workspace, registers its commands, starts the server and answers through it. Run by scripts/test-vscode.mjs
// where VS Code can be downloaded; CI covers the same ground in code-server (test/e2e).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CLIENT_COMMANDS, SERVER_COMMANDS } from '../../client/src/commandIds';

/** Waits for a condition the server brings about (it indexes in its own process), with a deadline. */
async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const tests: [string, () => Promise<void>][] = [
  [
    'activates and registers every command',
    async () => {
      const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'archlens');
      assert.ok(ext, 'the extension is installed');
      await ext.activate();
      const all = new Set(await vscode.commands.getCommands(true));
      for (const id of CLIENT_COMMANDS) assert.ok(all.has(id), `${id} is registered`);
      // The server's command appears once the client has started.
      await until('the server command', async () => ((await vscode.commands.getCommands(true)).includes(SERVER_COMMANDS[0]) ? true : undefined));
    },
  ],
  [
    'hovers a decision reference in a YAML comment through the server',
    async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the example workspace is open');
      const uri = vscode.Uri.joinPath(folder.uri, 'deploy/helm/kafka-connect/values.yaml');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const line = doc.getText().split('\n').findIndex((l) => l.includes('ADR-0007'));
      const position = new vscode.Position(line, doc.lineAt(line).text.indexOf('ADR-0007') + 3);
      const text = await until('a hover on ADR-0007', async () => {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
        const joined = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        return joined.includes('Kafka Connect') ? joined : undefined;
      });
      assert.match(text, /Debezium/);
    },
  ],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, body] of tests) {
    try {
      await body();
      console.log(`PASS ${name}`);
    } catch (err) {
      console.log(`FAIL ${name}: ${(err as Error).message}`);
      failures.push(name);
    }
  }
  if (failures.length) throw new Error(`${failures.length} extension-host test(s) failed: ${failures.join(', ')}`);
}
