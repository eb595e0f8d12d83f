// Stale documentation, and the fixes Archlens suggests, in a real VS Code on the data-platform example with its git
// history: "Show Code Changes Since Documented" on a stale governed file opens VS Code's own diff editor against
// the revision its documentation last changed in, and "Suggest Governed Code" on the decision that governs nothing
// yet writes the picked glob into its front matter with an edit that Undo takes back.
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import {
  check,
  editorLines,
  focusEditor,
  openFile,
  readCodeLenses,
  runCommand,
  scenario,
  screenshot,
  startScenarioWorkbench,
  waitForActiveEditor,
  waitForEditorLine,
  waitForStatusBarItem,
} from './harness';

/** Changed in 2025 after the component-and-connector view that names console/src/ last changed (2024-09-16). */
const STALE_CODE = 'console/src/freshness.ts';
const VIEW = 'docs/architecture/component-and-connector-view.md';
/** The decision that names no code: its governs is suggested (scripts/make-example-repo.mjs, the example's README). */
const MEDALLION = 'docs/adr/0004-medallion-layers-in-the-lakehouse.md';
const GLOB = 'dbt/models/marts/**';

/** The rendered document lines of one side of the active diff editor, inlay hints left out (as editorLines). */
async function diffSide(page: Page, side: 'original' | 'modified'): Promise<string[]> {
  const editor = page.locator(`.editor-group-container.active .monaco-diff-editor .editor.${side}`).first();
  await editor.locator('.view-lines').waitFor({ state: 'visible' });
  return editor.evaluate((el) =>
    Array.from(el.querySelectorAll('.view-lines .view-line'))
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((line) =>
        Array.from(line.querySelectorAll('span > span'))
          .filter((span) => !Array.from(span.classList).some((c) => c.startsWith('dyn-rule-')))
          .map((span) => span.textContent ?? '')
          .join('')
          .replace(/\u00a0/g, ' '),
      ),
  );
}

/** Waits until one side of the active diff editor shows `line` (its content arrives from the language server). */
async function waitForDiffLine(page: Page, side: 'original' | 'modified', line: string): Promise<void> {
  const selector = `.editor-group-container.active .monaco-diff-editor .editor.${side} .view-lines`;
  await page
    .waitForFunction(
      ({ selector, line }) =>
        Array.from(document.querySelectorAll(`${selector} .view-line`)).some(
          (l) =>
            Array.from(l.querySelectorAll('span > span'))
              .filter((span) => !Array.from(span.classList).some((c) => c.startsWith('dyn-rule-')))
              .map((span) => span.textContent ?? '')
              .join('')
              .replace(/\u00a0/g, ' ') === line,
        ),
      { selector, line },
      { timeout: 30_000 },
    )
    .catch(async (error: unknown) => {
      throw new Error(`the ${side} side shows no line ${JSON.stringify(line)}: ${JSON.stringify(await diffSide(page, side))}\n${String(error)}`);
    });
}

void scenario(
  'staleness',
  async (ctx) => {
    const { workspace, page } = await startScenarioWorkbench(ctx, { viewport: { width: 1280, height: 800 } });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8' });
    await waitForStatusBarItem(page, /Archlens: ready · \d+ stale/, 90_000);
    // Side by side needs the width: the diff editor turns inline when space is short.
    await runCommand(page, 'View: Close Primary Side Bar');

    // A governed file whose documentation is behind: its lens says so; the command diffs it against that revision.
    await openFile(page, STALE_CODE);
    const lenses = await readCodeLenses(page, { expect: /commits? behind/ });
    check(lenses.some((l) => l.startsWith('⚠ ') && l.includes('behind')), `code lenses of ${STALE_CODE}: ${JSON.stringify(lenses)}`);
    await runCommand(page, 'Archlens: Show Code Changes Since Documented');
    const tab = page.locator('.editor-group-container.active .tab.active .label-name', { hasText: /freshness\.ts \(since [0-9a-f]{7}\)/ });
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    const title = (await tab.innerText()).trim();
    const base = /\(since ([0-9a-f]{7})\)/.exec(title)![1];
    // The documented revision is the view's last commit, not an older or a newer one.
    const documented = git('log', '-1', '--format=%h', '--abbrev=7', '--', VIEW).trim();
    check(base === documented, `the diff is against ${base}; the view last changed in ${documented}`);
    const diff = page.locator('.editor-group-container.active .monaco-diff-editor');
    await diff.waitFor({ state: 'visible' });
    check((await diff.locator('.editor.original').count()) === 1 && (await diff.locator('.editor.modified').count()) === 1, 'the diff editor shows both sides');
    // Left: the file at the documented revision; right: the file as it is. A line only each side has shows there.
    const before = git('show', `${base}:${STALE_CODE}`).split('\n');
    const now = git('show', `HEAD:${STALE_CODE}`).split('\n');
    const removed = before.find((l) => l.trim() !== '' && !now.includes(l));
    const added = now.find((l) => l.trim() !== '' && !before.includes(l));
    check(removed !== undefined && added !== undefined, `${STALE_CODE} changed since ${base}`);
    await waitForDiffLine(page, 'original', removed);
    await waitForDiffLine(page, 'modified', added);
    check(!(await diffSide(page, 'modified')).includes(removed), `the working tree side has no ${JSON.stringify(removed)}`);
    check(!(await diffSide(page, 'original')).includes(added), `the documented side has no ${JSON.stringify(added)}`);
    await screenshot(page, 'show-code-changes');

    // Suggest Governed Code on the decision that governs nothing: pick the marts, and governs: appears.
    await openFile(page, MEDALLION);
    check(!(await editorLines(page)).includes('governs:'), `${MEDALLION} has no governs: yet`);
    await runCommand(page, 'Archlens: Suggest Governed Code', undefined, { opens: /Code governed by ADR-0004/ });
    const widget = page.locator('.quick-input-widget');
    const row = widget.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: GLOB }) }).first();
    await row.waitFor({ state: 'visible' });
    const labels = (await widget.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) =>
      rows.map((r) => (r.querySelector('.label-name') as HTMLElement | null)?.innerText.trim() ?? ''),
    )) as string[];
    check(labels[0] === GLOB, `the picker ranks ${GLOB} first: ${JSON.stringify(labels)}`);
    const detail = await row.innerText();
    check(/changed with the decision in [0-9a-f]{7}/.test(detail), `the candidate's evidence is under it: ${JSON.stringify(detail)}`);
    await screenshot(page, 'suggest-governed-code');
    // A multi-select picker: a click on the row checks it, OK accepts the checked rows.
    await row.locator('label.quick-input-list-label').click();
    await page.waitForFunction(
      (glob) =>
        Array.from(document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')).some(
          (r) => (r.querySelector('.label-name') as HTMLElement | null)?.innerText.trim() === glob && r.getAttribute('aria-checked') === 'true',
        ),
      GLOB,
    );
    await widget.locator('.quick-input-action .monaco-button', { hasText: 'OK' }).click();
    await widget.waitFor({ state: 'hidden' });
    await waitForActiveEditor(page, '0004-medallion-layers-in-the-lakehouse.md');
    await waitForEditorLine(page, 'governs:');
    await waitForEditorLine(page, `  - ${GLOB}`);
    await screenshot(page, 'suggest-governed-code-accepted');

    // The edit is one undo step in the editor.
    await focusEditor(page);
    await page.keyboard.press('Control+Z');
    await page.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')).some((l) =>
          (l.textContent ?? '').replace(/\u00a0/g, ' ').startsWith('governs:'),
        ),
      undefined,
      { timeout: 20_000 },
    );
    const after = await editorLines(page);
    check(!after.includes('governs:') && !after.includes(`  - ${GLOB}`), `after Undo: ${JSON.stringify(after.slice(0, 12))}`);
  },
  { timeoutMs: 240_000 },
);
