// An untrusted workspace: Archlens runs in limited mode and says so. It still reads the documentation (hovers,
// reference diagnostics, the sidebar) but runs no git (no staleness) and offers no command that writes files.
import {
  check,
  closeHover,
  hoverWord,
  openFile,
  paletteCommands,
  readCodeLenses,
  readProblems,
  scenario,
  startScenarioWorkbench,
  screenshot,
  trustWorkspace,
  waitForStatusBarItem,
  type ProblemEntry,
} from './harness';

void scenario('untrusted', async (ctx) => {
  const { page } = await startScenarioWorkbench(ctx, { settings: { 'security.workspace.trust.enabled': true } });
  await trustWorkspace(page, false);

  // The status bar says limited mode and ready, but no stale findings: no git ran.
  const status = await waitForStatusBarItem(page, /Archlens \(limited mode\): ready/, 60_000);
  check(!/stale/.test(status.text), `limited-mode status bar ${JSON.stringify(status)}`);

  // Reading still works: a glossary hover in a Python file.
  await openFile(page, 'airflow/dags/orders_backfill.py');
  await readCodeLenses(page, { expect: 'Documented in' });
  const hover = await hoverWord(page, 'snapshot', { expect: 'consistent read' });
  check(hover.includes('The consistent read of a table'), `glossary hover in limited mode ${JSON.stringify(hover)}`);
  await closeHover(page);

  // Reference diagnostics are published, staleness ones are not.
  const isSuperseded = (p: ProblemEntry): boolean => p.file === 'orders_backfill.py' && p.code === 'superseded-decision';
  const problems = await readProblems(page, { filter: 'superseded-decision', until: (all) => all.some(isSuperseded) });
  check(problems.some(isSuperseded), `problems in limited mode ${JSON.stringify(problems)}`);
  // The panel says so in words when its filter matches nothing (the filter matches codes).
  await readProblems(page, { filter: 'stale-documentation' });
  await page.locator('.markers-panel', { hasText: 'No results found with provided filter criteria' }).waitFor({ state: 'visible' });
  await readProblems(page, { filter: '' });

  // Commands that write files are not offered; reading ones are.
  const commands = await paletteCommands(page, 'Archlens: ', 'Archlens: Find Decision…');
  check(!commands.includes('Archlens: New Decision…') && !commands.includes('Archlens: Supersede Decision…'), `palette in limited mode ${JSON.stringify(commands)}`);
  check(!commands.includes('Archlens: Mark Documentation as Reviewed'), `palette in limited mode ${JSON.stringify(commands)}`);
  await screenshot(page, 'untrusted-limited-mode');
});
