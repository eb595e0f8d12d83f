// Writing with Archlens installed from its .vsix: the Decisions view of the example, a new decision from a template,
// the quick fix for a superseded reference and the `adr` comment snippet, on the data-platform example checked out
// with its git history.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderTemplate } from '../../server/src/core/newDecision';
import {
  answerInputBox,
  applyQuickFix,
  check,
  editorLines,
  openFile,
  openViewContainer,
  pickQuickInputRow,
  readCodeLenses,
  readTreeItems,
  runCommand,
  scenario,
  startScenarioWorkbench,
  screenshot,
  showOnlyView,
  typeAndAcceptCompletion,
  waitForActiveEditor,
  waitForEditorLine,
  waitForStatusBarItem,
} from './harness';

void scenario('authoring', async (ctx) => {
  const { workspace, page } = await startScenarioWorkbench(ctx);
  await waitForStatusBarItem(page, /Archlens: ready/, 60_000);

  // The Decisions view groups the example's sixteen decisions and the two of the platform log it reads through
  // `sources:` by status, in lifecycle order, with their counts.
  await openViewContainer(page, 'Decisions', { view: 'Decisions', atLeast: 1 });
  await showOnlyView(page, 'Decisions');
  const rows = await readTreeItems(page, { view: 'Decisions', atLeast: 18 + 6 });
  const groups = rows.filter((r) => /^[A-Z][a-z]+ \(\d+\)$/.test(r));
  check(
    JSON.stringify(groups) === JSON.stringify(['Accepted (12)', 'Proposed (1)', 'Superseded (2)', 'Deprecated (1)', 'Rejected (1)', 'Draft (1)']),
    `decision groups ${JSON.stringify(groups)} (rows ${JSON.stringify(rows)})`,
  );
  check(rows.includes('ADR-0007 Kafka Connect and Debezium for change data capture'), `decision rows ${JSON.stringify(rows)}`);
  await screenshot(page, 'decisions-view');

  // New decision: a title, then a template; the next number in docs/adr, opened with the template's text.
  const title = 'Use an Iceberg REST catalog';
  await runCommand(page, 'Archlens: New Decision…');
  await answerInputBox(page, title, { title: 'Archlens: decision title' });
  await pickQuickInputRow(page, 'MADR 4 (minimal)', { title: 'Archlens: decision template' });
  const file = '0017-use-an-iceberg-rest-catalog.md';
  await waitForActiveEditor(page, file);
  const created = path.join(workspace, 'docs', 'adr', file);
  check(fs.existsSync(created), `${created} was written`);
  const today = fs.readFileSync(created, 'utf8').match(/^date: (\d{4}-\d{2}-\d{2})$/m)?.[1];
  check(today !== undefined && Math.abs(Date.parse(today) - Date.now()) < 2 * 86_400_000, `the new decision is dated today: ${today}`);
  const template = renderTemplate('madr-minimal', { number: 17, title, today }).split('\n');
  const shown = await editorLines(page);
  const head = template.slice(0, 8);
  check(JSON.stringify(shown.slice(0, head.length)) === JSON.stringify(head), `new decision starts ${JSON.stringify(shown.slice(0, 10))}, template ${JSON.stringify(head)}`);
  check(fs.readFileSync(created, 'utf8') === template.join('\n'), 'the saved file is the template, filled in');
  await screenshot(page, 'new-decision');

  // The quick fix rewrites the superseded ADR-0003 in the backfill DAG to its successor ADR-0007.
  await openFile(page, 'airflow/dags/orders_backfill.py');
  await readCodeLenses(page, { expect: 'Documented in' });
  const offered = await applyQuickFix(page, 'ADR-0003', 'Replace with ADR-0007');
  check(offered.some((o) => o.startsWith('Replace with ADR-0007 Kafka Connect and Debezium')), `quick fixes offered ${JSON.stringify(offered)}`);
  const fixed = await waitForEditorLine(page, /^# ADR-0007/);
  check(fixed === "# ADR-0007: backfills run inside the nightly batch window so they never compete with the day's load.", `line after the quick fix: ${JSON.stringify(fixed)}`);
  check(!(await editorLines(page)).some((l) => l.includes('ADR-0003')), 'no reference to ADR-0003 is left');
  await screenshot(page, 'quick-fix');

  // The `adr` snippet in a Python comment-less line expands to a decision reference comment.
  await page.keyboard.press('Control+End');
  await typeAndAcceptCompletion(page, 'adr', 'adr');
  await page.keyboard.type('0009');
  await page.keyboard.press('Escape');
  await waitForEditorLine(page, '# ADR-0009 why this code follows the decision');
  await screenshot(page, 'snippet');
});
