// A newcomer's first hour with Archlens installed from its .vsix, on the data-platform example with its git history:
// ask "why kafka connect?" and land on the sentence that answers, walk the "Tour This Architecture" walkthrough
// (opened the way a person opens it, from Welcome: Open Walkthrough…), and open a decision from the Decision Graph
// panel by clicking its node in the webview.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import {
  activeEditor,
  check,
  cursorPosition,
  pickQuickInputRow,
  runCommand,
  scenario,
  startScenarioWorkbench,
  screenshot,
  waitForActiveEditor,
  waitForStatusBarItem,
} from './harness';

/** The document of a webview panel: VS Code hosts it in an iframe that holds the page's own iframe. */
function webviewContent(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

void scenario('onboarding', async (ctx) => {
  const { workspace, page } = await startScenarioWorkbench(ctx, { viewport: { width: 1280, height: 800 } });
  await waitForStatusBarItem(page, /Archlens: ready/, 60_000);
  const fileLines = (relative: string): string[] => fs.readFileSync(path.join(workspace, relative), 'utf8').split('\n');

  // Why…?: a question typed into the picker; the ranked answers show the sentence that answers; Enter opens it.
  await runCommand(page, 'Archlens: Why…?', undefined, { opens: 'Archlens: Why…?' });
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input.input').fill('why kafka connect');
  const top = widget.locator('.quick-input-list .monaco-list-row').first();
  // A row holds two .label-name elements: the label, then the detail line.
  await top.locator('.label-name', { hasText: 'Kafka Connect and Debezium' }).first().waitFor({ state: 'visible', timeout: 20_000 });
  const topLabel = await top.locator('.label-name').first().innerText();
  check(/^ADR-0007 Kafka Connect and Debezium for change data capture$/.test(topLabel.trim()), `top answer ${JSON.stringify(topLabel)}`);
  const sentence = (await top.locator('.label-name').nth(1).innerText()).trim();
  check(sentence.length > 20 && !/[*`[\]]/.test(sentence), `the answer's sentence is plain text: ${JSON.stringify(sentence)}`);
  await screenshot(page, 'why');
  await screenshot(page, 'readme-why', { of: page.locator('.quick-input-widget') });
  await pickQuickInputRow(page, /Kafka Connect and Debezium/);
  const decisionFile = 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md';
  await waitForActiveEditor(page, path.basename(decisionFile));
  const at = await cursorPosition(page);
  const answered = fileLines(decisionFile)[at.line - 1] ?? '';
  check(answered.includes(sentence.slice(0, 24).replace(/^"|"$/g, '')), `the cursor is on the answering line ${at.line}: ${JSON.stringify(answered)} (answer ${JSON.stringify(sentence)})`);

  // The walkthrough, opened from the palette's walkthrough picker; its first step's button opens the overview.
  await runCommand(page, 'Welcome: Open Walkthrough...', undefined, { opens: /walkthrough/i });
  await pickQuickInputRow(page, 'Tour This Architecture');
  const walkthrough = page.locator('.gettingStartedContainer');
  await walkthrough.locator('.getting-started-step .step-title', { hasText: 'Start with the overview' }).waitFor({ state: 'visible', timeout: 20_000 });
  const stepTitles = await walkthrough.locator('.getting-started-step .step-title').allInnerTexts();
  for (const title of ['Start with the overview', 'Walk the architecture views', 'Read the decisions the code cites most', 'Learn the words the team uses', 'Ask why']) {
    check(stepTitles.some((t) => t.trim() === title), `walkthrough step "${title}" in ${JSON.stringify(stepTitles)}`);
  }
  await screenshot(page, 'walkthrough');
  await screenshot(page, 'readme-walkthrough', { of: page.locator('.part.editor') });
  await walkthrough.locator('.getting-started-step', { hasText: 'Start with the overview' }).locator('.step-title').click();
  await walkthrough.locator('a.monaco-button, .monaco-button', { hasText: 'Open the overview' }).first().click();
  await waitForActiveEditor(page, 'index.md');
  const overview = fileLines('docs/index.md');
  check(overview.some((l) => /^#\s/.test(l)), 'docs/index.md is the overview with a title');
  // The overview step may list the documents it points to; close that list to go on.
  await page.keyboard.press('Escape');

  // The views step opens the first architecture view and lists its elements; picking one opens its code.
  await runCommand(page, 'Welcome: Open Walkthrough...', undefined, { opens: /walkthrough/i });
  await pickQuickInputRow(page, 'Tour This Architecture');
  await walkthrough.locator('.getting-started-step', { hasText: 'Walk the architecture views' }).locator('.step-title').click();
  await walkthrough.locator('a.monaco-button, .monaco-button', { hasText: 'Show the views' }).first().click();
  await pickQuickInputRow(page, 'Kafka Connect workers', { title: /Component-and-connector view/i });
  await waitForActiveEditor(page, 'values.yaml');

  // The Decision Graph: a webview that draws every decision of the example; a click on a node opens its decision.
  // The side bar closed gives the picture the whole window.
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'Archlens: Show Decision Graph');
  const graph = webviewContent(page);
  const nodes = graph.locator('#graph g.node');
  await nodes.first().waitFor({ state: 'visible', timeout: 30_000 });
  const ids = await nodes.evaluateAll((all) => all.map((n) => n.getAttribute('data-id') ?? ''));
  const onDisk = fs.readdirSync(path.join(workspace, 'docs', 'adr')).filter((f) => /^\d{4}-.*\.md$/.test(f));
  check(ids.length >= onDisk.length, `the graph draws ${ids.length} nodes for ${onDisk.length} decisions: ${JSON.stringify(ids)}`);
  const edges = await graph.locator('#graph g.edge').count();
  check(edges >= 2, `the graph draws supersede and relation edges: ${edges}`);
  await screenshot(page, 'decision-graph');
  await screenshot(page, 'readme-decision-graph', { of: page.locator('.part.editor') });
  // The status filter redraws the picture with the superseded decisions only; "all" brings every node back.
  await graph.locator('#status').selectOption('superseded');
  await graph.locator('#graph g.node').nth(ids.length - 1).waitFor({ state: 'detached', timeout: 20_000 });
  const superseded = await graph.locator('#graph g.node').evaluateAll((all) => all.map((n) => n.getAttribute('data-id') ?? ''));
  check(superseded.length > 0 && superseded.length < ids.length, `the superseded filter keeps ${JSON.stringify(superseded)}`);
  check(superseded.some((id) => id.includes('0003-')) && superseded.every((id) => !id.includes('0007-')), `superseded only: ${JSON.stringify(superseded)}`);
  await screenshot(page, 'decision-graph-superseded');
  await graph.locator('#status').selectOption('');
  await graph.locator('#graph g.node').nth(ids.length - 1).waitFor({ state: 'attached', timeout: 20_000 });
  const node = graph.locator(`#graph g.node[data-id="${decisionFile.replace(/\.md$/, '')}"]`);
  await node.click();
  await waitForActiveEditor(page, path.basename(decisionFile));
  const cursor = await cursorPosition(page);
  check(/^#\s/.test(fileLines(decisionFile)[cursor.line - 1] ?? ''), `the click opened the decision at its title, line ${cursor.line}`);
  check(await activeEditor(page).isVisible(), 'the decision is in a text editor');
});
