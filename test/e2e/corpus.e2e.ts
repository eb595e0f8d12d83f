// A real decision log, not our example: GOV.UK's infrastructure decisions (adr-tools format, `.adr-dir`), copied
// from ../shared/corpora into a fresh git repository with a generated two-commit history, opened in a 1,280-pixel
// window with the sidebar open. The Decisions view lists them, a hover on a cited decision shows it with a link to
// its file, the Problems panel stays quiet on the log as written and names a missing decision an edit cites;
// lenses and hovers fit the editor.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  check,
  checkLensesAndHoverVisible,
  closeHover,
  focusEditor,
  hoverWord,
  openFile,
  openViewContainer,
  readProblems,
  readTreeItems,
  repoRoot,
  scenario,
  startScenarioWorkbench,
  screenshot,
  showOnlyView,
  waitForStatusBarItem,
  type ProblemEntry,
} from './harness';

const CORPUS = path.join(repoRoot, '..', 'shared', 'corpora', 'govuk-infrastructure');
const DECISIONS = 'docs/architecture/decisions';

/** The corpus as a git repository: every decision up to 0017 in a first commit, the rest a month later. */
function materialiseCorpus(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-e2e-corpus-'));
  const dir = path.join(parent, 'govuk-infrastructure');
  fs.cpSync(CORPUS, dir, { recursive: true });
  const git = (args: string[], date?: string) =>
    execFileSync('git', ['-c', 'user.name=Archlens E2E', '-c', 'user.email=e2e@archlens.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: parent, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
      stdio: 'pipe',
    });
  git(['init', '-q', '-b', 'main']);
  const later = fs.readdirSync(path.join(dir, DECISIONS)).filter((f) => /^00(1[89]|2\d)-/.test(f));
  git(['add', '-A']);
  for (const f of later) git(['rm', '-q', '--cached', path.join(DECISIONS, f)]);
  git(['commit', '-q', '-m', 'Decisions up to 0017'], '2024-01-15T10:00:00+00:00');
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Decisions 0018 and later'], '2024-02-15T10:00:00+00:00');
  return dir;
}

void scenario('corpus', async (ctx) => {
  check(fs.existsSync(CORPUS), `the corpus is at ${CORPUS}`);
  const { workspace, page } = await startScenarioWorkbench(ctx, { workspace: materialiseCorpus(), viewport: { width: 1280, height: 800 } });
  await waitForStatusBarItem(page, /Archlens: ready · \d+ stale/, 90_000);

  // The sidebar: every numbered decision of the log, grouped by status.
  const onDisk = fs.readdirSync(path.join(workspace, DECISIONS)).filter((f) => /^\d{4}-.*\.md$/.test(f) && !f.startsWith('0000-'));
  await openViewContainer(page, 'Decisions', { view: 'Decisions', atLeast: 1 });
  await showOnlyView(page, 'Decisions');
  const rows = await readTreeItems(page, { view: 'Decisions', atLeast: 3 });
  const groups = rows.filter((r) => /^[A-Z][a-z]+ \(\d+\)$/.test(r));
  const grouped = groups.reduce((n, g) => n + Number(/\((\d+)\)/.exec(g)![1]), 0);
  check(grouped >= onDisk.length, `the Decisions view groups ${grouped} decisions, the log has ${onDisk.length}: ${JSON.stringify(groups)}`);
  check(rows.some((r) => /^ADR-0018 Use Concourse CI/i.test(r)), `decision rows ${JSON.stringify(rows)}`);
  await screenshot(page, 'corpus-decisions-view');

  // A hover on a decision cited in prose: its title, status and a link to its file.
  await openFile(page, `${DECISIONS}/0018-use-concourse-ci.md`);
  // The editor's own link tooltip ("… (ctrl + click)") also names the title; wait for Archlens' hover, which links the file.
  const hover = await hoverWord(page, '0014', { expect: /0014-replace-terraform-cloud\.md/i });
  check(/Replace Terraform Cloud/i.test(hover), `hover on ADR 0014 was ${JSON.stringify(hover)}`);
  const link = page.locator('.monaco-hover:not(.hidden) a').filter({ hasText: '0014-replace-terraform-cloud.md' });
  check((await link.count()) > 0, `the hover links to the decision's file: ${JSON.stringify(hover)}`);
  check((await checkLensesAndHoverVisible(page, 'corpus-hover')).hover, 'the corpus hover was measured');
  await screenshot(page, 'corpus-hover');
  await screenshot(page, 'readme-hover-link', { of: page.locator('.part.editor') });
  await closeHover(page);

  // The Problems panel: this log has nothing worth a person's time (its expectations in test/corpora/expected
  // record no finding), so Archlens reports nothing; an edit citing a decision the log lacks is reported at its
  // line, and undoing it clears the panel again.
  const expected = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'corpora', 'expected', 'govuk-infrastructure.json'), 'utf8')) as { findings: unknown[]; problems: unknown[] };
  const quiet = await readProblems(page, { filter: '' });
  check(quiet.length === expected.findings.length + expected.problems.length, `problems on the log as it is: ${JSON.stringify(quiet)}`);
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nSee ADR-0099 for the runners.');
  const isUnknown = (p: ProblemEntry): boolean => p.file === '0018-use-concourse-ci.md' && p.code === 'unknown-decision';
  const problems = await readProblems(page, { filter: 'unknown-decision', until: (all) => all.some(isUnknown) });
  const unknown = problems.find(isUnknown);
  check(unknown && unknown.severity === 'warning' && /0099/.test(unknown.message), `problems after citing ADR-0099: ${JSON.stringify(problems)}`);
  await screenshot(page, 'corpus-problems');
  await page.keyboard.press('Control+Z');
  await readProblems(page, { filter: 'unknown-decision', until: (all) => !all.some(isUnknown) });
});
