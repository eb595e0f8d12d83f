// Harness self-test: a throwaway extension, packaged with vsce and installed into code-server, proves that
// every harness helper the Archlens scenarios rely on works against the real workbench — command palette,
// quick open, hover, Ctrl+click, Problems, status bar, an activity-bar tree, a quick fix and a snippet.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  applyQuickFix,
  check,
  ctrlClickWord,
  cursorPosition,
  editorLines,
  hoverWord,
  closeHover,
  openFile,
  openViewContainer,
  openWorkbench,
  packageExtension,
  readNotifications,
  readProblems,
  readStatusBar,
  runCommand,
  scenario,
  screenshot,
  startCodeServer,
  typeAndAcceptCompletion,
  waitForStatusBarItem,
} from './harness';

const extensionManifest = {
  name: 'archlens-smoke',
  displayName: 'Archlens Smoke',
  description: 'Throwaway extension that exercises the end-to-end harness.',
  version: '0.0.1',
  publisher: 'archlens-e2e',
  license: 'MIT',
  engines: { vscode: '^1.100.0' },
  main: './extension.js',
  activationEvents: ['onStartupFinished', 'onLanguage:plaintext'],
  contributes: {
    commands: [{ command: 'archlensSmoke.showStatus', title: 'Show Status', category: 'Archlens Smoke' }],
    viewsContainers: {
      activitybar: [{ id: 'archlensSmoke', title: 'Archlens Smoke', icon: 'icon.svg' }],
    },
    views: { archlensSmoke: [{ id: 'archlensSmoke.items', name: 'Smoke Items' }] },
  },
};

// Plain JavaScript so the throwaway extension needs no build step of its own.
const extensionSource = String.raw`
const vscode = require('vscode');

exports.activate = function activate(context) {
  const item = vscode.window.createStatusBarItem('archlensSmoke.status', vscode.StatusBarAlignment.Left, 1000);
  item.name = 'Archlens Smoke';
  context.subscriptions.push(item);
  context.subscriptions.push(vscode.commands.registerCommand('archlensSmoke.showStatus', () => {
    item.text = '$(check) archlens-smoke ready';
    item.tooltip = 'archlens-smoke status';
    item.show();
  }));

  const plaintext = { language: 'plaintext' };
  context.subscriptions.push(vscode.languages.registerHoverProvider(plaintext, {
    provideHover(document, position) {
      const range = document.getWordRangeAtPosition(position);
      if (!range) return undefined;
      return new vscode.Hover(new vscode.MarkdownString('archlens-smoke-hover: ' + document.getText(range)), range);
    },
  }));

  // "other" in any plain-text file goes to line 2 of other.txt.
  context.subscriptions.push(vscode.languages.registerDefinitionProvider(plaintext, {
    provideDefinition(document, position) {
      const range = document.getWordRangeAtPosition(position);
      if (!range || document.getText(range) !== 'other') return undefined;
      const folder = vscode.workspace.getWorkspaceFolder(document.uri);
      if (!folder) return undefined;
      return new vscode.Location(vscode.Uri.joinPath(folder.uri, 'other.txt'), new vscode.Position(1, 0));
    },
  }));

  // Every TODO is a warning with a quick fix that replaces it with DONE.
  const diagnostics = vscode.languages.createDiagnosticCollection('archlens-smoke');
  context.subscriptions.push(diagnostics);
  const lint = (document) => {
    if (document.languageId !== 'plaintext') return;
    const found = [];
    const text = document.getText();
    for (const match of text.matchAll(/\bTODO\b/g)) {
      const start = document.positionAt(match.index);
      const d = new vscode.Diagnostic(new vscode.Range(start, start.translate(0, 4)), 'archlens-smoke: TODO left in text', vscode.DiagnosticSeverity.Warning);
      d.source = 'archlens-smoke';
      d.code = 'SMOKE001';
      found.push(d);
    }
    diagnostics.set(document.uri, found);
  };
  vscode.workspace.textDocuments.forEach(lint);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(lint));
  context.subscriptions.push(vscode.workspace.onDidChangeTextDocument((e) => lint(e.document)));
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider(plaintext, {
    provideCodeActions(document, range, ctx) {
      return ctx.diagnostics.filter((d) => d.code === 'SMOKE001').map((d) => {
        const action = new vscode.CodeAction('Replace TODO with DONE', vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, d.range, 'DONE');
        return action;
      });
    },
  }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));

  context.subscriptions.push(vscode.languages.registerCompletionItemProvider(plaintext, {
    provideCompletionItems() {
      const item = new vscode.CompletionItem('smokesnippet', vscode.CompletionItemKind.Snippet);
      item.insertText = new vscode.SnippetString('smoke-expanded(\${1:arg})');
      return [item];
    },
  }));

  context.subscriptions.push(vscode.window.createTreeView('archlensSmoke.items', {
    treeDataProvider: {
      getChildren: (element) => (element ? [] : ['alpha item', 'beta item']),
      getTreeItem: (label) => new vscode.TreeItem(label),
    },
  }));
};

exports.deactivate = function deactivate() {};
`;

const icon = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9" fill="none" stroke="#c5c5c5" stroke-width="2"/></svg>';

function buildExtension(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(extensionManifest, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), extensionSource);
  fs.writeFileSync(path.join(dir, 'icon.svg'), icon);
  fs.writeFileSync(path.join(dir, 'README.md'), '# Archlens Smoke\n\nThrowaway extension for the end-to-end harness.\n');
}

void scenario('smoke', async ({ cleanup, onFailureShot }) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-smoke-'));
  cleanup(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const extensionDir = path.join(tmp, 'extension');
  buildExtension(extensionDir);
  const vsix = await packageExtension(extensionDir, path.join(tmp, 'archlens-smoke.vsix'));

  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(workspace, 'notes.txt'), 'alpha bravo charlie\nsee other for details\nTODO tidy this\n\n');
  fs.writeFileSync(path.join(workspace, 'other.txt'), 'first line\nthe definition target\n');

  const server = await startCodeServer({ workspace, vsix });
  cleanup(() => server.stop());
  const { browser, page } = await openWorkbench(server.url, workspace);
  cleanup(() => browser.close());
  onFailureShot(page);

  // Command palette: the status bar item exists only after the command ran.
  await runCommand(page, 'Archlens Smoke: Show Status');
  const status = await waitForStatusBarItem(page, 'archlens-smoke ready');
  check(status.id.includes('archlensSmoke.status'), `status item id ${status.id}`);
  check((await readStatusBar(page)).some((item) => item.text === 'archlens-smoke ready'), 'status bar lists the item');

  // Quick open and hover.
  await openFile(page, 'notes.txt');
  const hover = await hoverWord(page, 'bravo', { expect: 'archlens-smoke-hover' });
  check(hover.includes('archlens-smoke-hover: bravo'), `hover text was ${JSON.stringify(hover)}`);
  await screenshot(page, 'smoke-hover');
  await closeHover(page);

  // Problems panel shows the extension's diagnostic.
  const problems = await readProblems(page, { atLeast: 1 });
  const todo = problems.find((p) => p.message.includes('TODO left in text'));
  check(todo, `problems were ${JSON.stringify(problems)}`);
  check(todo.severity === 'warning' && todo.file === 'notes.txt', `problem entry ${JSON.stringify(todo)}`);
  check(todo.source === 'archlens-smoke' && todo.code === 'SMOKE001', `problem source ${JSON.stringify(todo)}`);
  check(todo.line === 3 && todo.column === 1, `problem position ${JSON.stringify(todo)}`);

  // Quick fix rewrites the text, and the diagnostic goes away.
  await openFile(page, 'notes.txt');
  const offered = await applyQuickFix(page, 'TODO', 'Replace TODO with DONE');
  check(offered.includes('Replace TODO with DONE'), `quick fixes offered ${JSON.stringify(offered)}`);
  await page.waitForFunction(() => document.querySelector('.editor-group-container.active .view-lines')?.textContent?.includes('DONE'));
  check((await editorLines(page)).some((l) => l.startsWith('DONE tidy this')), 'quick fix edited the line');

  // Snippet completion on the empty last line.
  await page.keyboard.press('Control+End');
  await typeAndAcceptCompletion(page, 'smokes', 'smokesnippet');
  await page.keyboard.type('value');
  check((await editorLines(page)).some((l) => l.includes('smoke-expanded(value)')), `lines ${JSON.stringify(await editorLines(page))}`);

  // Ctrl+click goes to the definition in another file.
  await ctrlClickWord(page, 'other', { expectEditor: 'other.txt' });
  const cursor = await cursorPosition(page);
  check(cursor.line === 2, `definition cursor at ${JSON.stringify(cursor)}`);

  // Activity-bar container and its tree.
  const items = await openViewContainer(page, 'Archlens Smoke', { atLeast: 2 });
  check(items.includes('alpha item') && items.includes('beta item'), `tree items ${JSON.stringify(items)}`);

  const leftovers = await readNotifications(page);
  check(!leftovers.some((n) => /archlens-smoke|activat/i.test(n)), `extension notifications ${JSON.stringify(leftovers)}`);
  await openFile(page, 'notes.txt');
  await hoverWord(page, 'charlie', { expect: 'archlens-smoke-hover: charlie' });
  const shot = await screenshot(page, 'smoke');
  process.stderr.write(`[e2e] screenshot: ${shot}\n`);
});
