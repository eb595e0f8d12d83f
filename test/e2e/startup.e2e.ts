// Start-up in a real VS Code, measured three times: each run opens a fresh copy of the example (with its git history)
// in a new code-server with the .vsix installed, and reads the start from the status bar's own changes: the Archlens
// item appears when the extension activates; it says "reading history" (or "ready") once decisions and terms
// answer, and "ready · N stale" once git history is read and the diagnostics that depend on it are published. The
// first diagnostics are read from the workbench's Problems item: the server is ready once the status says so and
// the Problems counts have reached those of every diagnostic that does not need history (the final counts less one
// warning per stale finding).
//
// The target is one second from activation to ready. With ARCHLENS_E2E_STARTUP_BUDGET_MS set (1000 on a machine
// quiet enough to hold the target), the scenario fails when the median of the three runs is over it: the median
// rather than each run, since one start can lose a few hundred milliseconds to a neighbour's burst without Archlens
// being slower, while two slow starts of three are a regression. Without it (a shared machine, where the start
// competes with other work) the numbers are reported, not asserted. Each run and the medians are printed and written
// to test-results/e2e/startup-runs.json with the load average.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  check,
  problemsTimeline,
  scenario,
  screenshotDir,
  startScenarioWorkbench,
  statusTimeline,
  waitForStatusBarItem,
  type ScenarioContext,
} from './harness';

const RUNS = 3;
const TARGET_MS = 1000;
const BUDGET_MS = Number(process.env.ARCHLENS_E2E_STARTUP_BUDGET_MS) || undefined;

interface StartupRun {
  activationToReadyMs: number;
  /** When decisions and terms answered (the status), and when the first diagnostics were in (the Problems counts). */
  activationToStatusMs: number;
  activationToDiagnosticsMs: number;
  activationToHistoryMs: number;
  states: string[];
}

interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** The counts of the Problems item's label: "Errors: 1, Warnings: 4, Infos: 7", or "No Problems". */
function counts(label: string): Counts {
  const n = (word: string) => Number(new RegExp(`${word}: (\\d+)`).exec(label)?.[1] ?? 0);
  return { errors: n('Errors'), warnings: n('Warnings'), infos: n('Infos') };
}

async function oneStart(ctx: ScenarioContext): Promise<StartupRun> {
  // Each run stops its own code-server and browser before the next starts, so runs do not share the machine.
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const { page } = await startScenarioWorkbench({ cleanup: (fn) => cleanups.push(fn), onFailureShot: ctx.onFailureShot });
    await waitForStatusBarItem(page, /Archlens: ready · \d+ stale/, 60_000);
    const timeline = await statusTimeline(page);
    const activated = timeline[0];
    const status = timeline.find((c) => /Archlens: (ready|reading history)/.test(c.text));
    const withHistory = timeline.find((c) => /Archlens: ready · \d+ stale/.test(c.text));
    check(activated && status && withHistory, `status bar changes ${JSON.stringify(timeline)}`);
    check(activated.ms <= status.ms && status.ms <= withHistory.ms, `start-up in order: ${JSON.stringify(timeline)}`);

    // What the first diagnostics are: everything published but what history adds, one warning per stale finding
    // (the status's count; stale-documentation is a warning by default).
    const stale = Number(/ready · (\d+) stale/.exec(withHistory.text)![1]);
    check(stale > 0, 'the example has stale documentation once history is read');
    const problems = await problemsTimeline(page);
    const final = counts(problems.at(-1)?.text ?? '');
    const first = { ...final, warnings: final.warnings - stale };
    check(first.warnings >= 0 && first.errors + first.warnings + first.infos > 0, `the example has diagnostics that need no history: final ${JSON.stringify(final)}, ${stale} stale`);
    const diagnostics = problems.find((p) => {
      const c = counts(p.text);
      return c.errors >= first.errors && c.warnings >= first.warnings && c.infos >= first.infos;
    });
    check(diagnostics, `the Problems counts reached ${JSON.stringify(first)}: ${JSON.stringify(problems)}`);
    const ready = Math.max(status.ms, diagnostics.ms);
    return {
      activationToReadyMs: Math.round(ready - activated.ms),
      activationToStatusMs: Math.round(status.ms - activated.ms),
      activationToDiagnosticsMs: Math.round(diagnostics.ms - activated.ms),
      activationToHistoryMs: Math.round(withHistory.ms - activated.ms),
      states: [...timeline, ...problems.filter((p) => p.ms >= activated.ms).map((p) => ({ ms: p.ms, text: `Problems: ${p.text}` }))]
        .sort((a, b) => a.ms - b.ms)
        .map((c) => `${Math.round(c.ms - activated.ms)} ms ${c.text}`),
    };
  } finally {
    for (const fn of cleanups.reverse()) await fn();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

void scenario(
  'startup',
  async (ctx) => {
    const loadBefore = os.loadavg()[0];
    const runs: StartupRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await oneStart(ctx);
      console.log(
        `[e2e] start ${i + 1}/${RUNS}: activation to ready ${run.activationToReadyMs} ms (status ${run.activationToStatusMs} ms, first diagnostics ${run.activationToDiagnosticsMs} ms); ` +
          `to the stale count ${run.activationToHistoryMs} ms (${run.states.join(' → ')})`,
      );
      runs.push(run);
    }
    const result = {
      runs,
      medianActivationToReadyMs: median(runs.map((r) => r.activationToReadyMs)),
      medianActivationToHistoryMs: median(runs.map((r) => r.activationToHistoryMs)),
      loadAverage: [Number(loadBefore.toFixed(2)), Number(os.loadavg()[0].toFixed(2))],
    };
    fs.mkdirSync(screenshotDir, { recursive: true });
    fs.writeFileSync(path.join(screenshotDir, 'startup-runs.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `[e2e] activation to ready, median of ${RUNS}: ${result.medianActivationToReadyMs} ms (${runs.map((r) => r.activationToReadyMs).join(', ')}); ` +
        `to the stale count: ${result.medianActivationToHistoryMs} ms (${runs.map((r) => r.activationToHistoryMs).join(', ')}); load ${result.loadAverage.join(' → ')}`,
    );
    if (result.medianActivationToReadyMs > TARGET_MS) console.log(`[e2e] activation to ready is over the ${TARGET_MS} ms target (median ${result.medianActivationToReadyMs} ms)`);
    if (BUDGET_MS) check(result.medianActivationToReadyMs <= BUDGET_MS, `activation to ready, median of ${RUNS}: ${result.medianActivationToReadyMs} ms, over ${BUDGET_MS} ms`);
  },
  { timeoutMs: 290_000 },
);
