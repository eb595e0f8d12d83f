// Drives a real VS Code (code-server's web workbench, VS Code 1.100) through Debian's chromium, so scenario
// tests exercise the extension the way a person does: keyboard, mouse, and what the screen shows.
// Every wait below is on a DOM condition or a process signal with a bounded deadline, never a fixed sleep,
// because fixed sleeps are what make editor UI tests flaky on a loaded 2-core machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** The repository root; run-e2e.mjs sets it because the bundled scenario runs from a temp folder. */
export const repoRoot: string = process.env.ARCHLENS_ROOT
  ? path.resolve(process.env.ARCHLENS_ROOT)
  : path.resolve(__dirname, '..', '..');

export const codeServerBin: string = path.join(repoRoot, '.tools', 'code-server', 'node_modules', '.bin', 'code-server');
export const chromiumPath = '/usr/bin/chromium';
export const screenshotDir: string = path.join(repoRoot, 'test-results', 'e2e');

/** Chromium flags that keep a headless run offline, quiet and independent of a GPU. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * User settings every scenario starts from: nothing may open on its own, steal focus or reach the network.
 * Workspace trust is off by default so no modal blocks the workbench; a scenario about trust turns it on.
 */
export const defaultSettings: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'editor.accessibilitySupport': 'off',
  'editor.minimap.enabled': false,
  'chat.commandCenter.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

const log = (message: string): void => {
  process.stderr.write(`[e2e] ${message}\n`);
};

// ---------------------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------------------

/** Asks the kernel for a free loopback port by binding port 0, then releases it for code-server. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('could not read the bound port');
  return address.port;
}

function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Runs a command to completion, collecting its output; rejects with that output when it fails. */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const timer = setTimeout(() => killTree(child, 'SIGKILL'), timeoutMs);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (code ${code}, signal ${signal}):\n${output}`);
  }
  return output;
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // A negative pid addresses the process group that `detached: true` created, which includes
    // code-server's extension host and file watcher children.
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

export interface StartCodeServerOptions {
  /** The folder to open; it is also passed on the command line so code-server knows its default folder. */
  workspace: string;
  /** One or more .vsix files installed into the fresh extensions folder before the server starts. */
  vsix?: string | readonly string[];
  /** User settings merged over `defaultSettings`. */
  settings?: Record<string, unknown>;
  /** How long to wait for the HTTP server to answer. */
  readyTimeoutMs?: number;
  /** Environment variables added to code-server's (its extension host and the language server inherit them). */
  env?: Record<string, string>;
}

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own stdout and stderr, for diagnosing a failed scenario. */
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts code-server on a free loopback port with a fresh user-data and extensions folder, installs the
 * given .vsix files, and resolves once its HTTP endpoint answers.
 */
export async function startCodeServer(options: StartCodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(codeServerBin)) {
    throw new Error(`code-server is not installed at ${codeServerBin}: run scripts/setup-code-server.sh first`);
  }
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-e2e-cs-'));
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  const configFile = path.join(base, 'config.yaml');
  const logFile = path.join(base, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // An explicit config keeps code-server from writing one with a password into the user's home.
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const settings = { ...defaultSettings, ...(options.settings ?? {}) };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const vsixes = options.vsix === undefined ? [] : typeof options.vsix === 'string' ? [options.vsix] : options.vsix;
  for (const vsix of vsixes) {
    const started = Date.now();
    const out = await run(codeServerBin, [...common, '--install-extension', path.resolve(vsix), '--force']);
    if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} did not report success:\n${out}`);
    log(`installed ${path.basename(vsix)} in ${Date.now() - started} ms`);
  }

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  // The port is free when picked but another process could take it before code-server binds it, so a start
  // that exits early is retried on a new port a bounded number of times.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const logStream = fs.createWriteStream(logFile, { flags: 'a' });
    const args = [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check'];
    // The flag turns trust off for the whole session, before any user setting is read.
    if (settings['security.workspace.trust.enabled'] === false) args.push('--disable-workspace-trust');
    args.push(path.resolve(options.workspace));
    const child = spawn(codeServerBin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...options.env } });
    child.stdout?.pipe(logStream);
    child.stderr?.pipe(logStream);
    let exited = false;
    const exitPromise = once(child, 'exit').then(() => {
      exited = true;
    });

    const started = Date.now();
    let ready = false;
    while (!exited && Date.now() < deadline) {
      // /healthz answers once the HTTP server is up; the workbench page itself is served by the same server.
      if ((await httpStatus(`${url}/healthz`, 1000)) === 200) {
        ready = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100)); // poll interval, not a readiness guess
    }
    if (ready) {
      log(`code-server answered on ${url} after ${Date.now() - started} ms (log: ${logFile})`);
      let stopped = false;
      return {
        url,
        port,
        userDataDir,
        extensionsDir,
        logFile,
        async stop() {
          if (stopped) return;
          stopped = true;
          killTree(child, 'SIGTERM');
          const timer = setTimeout(() => killTree(child, 'SIGKILL'), 5000);
          await exitPromise;
          clearTimeout(timer);
          // The extension host may outlive its parent for a moment; make sure the whole group is gone.
          killTree(child, 'SIGKILL');
          logStream.end();
          // A failed scenario (scenario() sets the exit code before cleanups run) keeps the profile and
          // log for diagnosis; a passing one leaves nothing behind.
          if (process.exitCode !== 1) fs.rmSync(base, { recursive: true, force: true });
        },
      };
    }
    killTree(child, 'SIGKILL');
    await exitPromise;
    logStream.end();
    const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    if (Date.now() >= deadline) throw new Error(`code-server did not answer within the deadline:\n${text}`);
    if (!/EADDRINUSE/.test(text)) throw new Error(`code-server exited before answering:\n${text}`);
    log(`port ${port} was taken (attempt ${attempt}); retrying on another port`);
  }
  throw new Error('code-server could not bind a free port after 3 attempts');
}

// ---------------------------------------------------------------------------------------------------------
// Browser and workbench
// ---------------------------------------------------------------------------------------------------------

export interface Workbench {
  browser: Browser;
  page: Page;
  /** Milliseconds from navigation to a visible workbench. */
  readyMs: number;
}

/** Opens the workbench for `folder` in headless chromium and resolves once it is visible. */
export async function openWorkbench(
  url: string,
  folder: string,
  options: { timeoutMs?: number; viewport?: { width: number; height: number } } = {},
): Promise<Workbench> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs], headless: true });
  try {
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.addInitScript(recordStatusTexts);
    const started = Date.now();
    await page.goto(`${url}/?folder=${encodeURIComponent(path.resolve(folder))}`, { timeout: options.timeoutMs ?? 60_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: options.timeoutMs ?? 60_000 });
    // The status bar is rendered with the workbench's parts; waiting for it means layout has happened.
    await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: options.timeoutMs ?? 60_000 });
    const readyMs = Date.now() - started;
    log(`workbench visible after ${readyMs} ms`);
    return { browser, page, readyMs };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** One change of an extension's status bar text, in milliseconds since the page started loading. */
export interface StatusChange {
  ms: number;
  text: string;
}

/**
 * Runs in the page before the workbench: records every new text of the status bar items that name Archlens with
 * its time, so a scenario can measure start-up (the item appears when the extension activates) without polling;
 * and every new count of the workbench's Problems item (its accessible label, "Warnings: 4, Infos: 7"), so it can
 * tell when diagnostics arrived.
 */
function recordStatusTexts(): void {
  const changes: { ms: number; text: string }[] = [];
  const problems: { ms: number; text: string }[] = [];
  (window as unknown as { __archlensStatus: typeof changes }).__archlensStatus = changes;
  (window as unknown as { __archlensProblems: typeof problems }).__archlensProblems = problems;
  let [last, lastProblems] = ['', ''];
  new MutationObserver((mutations) => {
    const inStatusBar = mutations.some((m) => {
      const el = m.target instanceof Element ? m.target : m.target.parentElement;
      return !!el?.closest('.part.statusbar');
    });
    if (!inStatusBar) return;
    const item = Array.from(document.querySelectorAll('.part.statusbar .statusbar-item-label')).find((l) => /Archlens/.test((l as HTMLElement).innerText));
    const text = item ? (item as HTMLElement).innerText.replace(/\s+/g, ' ').trim() : '';
    if (text && text !== last) changes.push({ ms: performance.now(), text });
    last = text;
    const counts = document.getElementById('status.problems');
    const label = counts?.querySelector('[aria-label]')?.getAttribute('aria-label') ?? counts?.getAttribute('aria-label') ?? '';
    if (label && label !== lastProblems) problems.push({ ms: performance.now(), text: label });
    lastProblems = label;
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-label'] });
}

/** The Archlens status bar texts the page has shown so far, in order, with their times. */
export async function statusTimeline(page: Page): Promise<StatusChange[]> {
  return page.evaluate(() => (window as unknown as { __archlensStatus?: { ms: number; text: string }[] }).__archlensStatus ?? []);
}

/** The Problems status bar item's counts as the page has shown them so far ("No Problems", "Warnings: 4, Infos: 7"). */
export async function problemsTimeline(page: Page): Promise<StatusChange[]> {
  return page.evaluate(() => (window as unknown as { __archlensProblems?: { ms: number; text: string }[] }).__archlensProblems ?? []);
}

/**
 * Answers the workspace trust modal, for scenarios that start with trust enabled: "Yes, I trust the authors"
 * by default, "No, I don't trust the authors" (restricted mode) with `trust: false`.
 */
export async function trustWorkspace(page: Page, trust = true): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible' });
  await dialog.getByRole('button', { name: trust ? /Yes, I trust/ : /No, I don.t trust/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The labels the command palette lists for `query` (without the leading `>`), once `expect` is among them. */
export async function paletteCommands(page: Page, query: string, expect: string): Promise<string[]> {
  await dismissNotifications(page);
  await page.locator('.monaco-workbench').press('F1');
  const widget = quickInput(page);
  await widget.waitFor({ state: 'visible' });
  await widget.locator('input.input').fill(`>${query}`);
  try {
    await widget.locator('.quick-input-list .monaco-list-row .label-name', { hasText: expect }).first().waitFor({ state: 'visible' });
    return (await widget.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
  } finally {
    await page.keyboard.press('Escape');
    await quickInputClosed(page);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------------------

/** The text of every notification toast currently on screen. */
export async function readNotifications(page: Page): Promise<string[]> {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  const texts = await toasts.locator('.notification-list-item-message').allInnerTexts();
  return texts.map((text) => text.trim()).filter((text) => text.length > 0);
}

/**
 * Closes every visible notification toast. Toasts take keyboard focus when they carry buttons, so
 * keyboard-driven helpers call this first.
 */
export async function dismissNotifications(page: Page): Promise<string[]> {
  const dismissed: string[] = [];
  const toasts = page.locator('.notifications-toasts .notification-toast:visible');
  for (let guard = 0; guard < 20 && (await toasts.count()) > 0; guard++) {
    const toast = toasts.first();
    dismissed.push((await toast.locator('.notification-list-item-message').innerText()).trim());
    await toast.hover();
    const clear = toast.locator('.codicon-notifications-clear');
    if ((await clear.count()) > 0) {
      await clear.first().click();
    } else {
      // A toast without a close action still goes away with Escape while it has focus.
      await toast.click();
      await page.keyboard.press('Escape');
    }
    await toast.waitFor({ state: 'detached' }).catch(() => undefined);
  }
  return dismissed;
}

// ---------------------------------------------------------------------------------------------------------
// Keyboard-driven commands
// ---------------------------------------------------------------------------------------------------------

const quickInput = (page: Page): Locator => page.locator('.quick-input-widget');

/** Waits until no modal input (palette, quick open) is showing. */
async function quickInputClosed(page: Page): Promise<void> {
  await quickInput(page).waitFor({ state: 'hidden' });
}

/**
 * Waits until a row of the open quick input carries `label`, then moves the keyboard focus onto that row.
 * Returns false when that does not happen within `timeoutMs`. The list refilters and re-renders while
 * results arrive, so the target row is looked up again after every key press.
 */
async function focusQuickInputRow(page: Page, label: string | RegExp, timeoutMs: number): Promise<boolean> {
  const spec = typeof label === 'string' ? { text: label, source: '', flags: '' } : { text: '', source: label.source, flags: label.flags };
  const deadline = Date.now() + timeoutMs;
  const state = (): Promise<{ target: number; focused: number; busy: boolean }> =>
    page.evaluate((s) => {
      const widget = document.querySelector('.quick-input-widget');
      const rows = Array.from(widget?.querySelectorAll('.quick-input-list .monaco-list-row') ?? []) as HTMLElement[];
      const matches = (t: string): boolean => (s.source ? new RegExp(s.source, s.flags).test(t) : t.trim() === s.text);
      const target = rows.find((row) => matches((row.querySelector('.label-name') as HTMLElement | null)?.innerText ?? ''));
      const focused = rows.find((row) => row.classList.contains('focused'));
      // The progress bar runs while a picker (e.g. file search) is still producing results.
      const busy = !!widget?.querySelector('.monaco-progress-container.active');
      return {
        target: target ? Number(target.getAttribute('data-index') ?? '-1') : -1,
        focused: focused ? Number(focused.getAttribute('data-index') ?? '-1') : -1,
        busy,
      };
    }, spec);
  for (;;) {
    const { target, focused, busy } = await state();
    if (target >= 0 && target === focused && !busy) return true;
    if (Date.now() >= deadline) return false;
    if (target < 0 || busy || focused < 0) {
      // Nothing to act on yet: wait for the list to change, bounded by the deadline.
      const before = JSON.stringify({ target, focused, busy });
      await page
        .waitForFunction(
          ([s, prev]) => {
            const widget = document.querySelector('.quick-input-widget');
            const rows = Array.from(widget?.querySelectorAll('.quick-input-list .monaco-list-row') ?? []) as HTMLElement[];
            const matches = (t: string): boolean => (s.source ? new RegExp(s.source, s.flags).test(t) : t.trim() === s.text);
            const t = rows.find((row) => matches((row.querySelector('.label-name') as HTMLElement | null)?.innerText ?? ''));
            const f = rows.find((row) => row.classList.contains('focused'));
            const now = JSON.stringify({
              target: t ? Number(t.getAttribute('data-index') ?? '-1') : -1,
              focused: f ? Number(f.getAttribute('data-index') ?? '-1') : -1,
              busy: !!widget?.querySelector('.monaco-progress-container.active'),
            });
            return now !== prev;
          },
          [spec, before] as const,
          { timeout: Math.max(1, deadline - Date.now()), polling: 50 },
        )
        .catch(() => undefined);
      continue;
    }
    await page.keyboard.press(focused < target ? 'ArrowDown' : 'ArrowUp');
    await page
      .waitForFunction(
        (old) => document.querySelector('.quick-input-widget .quick-input-list .monaco-list-row.focused')?.getAttribute('data-index') !== old,
        String(focused),
        { timeout: Math.max(1, Math.min(2000, deadline - Date.now())) },
      )
      .catch(() => undefined);
  }
}

/** Waits for a quick input whose title or placeholder (pickers without a title have one) matches `name`. */
async function quickInputNamed(page: Page, name: string | RegExp, timeoutMs: number): Promise<void> {
  const spec = typeof name === 'string' ? { text: name, source: '', flags: '' } : { text: '', source: name.source, flags: name.flags };
  await page.waitForFunction(
    (s) => {
      const widget = document.querySelector('.quick-input-widget') as HTMLElement | null;
      if (!widget || widget.style.display === 'none') return false;
      const title = (widget.querySelector('.quick-input-title') as HTMLElement | null)?.innerText ?? '';
      const placeholder = (widget.querySelector('input.input') as HTMLInputElement | null)?.placeholder ?? '';
      const matches = (t: string): boolean => (s.source ? new RegExp(s.source, s.flags).test(t) : t.includes(s.text));
      return matches(title) || matches(placeholder);
    },
    spec,
    { timeout: timeoutMs, polling: 50 },
  );
}

/**
 * Opens a quick input with `shortcut`, types `query` and presses Enter on the row labelled `label`.
 * Lists that are computed when the widget opens (commands contributed by an extension that is still
 * starting, a file index that is still being built) can miss the entry, so the widget is closed and
 * reopened until the entry shows up or the deadline passes.
 */
async function pickFromQuickInput(
  page: Page,
  shortcut: string,
  query: string,
  label: string | RegExp,
  timeoutMs = 30_000,
  next?: string | RegExp,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const widget = quickInput(page);
  for (let attempt = 1; ; attempt++) {
    await dismissNotifications(page);
    await page.locator('.monaco-workbench').press(shortcut);
    await widget.waitFor({ state: 'visible' });
    await widget.locator('input.input').fill(query);
    const perTry = Math.min(3000, Math.max(1, deadline - Date.now()));
    if (await focusQuickInputRow(page, label, perTry)) {
      await page.keyboard.press('Enter');
      // A command that asks something opens its own quick input in the same widget, which may never be seen hidden.
      if (next !== undefined) await quickInputNamed(page, next, Math.max(1, deadline - Date.now()));
      else await quickInputClosed(page);
      return;
    }
    const rows = await widget.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
    await page.keyboard.press('Escape');
    await quickInputClosed(page);
    if (Date.now() >= deadline) {
      throw new Error(`no quick input entry ${String(label)} for "${query}" after ${attempt} tries; rows: ${JSON.stringify(rows)}`);
    }
    log(`quick input had no ${String(label)} for "${query}" (try ${attempt}); reopening`);
  }
}

/**
 * Answers an input box a command opened (e.g. a title prompt): waits for it, types `text` and presses Enter.
 * Pass `title` to wait for that particular box (its title bar text).
 */
export async function answerInputBox(page: Page, text: string, options: { title?: string | RegExp } = {}): Promise<void> {
  const widget = quickInput(page);
  await widget.waitFor({ state: 'visible' });
  if (options.title !== undefined) await widget.locator('.quick-input-title', { hasText: options.title }).waitFor({ state: 'visible' });
  const input = widget.locator('input.input');
  await input.fill(text);
  await page.waitForFunction((t) => (document.querySelector('.quick-input-widget input.input') as HTMLInputElement | null)?.value === t, text);
  await input.press('Enter');
}

/**
 * Picks the row labelled `label` in a quick pick a command opened, by keyboard. Pass `title` to wait for that
 * particular pick first (the previous step's input box closes and this one opens in the same widget).
 */
export async function pickQuickInputRow(
  page: Page,
  label: string | RegExp,
  options: { title?: string | RegExp; timeoutMs?: number } = {},
): Promise<void> {
  const widget = quickInput(page);
  await widget.waitFor({ state: 'visible' });
  if (options.title !== undefined) await widget.locator('.quick-input-title', { hasText: options.title }).waitFor({ state: 'visible' });
  if (!(await focusQuickInputRow(page, label, options.timeoutMs ?? 20_000))) {
    const rows = await widget.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
    throw new Error(`no quick pick row ${String(label)}; rows: ${JSON.stringify(rows)}`);
  }
  await page.keyboard.press('Enter');
}

/**
 * Runs a command from the command palette (F1) by its exact title as the palette shows it. A command that opens
 * its own picker or input box names it in `opens` (its title or placeholder), and the run waits for that instead
 * of the palette closing.
 */
export async function runCommand(page: Page, title: string, timeoutMs?: number, options: { opens?: string | RegExp } = {}): Promise<void> {
  await pickFromQuickInput(page, 'F1', `>${title}`, title, timeoutMs, options.opens);
}

/** Opens a workspace file by quick open (Ctrl+P) and waits for its editor tab to be the active one. */
export async function openFile(page: Page, relativePath: string, timeoutMs?: number): Promise<void> {
  const basename = path.posix.basename(relativePath);
  await pickFromQuickInput(page, 'Control+P', relativePath, basename, timeoutMs);
  await waitForActiveEditor(page, basename);
}

/** Waits until the active editor tab has the given title (usually a file's base name). */
export async function waitForActiveEditor(page: Page, title: string): Promise<void> {
  await page
    .locator('.editor-group-container.active .tab.active .label-name', { hasText: title })
    .first()
    .waitFor({ state: 'visible' });
  await activeEditor(page).locator('.view-lines').waitFor({ state: 'visible' });
}

/** The text editor of the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

// ---------------------------------------------------------------------------------------------------------
// Pointer work in the editor
// ---------------------------------------------------------------------------------------------------------

export interface WordPosition {
  x: number;
  y: number;
}

/**
 * Finds the `occurrence`-th (1-based) visible occurrence of `word` in the active editor's rendered lines
 * and returns the screen point at its centre. Monaco renders each line as spans, so the word is located
 * with a DOM Range over the text nodes rather than guessed from character widths.
 */
export async function locateWord(page: Page, word: string, occurrence = 1): Promise<WordPosition> {
  const editor = activeEditor(page);
  await editor.locator('.view-lines').waitFor({ state: 'visible' });
  const handle = await editor.elementHandle();
  if (!handle) throw new Error('no active editor');
  const point = await page
    .waitForFunction(
      ({ root, word, occurrence }) => {
        const lines = Array.from((root as Element).querySelectorAll('.view-lines .view-line')) as HTMLElement[];
        // Rendered lines are absolutely positioned and not in document order; sort by their top.
        lines.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
        let seen = 0;
        for (const line of lines) {
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          const nodes: Text[] = [];
          let text = '';
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            nodes.push(n as Text);
            text += (n as Text).data;
          }
          // Monaco renders spaces as non-breaking spaces.
          text = text.replace(/\u00a0/g, ' ');
          for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            const before = at === 0 ? '' : text[at - 1];
            const after = text[at + word.length] ?? '';
            if (/\w/.test(before) || /\w/.test(after)) continue;
            if (++seen < occurrence) continue;
            // Map the character offset back to a text node; a word may span spans, so measure its middle.
            const middle = at + Math.floor(word.length / 2);
            let offset = 0;
            for (const node of nodes) {
              if (middle < offset + node.data.length) {
                const range = document.createRange();
                range.setStart(node, middle - offset);
                range.setEnd(node, middle - offset + 1);
                const rect = range.getBoundingClientRect();
                return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
              }
              offset += node.data.length;
            }
          }
        }
        return null;
      },
      { root: handle, word, occurrence },
    )
    .then((h) => h.jsonValue());
  await handle.dispose();
  if (!point) throw new Error(`word "${word}" not found in the active editor`);
  return point;
}

/** Places the text cursor on `word` by clicking it. */
export async function clickWord(page: Page, word: string, occurrence = 1): Promise<void> {
  const { x, y } = await locateWord(page, word, occurrence);
  await page.mouse.click(x, y);
}

/** A visible editor hover (not a workbench tooltip). */
const EDITOR_HOVER = '.monaco-hover:not(.hidden):not(.workbench-hover)';

/**
 * Hovers `word` in the active editor and returns the hover's text once it has content.
 * Pass `expect` to wait for the hover to contain that text (providers answer asynchronously).
 */
export async function hoverWord(
  page: Page,
  word: string,
  options: { occurrence?: number; expect?: string | RegExp; timeoutMs?: number } = {},
): Promise<string> {
  await dismissNotifications(page);
  // VS Code 1.100 renders editor hovers in an overflow layer outside `.monaco-editor`, so the hover is found
  // anywhere on the page; workbench tooltips (`.workbench-hover`) are not editor hovers.
  const hover = page.locator(EDITOR_HOVER).filter({ has: page.locator('.hover-contents, .monaco-hover-content') });
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  // Moving away first guarantees a fresh mouse-move onto the word, which is what starts the hover timer.
  for (let attempt = 0; ; attempt++) {
    // Located again on every attempt: code lenses and inlay hints that arrive late shift the text under a
    // point measured earlier.
    const { x, y } = await locateWord(page, word, options.occurrence ?? 1);
    await page.mouse.move(x, y - 200 > 0 ? y - 200 : y + 200);
    await page.mouse.move(x, y, { steps: 4 });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(1, deadline - Date.now())) });
      const contents = hover.first();
      if (options.expect !== undefined) {
        const expected = options.expect;
        await contents
          .filter({ hasText: expected })
          .waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) });
      } else {
        // "Loading..." is shown while providers run; wait for real content.
        await page.waitForFunction(
          (selector) => {
            const el = document.querySelector(selector) as HTMLElement | null;
            return !!el && el.innerText.trim().length > 0 && !/^Loading\.\.\.$/.test(el.innerText.trim());
          },
          EDITOR_HOVER,
          { timeout: Math.max(1, deadline - Date.now()) },
        );
      }
      return (await contents.innerText()).trim();
    } catch (error) {
      if (Date.now() >= deadline || attempt >= 3) throw error;
      log(`hover on "${word}" did not show (attempt ${attempt + 1}); moving the mouse again`);
    }
  }
}

/** Moves the mouse off any hover so it closes, and waits until it has. */
export async function closeHover(page: Page): Promise<void> {
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.locator(EDITOR_HOVER).first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

/**
 * Ctrl-clicks `word` (go to definition). Pass `expectEditor` to wait for that editor tab to become active.
 */
export async function ctrlClickWord(
  page: Page,
  word: string,
  options: { occurrence?: number; expectEditor?: string } = {},
): Promise<void> {
  await dismissNotifications(page);
  const { x, y } = await locateWord(page, word, options.occurrence ?? 1);
  await page.mouse.move(x, y);
  await page.keyboard.down('Control');
  try {
    await page.mouse.move(x, y + 1);
    await page.mouse.click(x, y);
  } finally {
    await page.keyboard.up('Control');
  }
  if (options.expectEditor) await waitForActiveEditor(page, options.expectEditor);
}

/** The 1-based line and column of the cursor in the active editor, as the status bar shows it. */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number }> {
  const item = page.locator('#status\\.editor\\.selection');
  await item.waitFor({ state: 'visible' });
  const text = await item.innerText();
  const match = /Ln (\d+), Col (\d+)/.exec(text);
  if (!match) throw new Error(`unexpected cursor status "${text}"`);
  return { line: Number(match[1]), column: Number(match[2]) };
}

// ---------------------------------------------------------------------------------------------------------
// Editing: quick fixes and completions
// ---------------------------------------------------------------------------------------------------------

/** Focuses the active editor's text input without moving the cursor. */
export async function focusEditor(page: Page): Promise<void> {
  await dismissNotifications(page);
  const editor = activeEditor(page);
  await editor.locator('.view-lines').waitFor({ state: 'visible' });
  // The hidden textarea (or the EditContext div) is what receives keystrokes.
  await editor.evaluate((el) => {
    const input = el.querySelector('textarea.inputarea, .native-edit-context') as HTMLElement | null;
    input?.focus();
  });
  await page.waitForFunction(() => !!document.activeElement?.closest('.monaco-editor'));
}

/**
 * Puts the cursor on `word`, opens the quick-fix menu (Ctrl+.) and picks the entry whose label contains
 * `label`. Returns the labels the menu offered.
 */
export async function applyQuickFix(page: Page, word: string, label: string | RegExp): Promise<string[]> {
  await dismissNotifications(page);
  await clickWord(page, word);
  await focusEditor(page);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ state: 'visible' });
  const rows = menu.locator('.monaco-list-row.action');
  await rows.first().waitFor({ state: 'visible' });
  const labels = (await rows.locator('.title').allInnerTexts()).map((t) => t.trim());
  const matches = (text: string): boolean => (typeof label === 'string' ? text.includes(label) : label.test(text));
  if (!labels.some(matches)) {
    await page.keyboard.press('Escape');
    throw new Error(`no quick fix ${String(label)}; offered: ${JSON.stringify(labels)}`);
  }
  // The menu sits under a pointer-blocking layer while it animates in, so it is driven by keyboard:
  // move the focus to the entry, then Enter.
  const focusedTitle = menu.locator('.monaco-list-row.action.focused .title').first();
  for (let guard = 0; guard <= labels.length * 2; guard++) {
    const current = (await focusedTitle.innerText({ timeout: 1000 }).catch(() => '')).trim();
    if (matches(current)) break;
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      (old) => (document.querySelector('.action-widget .monaco-list-row.action.focused .title') as HTMLElement | null)?.innerText.trim() !== old,
      current,
    );
  }
  if (!matches((await focusedTitle.innerText()).trim())) throw new Error(`quick fix ${String(label)} could not be focused`);
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
  return labels;
}

/**
 * Types `text` at the cursor, waits for the suggest widget, selects the suggestion labelled `label` and
 * accepts it with Enter (a snippet then inserts its body).
 */
export async function typeAndAcceptCompletion(page: Page, text: string, label: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.type(text);
  const widget = page.locator('.editor-widget.suggest-widget');
  // Quick suggestions open the widget by themselves in most languages; Ctrl+Space asks explicitly when they
  // are off (plain text, comments), so the wait is on the widget either way.
  const opened = await widget
    .waitFor({ state: 'visible', timeout: 3000 })
    .then(() => true)
    .catch(() => false);
  if (!opened) {
    await page.keyboard.press('Control+Space');
    await widget.waitFor({ state: 'visible' });
  }
  const rows = widget.locator('.monaco-list-row');
  const target = rows.filter({ has: page.locator('.label-name', { hasText: label }) }).first();
  await target.waitFor({ state: 'visible' });
  const focusedIsTarget = async (): Promise<boolean> =>
    ((await widget.locator('.monaco-list-row.focused .label-name').first().innerText().catch(() => '')) ?? '').trim() === label;
  for (let guard = 0; guard < 50 && !(await focusedIsTarget()); guard++) {
    await page.keyboard.press('ArrowDown');
  }
  if (!(await focusedIsTarget())) throw new Error(`completion "${label}" could not be focused`);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden' });
}

/** The active editor's visible lines of document text, top to bottom (non-breaking spaces made plain). */
export async function editorLines(page: Page): Promise<string[]> {
  const editor = activeEditor(page);
  return editor.evaluate((el) => {
    const lines = Array.from(el.querySelectorAll('.view-lines .view-line')) as HTMLElement[];
    lines.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    // Inlay hints (e.g. a decision's title after its reference) are injected spans styled by a dynamic rule
    // (`dyn-rule-*`); they are not document text. (Repeated in waitForEditorLine: page code cannot share it.)
    return lines.map((line) =>
      Array.from(line.querySelectorAll('span > span'))
        .filter((span) => !Array.from(span.classList).some((c) => c.startsWith('dyn-rule-')))
        .map((span) => span.textContent ?? '')
        .join('')
        .replace(/\u00a0/g, ' '),
    );
  });
}

/**
 * Waits until a rendered line of the active editor matches (equals a string, or matches a RegExp) and returns
 * it. Edits from the language server (quick fixes, snippets) render a moment after the key that asked for them.
 */
export async function waitForEditorLine(page: Page, match: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const spec = typeof match === 'string' ? { text: match, source: '', flags: '' } : { text: '', source: match.source, flags: match.flags };
  const editor = await activeEditor(page).elementHandle();
  if (!editor) throw new Error('no active editor');
  try {
    const handle = await page.waitForFunction(
      ({ root, s }) => {
        // Document text only, without injected inlay-hint spans, as in editorLines.
        const lines = Array.from((root as Element).querySelectorAll('.view-lines .view-line')).map((line) =>
          Array.from(line.querySelectorAll('span > span'))
            .filter((span) => !Array.from(span.classList).some((c) => c.startsWith('dyn-rule-')))
            .map((span) => span.textContent ?? '')
            .join('')
            .replace(/\u00a0/g, ' '),
        );
        return lines.find((l) => (s.source ? new RegExp(s.source, s.flags).test(l) : l === s.text)) ?? null;
      },
      { root: editor, s: spec },
      { timeout: timeoutMs },
    );
    return (await handle.jsonValue()) as string;
  } catch (error) {
    const lines = await editorLines(page).catch(() => []);
    throw new Error(`no editor line ${String(match)}; lines: ${JSON.stringify(lines)}\n${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await editor.dispose();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading workbench parts
// ---------------------------------------------------------------------------------------------------------

export interface StatusBarItem {
  /** The contribution id, e.g. `publisher.extension.itemId` or `status.editor.selection`. */
  id: string;
  text: string;
  ariaLabel: string;
}

/** Every status bar entry currently shown. */
export async function readStatusBar(page: Page): Promise<StatusBarItem[]> {
  await page.locator('.part.statusbar').waitFor({ state: 'visible' });
  return page.locator('.part.statusbar .statusbar-item').evaluateAll((items) =>
    items
      .filter((item) => (item as HTMLElement).offsetParent !== null)
      .map((item) => {
        const label = item.querySelector('.statusbar-item-label') as HTMLElement | null;
        return {
          id: item.id,
          text: (label?.innerText ?? (item as HTMLElement).innerText ?? '').replace(/\s+/g, ' ').trim(),
          ariaLabel: label?.getAttribute('aria-label') ?? item.getAttribute('aria-label') ?? '',
        };
      }),
  );
}

/** Waits for a status bar entry whose text matches, and returns it. */
export async function waitForStatusBarItem(page: Page, text: string | RegExp, timeoutMs = 20_000): Promise<StatusBarItem> {
  const locator = page.locator('.part.statusbar .statusbar-item').filter({ hasText: text }).first();
  await locator.waitFor({ state: 'visible', timeout: timeoutMs });
  const items = await readStatusBar(page);
  const found = items.find((item) => (typeof text === 'string' ? item.text.includes(text) : text.test(item.text)));
  if (!found) throw new Error(`status bar item ${String(text)} vanished`);
  return found;
}

export interface ProblemEntry {
  /** The file the problem belongs to, as the Problems tree groups it (its base name). */
  file: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** The diagnostic's source, e.g. "archlens". */
  source: string;
  /** The diagnostic's code, e.g. "ADR001"; empty when it has none. */
  code: string;
  /** 1-based line and column from the rendered "[Ln 3, Col 5]". */
  line: number;
  column: number;
  /** The row's accessible description, which carries all of the above in one sentence. */
  ariaLabel: string;
}

/**
 * Opens the Problems panel and reads every entry, grouped files expanded as VS Code shows them by
 * default. Pass `atLeast` to wait for diagnostics that arrive after the file opened.
 */
export async function readProblems(
  page: Page,
  options: { atLeast?: number; timeoutMs?: number; filter?: string; until?: (entries: ProblemEntry[]) => boolean } = {},
): Promise<ProblemEntry[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const rows = await readProblemRows(page, options);
  if (!options.until) return rows;
  // The panel's filter and the server's diagnostics both arrive a moment later than the keystrokes that asked
  // for them, so the rows are read again until the caller's condition holds, bounded by the deadline.
  for (let entries = rows; ; entries = await readProblemRows(page, {})) {
    if (options.until(entries)) return entries;
    if (Date.now() >= deadline) return entries;
    await new Promise((resolve) => setTimeout(resolve, 100)); // poll interval, not a readiness guess
  }
}

async function readProblemRows(
  page: Page,
  options: { atLeast?: number; timeoutMs?: number; filter?: string },
): Promise<ProblemEntry[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  }
  await panel.waitFor({ state: 'visible' });
  if (options.filter !== undefined) {
    // The tree is virtualised: only rows that fit are rendered, so a workspace with many problems is narrowed
    // with the panel's own filter box (it matches message, source, code and file) before reading.
    const input = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill(options.filter);
    const expected = options.filter;
    await page.waitForFunction(
      (text) => {
        const el = document.querySelector('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input') as HTMLInputElement | null;
        return el?.value === text;
      },
      expected,
    );
  }
  if (options.atLeast) {
    await page.waitForFunction(
      (n) => document.querySelectorAll('.markers-panel .monaco-list-row .marker-icon').length >= n,
      options.atLeast,
      { timeout: options.timeoutMs ?? 20_000 },
    );
  }
  return panel.locator('.monaco-list-row').evaluateAll((rows) => {
    const entries: {
      file: string;
      message: string;
      severity: 'error' | 'warning' | 'info';
      source: string;
      code: string;
      line: number;
      column: number;
      ariaLabel: string;
    }[] = [];
    let file = '';
    // The tree is virtualised and rows are absolutely positioned; their top gives the visual order.
    const sorted = (rows as HTMLElement[]).slice().sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    for (const row of sorted) {
      const text = (sel: string): string => ((row.querySelector(sel) as HTMLElement | null)?.innerText ?? '').trim();
      const icon = row.querySelector('.marker-icon');
      if (!icon) {
        // A resource row: the file that the following marker rows belong to.
        file = text('.label-name') || file;
        continue;
      }
      const severity = icon.classList.contains('error') ? 'error' : icon.classList.contains('warning') ? 'warning' : 'info';
      const position = /Ln (\d+), Col (\d+)/.exec(text('.marker-line'));
      entries.push({
        file,
        message: text('.marker-message'),
        severity,
        source: text('.marker-source'),
        code: text('.marker-code'),
        line: position ? Number(position[1]) : 0,
        column: position ? Number(position[2]) : 0,
        ariaLabel: row.getAttribute('aria-label') ?? '',
      });
    }
    return entries;
  });
}

/**
 * The titles of the code lenses shown in the active editor, top to bottom and left to right. Pass `expect` to
 * wait until a lens containing that text is rendered (lenses arrive after the language server answers).
 */
export async function readCodeLenses(page: Page, options: { expect?: string | RegExp; timeoutMs?: number } = {}): Promise<string[]> {
  const editor = activeEditor(page);
  await editor.locator('.view-lines').waitFor({ state: 'visible' });
  const lens = editor.locator('.codelens-decoration a');
  if (options.expect !== undefined) {
    await lens.filter({ hasText: options.expect }).first().waitFor({ state: 'visible', timeout: options.timeoutMs ?? 20_000 });
  } else {
    await lens.first().waitFor({ state: 'visible', timeout: options.timeoutMs ?? 20_000 });
  }
  return editor.locator('.codelens-decoration').evaluateAll((decorations) =>
    (decorations as HTMLElement[])
      .slice()
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .flatMap((d) => Array.from(d.querySelectorAll('a')).map((a) => (a.textContent ?? '').replace(/\u00a0/g, ' ').trim())),
  );
}

/**
 * Checks that every code lens of the active editor and the open editor hover, if any, lie wholly inside the
 * editor's text area: a lens or hover cut at the edge hides exactly the words at its end. Returns what was
 * measured, for messages.
 */
export async function checkLensesAndHoverVisible(page: Page, what: string): Promise<{ lenses: number; hover: boolean }> {
  const editor = activeEditor(page);
  const area = await editor.locator('.monaco-scrollable-element.editor-scrollable').first().boundingBox();
  const part = await page.locator('.part.editor').first().boundingBox();
  const viewport = page.viewportSize();
  check(area, `${what}: no editor text area to measure`);
  check(part, `${what}: no editor part to measure`);
  check(viewport, `${what}: no viewport`);
  const inside = (box: { x: number; y: number; width: number; height: number }, outer: { x: number; width: number }) =>
    box.x >= outer.x - 1 && box.x + box.width <= outer.x + outer.width + 1;
  const lensBoxes = await editor.locator('.codelens-decoration a').evaluateAll((links) =>
    (links as HTMLElement[]).map((a) => {
      const r = a.getBoundingClientRect();
      return { text: (a.textContent ?? '').replace(/\u00a0/g, ' ').trim(), x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  for (const box of lensBoxes) {
    check(inside(box, area), `${what}: code lens "${box.text}" is cut at the editor's edge (${Math.round(box.x + box.width)} > ${Math.round(area.x + area.width)} px)`);
  }
  const hover = page.locator(EDITOR_HOVER).filter({ has: page.locator('.hover-contents, .monaco-hover-content') }).first();
  let hoverShown = false;
  if (await hover.isVisible().catch(() => false)) {
    hoverShown = true;
    const box = await hover.boundingBox();
    check(box, `${what}: hover without a box`);
    check(inside(box, part), `${what}: the hover reaches past the editor (${Math.round(box.x)}..${Math.round(box.x + box.width)} px, editor ${Math.round(part.x)}..${Math.round(part.x + part.width)} px)`);
    check(box.y >= 0 && box.y + box.height <= viewport.height + 1, `${what}: the hover is cut at the top or bottom of the window`);
  }
  return { lenses: lensBoxes.length, hover: hoverShown };
}

/**
 * Opens the activity-bar view container with the given title (its hover title, e.g. "Archlens"), and
 * returns the labels of the tree items in its views, top to bottom. Pass `atLeast` to wait for a
 * lazily filled tree.
 */
export async function openViewContainer(
  page: Page,
  title: string,
  options: { atLeast?: number; timeoutMs?: number; view?: string } = {},
): Promise<string[]> {
  await dismissNotifications(page);
  const action = page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${title.replace(/"/g, '\\"')}"]`).first();
  await action.waitFor({ state: 'visible' });
  const item = action.locator('xpath=..');
  const checked = (await item.getAttribute('aria-selected')) === 'true' || /\bchecked\b/.test((await item.getAttribute('class')) ?? '');
  if (!checked) await action.click();
  const sidebar = page.locator('.part.sidebar');
  await sidebar.locator('.composite.title h2', { hasText: title }).first().waitFor({ state: 'visible' });
  return readTreeItems(page, options);
}

/**
 * The labels of the tree rows in the side bar's views, top to bottom. Pass `view` (a view's name, e.g.
 * "Decisions") to read only that view's rows: with several views in a container the others' rows would
 * otherwise be mixed in, and a lazily filled view is only waited for when its own rows are counted.
 * Trees are virtualised (only rows that fit are rendered), so call `showOnlyView` first to read a long one.
 */
export async function readTreeItems(
  page: Page,
  options: { atLeast?: number; timeoutMs?: number; view?: string } = {},
): Promise<string[]> {
  const handle = await page.waitForFunction(
    ({ view, atLeast }) => {
      const panes = Array.from(document.querySelectorAll('.part.sidebar .split-view-view .pane')) as HTMLElement[];
      const scoped =
        view === null
          ? panes
          : panes.filter((pane) => {
              // Pane titles are upper-cased by CSS, which innerText would apply; textContent is the name itself.
              const title = pane.querySelector('.pane-header .title')?.textContent?.trim().toLowerCase();
              return title === view.toLowerCase();
            });
      const rows = scoped.flatMap((pane) => Array.from(pane.querySelectorAll('.pane-body .monaco-list-row')) as HTMLElement[]);
      if (rows.length < atLeast) return null;
      return rows
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((row) => ((row.querySelector('.label-name') as HTMLElement | null)?.innerText ?? row.innerText).trim());
    },
    { view: options.view ?? null, atLeast: options.atLeast ?? 1 },
    { timeout: options.timeoutMs ?? 20_000 },
  );
  const labels = (await handle.jsonValue()) as string[];
  await handle.dispose();
  return labels;
}

/**
 * Expands the side-bar view named `view` and collapses the other views of its container, so its tree gets the
 * whole height (and a screenshot shows it alone). Waits until the headers say so.
 */
export async function showOnlyView(page: Page, view: string): Promise<void> {
  const headers = page.locator('.part.sidebar .split-view-view .pane .pane-header');
  const count = await headers.count();
  let found = false;
  for (let i = 0; i < count; i++) {
    const header = headers.nth(i);
    const title = ((await header.locator('.title').first().textContent()) ?? '').trim();
    const wanted = title.toLowerCase() === view.toLowerCase();
    found ||= wanted;
    const expanded = (await header.getAttribute('aria-expanded')) === 'true';
    if (expanded !== wanted) {
      await header.click({ position: { x: 30, y: 10 } });
      await page.waitForFunction(
        ([el, state]) => (el as Element).getAttribute('aria-expanded') === state,
        [await header.elementHandle(), String(wanted)] as const,
      );
    }
  }
  if (!found) throw new Error(`no side-bar view named ${view}`);
}

// ---------------------------------------------------------------------------------------------------------
// Evidence and scenario plumbing
// ---------------------------------------------------------------------------------------------------------

/**
 * Saves a screenshot to test-results/e2e/<name>.png and returns its path: the whole window, or only the part
 * `of` covers (e.g. `page.locator('.part.editor')`, for a smaller picture for documentation).
 */
export async function screenshot(page: Page, name: string, options: { of?: Locator } = {}): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  if (options.of) await options.of.screenshot({ path: file });
  else await page.screenshot({ path: file });
  return file;
}

/** Packages an extension folder with the repository's vsce and returns the .vsix path. */
export async function packageExtension(extensionDir: string, outFile: string): Promise<string> {
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  if (!fs.existsSync(vsce)) throw new Error(`vsce is not installed at ${vsce}`);
  await run(
    vsce,
    ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--skip-license', '--out', outFile],
    { cwd: extensionDir, timeoutMs: 120_000 },
  );
  if (!fs.existsSync(outFile)) throw new Error(`vsce did not write ${outFile}`);
  return outFile;
}

/**
 * The Archlens .vsix the scenarios install: the one run-e2e.mjs built or checked (ARCHLENS_E2E_VSIX), else
 * archlens.vsix at the repository root.
 */
export function archlensVsix(): string {
  const vsix = process.env.ARCHLENS_E2E_VSIX ? path.resolve(process.env.ARCHLENS_E2E_VSIX) : path.join(repoRoot, 'archlens.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` (or \`npm run test:e2e\`, which builds it)`);
  return vsix;
}

/**
 * Materialises the example workspace (examples/data-platform) as a git repository with its dated history in a
 * fresh temp folder, the way a user would have it checked out, and returns the folder.
 */
export async function materialiseExample(): Promise<string> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-e2e-ws-'));
  const dir = path.join(parent, 'data-platform');
  await run(process.execPath, [path.join(repoRoot, 'scripts', 'make-example-repo.mjs'), dir], { cwd: repoRoot, timeoutMs: 60_000 });
  return dir;
}

/** What a scenario body gets from `scenario()`. */
export interface ScenarioContext {
  cleanup: (fn: () => Promise<void> | void) => void;
  onFailureShot: (page: Page) => void;
}

export interface ScenarioWorkbench {
  workspace: string;
  server: CodeServer;
  browser: Browser;
  page: Page;
}

/**
 * The start of most scenarios: a workspace (the materialised example unless one is given, removed afterwards),
 * code-server with the Archlens .vsix installed, and the workbench open on it in chromium, each stopped by the
 * scenario's cleanups, with the page shot if the scenario fails.
 */
export async function startScenarioWorkbench(
  { cleanup, onFailureShot }: ScenarioContext,
  options: {
    workspace?: string;
    settings?: Record<string, unknown>;
    env?: Record<string, string>;
    viewport?: { width: number; height: number };
  } = {},
): Promise<ScenarioWorkbench> {
  const workspace = options.workspace ?? (await materialiseExample());
  cleanup(() => fs.rmSync(path.dirname(workspace), { recursive: true, force: true }));
  const server = await startCodeServer({ workspace, vsix: archlensVsix(), settings: options.settings, env: options.env });
  cleanup(() => server.stop());
  const { browser, page } = await openWorkbench(server.url, workspace, options.viewport ? { viewport: options.viewport } : {});
  cleanup(() => browser.close());
  onFailureShot(page);
  return { workspace, server, browser, page };
}

/** Simple assertion that reports both sides; scenarios use it instead of a test framework. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${message}`);
}

/**
 * Runs a scenario body with cleanup callbacks that always run (in reverse order), a deadline, and a
 * screenshot of the failing state. Sets the process exit code; run-e2e.mjs reads it.
 */
export async function scenario(
  name: string,
  body: (ctx: ScenarioContext) => Promise<void>,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const cleanups: (() => Promise<void> | void)[] = [];
  let failurePage: Page | undefined;
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 180_000;
  let timer: NodeJS.Timeout | undefined;
  let interrupt: ((signal: NodeJS.Signals) => void) | undefined;
  // A runner that gives up on this scenario sends SIGTERM; turning it into a failure lets the cleanups
  // stop code-server and chromium instead of leaving them running.
  const interrupted = new Promise<never>((_, reject) => {
    interrupt = (signal) => reject(new Error(`scenario "${name}" interrupted by ${signal}`));
  });
  const onSignal = (signal: NodeJS.Signals): void => interrupt?.(signal);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    await Promise.race([
      body({ cleanup: (fn) => cleanups.push(fn), onFailureShot: (page) => (failurePage = page) }),
      interrupted,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`scenario "${name}" exceeded ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    log(`scenario "${name}" passed in ${Date.now() - started} ms`);
    process.exitCode = 0;
  } catch (error) {
    process.exitCode = 1;
    log(`scenario "${name}" failed after ${Date.now() - started} ms: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    if (failurePage) {
      const shot = await screenshot(failurePage, `${name}-failure`).catch(() => undefined);
      if (shot) log(`failure screenshot: ${shot}`);
    }
  } finally {
    if (timer) clearTimeout(timer);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
