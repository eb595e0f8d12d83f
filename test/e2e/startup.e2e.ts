// Start-up in a real VS Code, measured three times: each run opens a fresh copy of the example (with its git history)
// in a new code-server with the .vsix installed, and reads the start from the status bar's own changes: the item
// appears when the extension activates; "reading history" (or "ready") once decisions and terms answer; "ready · N
// stale" once git history is read and the diagnostics that depend on it are published. Prints each run and the
// medians, and writes them to test-results/e2e/startup-runs.json. No timing assertion: the order is checked, the
// numbers are reported (a shared machine's timings say how shared it was).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check, scenario, screenshotDir, startScenarioWorkbench, statusTimeline, waitForStatusBarItem, type ScenarioContext } from './harness';

const RUNS = 3;

interface StartupRun {
  activationToReadyMs: number;
  activationToHistoryMs: number;
  states: string[];
}

async function oneStart(ctx: ScenarioContext): Promise<StartupRun> {
  // Each run stops its own code-server and browser before the next starts, so runs do not share the machine.
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const { page } = await startScenarioWorkbench({ cleanup: (fn) => cleanups.push(fn), onFailureShot: ctx.onFailureShot });
    await waitForStatusBarItem(page, /Archlens: ready · \d+ stale/, 60_000);
    const timeline = await statusTimeline(page);
    const activated = timeline[0];
    const ready = timeline.find((c) => /Archlens: (ready|reading history)/.test(c.text));
    const withHistory = timeline.find((c) => /Archlens: ready · \d+ stale/.test(c.text));
    check(activated && ready && withHistory, `status bar changes ${JSON.stringify(timeline)}`);
    check(activated.ms <= ready.ms && ready.ms <= withHistory.ms, `start-up in order: ${JSON.stringify(timeline)}`);
    return {
      activationToReadyMs: Math.round(ready.ms - activated.ms),
      activationToHistoryMs: Math.round(withHistory.ms - activated.ms),
      states: timeline.map((c) => `${Math.round(c.ms - activated.ms)} ms ${c.text}`),
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
      console.log(`[e2e] start ${i + 1}/${RUNS}: activation to ready ${run.activationToReadyMs} ms; to the stale count ${run.activationToHistoryMs} ms (${run.states.join(' → ')})`);
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
  },
  { timeoutMs: 290_000 },
);
