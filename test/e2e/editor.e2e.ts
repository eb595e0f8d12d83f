// Reading code with Archlens installed from its .vsix: the status bar counts, glossary and decision hovers,
// Ctrl+click to a decision, the code lens of a governed file and the Problems panel, on the data-platform example
// checked out with its dated git history (which the staleness warnings need).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  check,
  checkLensesAndHoverVisible,
  closeHover,
  ctrlClickWord,
  cursorPosition,
  hoverWord,
  openFile,
  type ProblemEntry,
  readCodeLenses,
  pickQuickInputRow,
  readProblems,
  scenario,
  startScenarioWorkbench,
  screenshot,
  screenshotDir,
  statusTimeline,
  waitForActiveEditor,
  waitForStatusBarItem,
  activeEditor,
} from './harness';

/** A code lens of the active editor by its whole text. */
function activeEditorLens(page: Parameters<typeof activeEditor>[0], title: string) {
  return activeEditor(page).locator('.codelens-decoration a').filter({ hasText: title }).first();
}

void scenario('editor', async (ctx) => {
  // A 1,280-pixel window with the sidebar open: lenses and hovers must still fit.
  const { workspace, page } = await startScenarioWorkbench(ctx, { viewport: { width: 1280, height: 800 } });

  // The status bar: ready, with the stale documents once the history is read.
  const status = await waitForStatusBarItem(page, /Archlens: ready · \d+ stale/, 60_000);
  check(status.id.startsWith('archlens.'), `status bar item id ${status.id}`);
  const counts = /Archlens: ready · (\d+) stale/.exec(status.text)!;
  // The component-and-connector view and decisions 0007, 0009 and 0011 are stale in the example's history.
  check(Number(counts[1]) >= 4, `stale findings in the status bar: ${status.text}`);
  await screenshot(page, 'readme-status-bar', { of: page.locator('.part.statusbar') });

  // Start-up, measured from the status bar's own changes: the item appears when the extension activates; the
  // server is ready (decisions, terms, references, diagnostics) before the history-based stale count follows.
  const timeline = await statusTimeline(page);
  const activated = timeline[0];
  // "reading history" is shown once the index is ready and only git is still being read.
  const ready = timeline.find((c) => /Archlens: (ready|reading history)/.test(c.text));
  const withHistory = timeline.find((c) => /Archlens: ready · \d+ stale/.test(c.text));
  check(activated && ready && withHistory, `status bar changes ${JSON.stringify(timeline)}`);
  check(activated.ms <= ready.ms && ready.ms <= withHistory.ms, `start-up in order: ${JSON.stringify(timeline)}`);
  const startup = {
    activationToReadyMs: Math.round(ready.ms - activated.ms),
    activationToHistoryMs: Math.round(withHistory.ms - activated.ms),
    states: timeline.map((c) => `${Math.round(c.ms - activated.ms)} ms ${c.text}`),
  };
  fs.mkdirSync(screenshotDir, { recursive: true });
  fs.writeFileSync(path.join(screenshotDir, 'startup.json'), `${JSON.stringify(startup, null, 2)}\n`);
  console.log(`[e2e] activation to ready: ${startup.activationToReadyMs} ms; to the stale count: ${startup.activationToHistoryMs} ms (${startup.states.join(' → ')})`);

  // A glossary term in a Python docstring.
  await openFile(page, 'airflow/dags/orders_backfill.py');
  // Its code lens ("Documented in: ...") arrives with the server's answer and moves the text down a line; hovering
  // after it keeps the pointer on the word.
  await readCodeLenses(page, { expect: 'Documented in' });
  const term = await hoverWord(page, 'snapshot', { expect: 'consistent read' });
  check(/snapshot/i.test(term) && term.includes('The consistent read of a table'), `glossary hover was ${JSON.stringify(term)}`);
  check((await checkLensesAndHoverVisible(page, 'hover-glossary-term')).hover, 'the glossary hover was measured');
  await screenshot(page, 'hover-glossary-term');
  await closeHover(page);

  // A decision reference in a YAML comment of a file ADR-0007 governs.
  await openFile(page, 'deploy/helm/kafka-connect/values.yaml');
  await readCodeLenses(page, { expect: 'Governed by' });
  const decision = await hoverWord(page, 'ADR-0007', { expect: 'Kafka Connect and Debezium' });
  check(decision.includes('Kafka Connect and Debezium for change data capture'), `decision hover was ${JSON.stringify(decision)}`);
  check(/accepted/i.test(decision), `decision hover names the status: ${JSON.stringify(decision)}`);
  check((await checkLensesAndHoverVisible(page, 'hover-decision')).hover, 'the decision hover was measured');
  await screenshot(page, 'hover-decision');
  // The editor alone, small enough for the README.
  await screenshot(page, 'readme-hover-decision', { of: page.locator('.part.editor') });
  await closeHover(page);

  // Its code lens says first that its documentation is stale, then names the decisions that govern it.
  const lenses = await readCodeLenses(page, { expect: 'Governed by' });
  check(lenses[0]?.startsWith('⚠ '), `the stale lens comes first: ${JSON.stringify(lenses)}`);
  check(lenses.includes('Governed by ADR-0007, ADR-0011'), `code lenses ${JSON.stringify(lenses)}`);
  check((await checkLensesAndHoverVisible(page, 'code-lens')).lenses >= 2, `code lenses measured: ${JSON.stringify(lenses)}`);
  await screenshot(page, 'code-lens');
  await screenshot(page, 'readme-code-lens', { of: page.locator('.part.editor') });

  // With two decisions behind it, the lens opens a picker; picking one opens it.
  await activeEditorLens(page, 'Governed by ADR-0007, ADR-0011').click();
  await pickQuickInputRow(page, 'ADR-0011 One Helm chart per service', { title: /Decisions that govern this file/ });
  await waitForActiveEditor(page, '0011-one-helm-chart-per-service.md');
  await openFile(page, 'deploy/helm/kafka-connect/values.yaml');
  await readCodeLenses(page, { expect: 'Governed by' });

  // Ctrl+click on the reference opens the decision at its title.
  await ctrlClickWord(page, 'ADR-0007', { expectEditor: '0007-kafka-connect-and-debezium-for-cdc.md' });
  const cursor = await cursorPosition(page);
  const decisionLines = fs.readFileSync(path.join(workspace, 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md'), 'utf8').split('\n');
  check(decisionLines[cursor.line - 1] === '# Kafka Connect and Debezium for change data capture', `cursor after Ctrl+click at ${JSON.stringify(cursor)}`);
  await screenshot(page, 'ctrl-click-decision');

  // The Problems panel: the superseded ADR-0003 cited by the backfill DAG (information) and the stale decision
  // 0011, whose Helm values changed after it (a warning on the decision and on the files it governs).
  const isSuperseded = (p: ProblemEntry): boolean => p.file === 'orders_backfill.py' && p.code === 'superseded-decision';
  const problems = await readProblems(page, { filter: 'ADR-0003', until: (all) => all.some(isSuperseded) });
  const superseded = problems.find(isSuperseded);
  check(superseded, `problems for ADR-0003: ${JSON.stringify(problems)}`);
  check(superseded.severity === 'info' && superseded.line === 7, `superseded reference entry ${JSON.stringify(superseded)}`);
  check(superseded.message.includes('ADR-0007'), `the superseded reference names its successor: ${superseded.message}`);
  await screenshot(page, 'problems-superseded');
  await screenshot(page, 'readme-problems', { of: page.locator('.part.panel') });
  const isStale = (p: ProblemEntry): boolean => p.file === '0011-one-helm-chart-per-service.md' && p.code === 'stale-documentation';
  const stale = await readProblems(page, { filter: 'One Helm chart per service', until: (all) => all.some(isStale) });
  const staleEntry = stale.find(isStale);
  check(staleEntry, `problems for 0011: ${JSON.stringify(stale)}`);
  check(staleEntry.severity === 'warning' && staleEntry.message.startsWith('docs/adr/0011-one-helm-chart-per-service.md'), `stale entry ${JSON.stringify(staleEntry)}`);
  await screenshot(page, 'problems-stale');
});
