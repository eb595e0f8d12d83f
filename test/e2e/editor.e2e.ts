// Reading code with Archlens installed from its .vsix: the status bar counts, glossary and decision hovers,
// Ctrl+click to a decision, the code lens of a governed file and the Problems panel, on the data-platform example
// checked out with its dated git history (which the staleness warnings need).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  archlensVsix,
  check,
  closeHover,
  ctrlClickWord,
  cursorPosition,
  hoverWord,
  materialiseExample,
  openFile,
  openWorkbench,
  type ProblemEntry,
  readCodeLenses,
  readProblems,
  scenario,
  screenshot,
  startCodeServer,
  waitForStatusBarItem,
} from './harness';

void scenario('editor', async ({ cleanup, onFailureShot }) => {
  const workspace = await materialiseExample();
  cleanup(() => fs.rmSync(path.dirname(workspace), { recursive: true, force: true }));
  const server = await startCodeServer({ workspace, vsix: archlensVsix() });
  cleanup(() => server.stop());
  const { browser, page } = await openWorkbench(server.url, workspace);
  cleanup(() => browser.close());
  onFailureShot(page);

  // The status bar: the example's 16 decisions, its terms and its stale documents once indexing is done.
  const status = await waitForStatusBarItem(page, /Archlens: \d+ decisions · \d+ terms · \d+ stale/, 60_000);
  check(status.id.startsWith('archlens.'), `status bar item id ${status.id}`);
  const counts = /Archlens: (\d+) decisions · (\d+) terms · (\d+) stale/.exec(status.text)!;
  check(counts[1] === '16', `decisions in the status bar: ${status.text}`);
  check(Number(counts[2]) >= 38, `terms in the status bar: ${status.text}`);
  // The component-and-connector view and decisions 0007, 0009 and 0011 are stale in the example's history.
  check(Number(counts[3]) >= 4, `stale findings in the status bar: ${status.text}`);

  // A glossary term in a Python docstring.
  await openFile(page, 'airflow/dags/orders_backfill.py');
  // Its code lens ("Documented in: ...") arrives with the server's answer and moves the text down a line; hovering
  // after it keeps the pointer on the word.
  await readCodeLenses(page, { expect: 'Documented in' });
  const term = await hoverWord(page, 'snapshot', { expect: 'consistent read' });
  check(/snapshot/i.test(term) && term.includes('The consistent read of a table'), `glossary hover was ${JSON.stringify(term)}`);
  await screenshot(page, 'hover-glossary-term');
  await closeHover(page);

  // A decision reference in a YAML comment of a file ADR-0007 governs.
  await openFile(page, 'deploy/helm/kafka-connect/values.yaml');
  await readCodeLenses(page, { expect: 'Governed by' });
  const decision = await hoverWord(page, 'ADR-0007', { expect: 'Kafka Connect and Debezium' });
  check(decision.includes('Kafka Connect and Debezium for change data capture'), `decision hover was ${JSON.stringify(decision)}`);
  check(/accepted/i.test(decision), `decision hover names the status: ${JSON.stringify(decision)}`);
  await screenshot(page, 'hover-decision');
  // The editor alone, small enough for the README.
  await screenshot(page, 'readme-hover-decision', { of: page.locator('.part.editor') });
  await closeHover(page);

  // Its code lens names the decisions that govern it and says its documentation is stale.
  const lenses = await readCodeLenses(page, { expect: 'Governed by' });
  check(lenses.some((l) => l.startsWith('Governed by ADR-0007 Kafka Connect and Debezium')), `code lenses ${JSON.stringify(lenses)}`);
  check(lenses.some((l) => l.startsWith('ADR-0011 One Helm chart per service')), `code lenses ${JSON.stringify(lenses)}`);
  check(lenses.some((l) => l.startsWith('⚠ stale:')), `code lenses ${JSON.stringify(lenses)}`);
  await screenshot(page, 'code-lens');

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
  const isStale = (p: ProblemEntry): boolean => p.file === 'values.yaml' && p.code === 'stale-documentation';
  const stale = await readProblems(page, { filter: 'One Helm chart per service', until: (all) => all.some(isStale) });
  const staleEntry = stale.find(isStale);
  check(staleEntry, `problems for 0011: ${JSON.stringify(stale)}`);
  check(staleEntry.severity === 'warning' && staleEntry.message.startsWith('docs/adr/0011-one-helm-chart-per-service.md'), `stale entry ${JSON.stringify(staleEntry)}`);
  await screenshot(page, 'problems-stale');
});
