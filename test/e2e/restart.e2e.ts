// A language server that dies is restarted by the extension: killed twice, it comes back both times, the user is
// told once (one notification, not one per crash), and the "Archlens" output says what happened each time. Then a
// crash with a stack: failures that keep escaping every handler of the server (thrown from its timers by
// test/helpers/escapingFailures.cjs, loaded into it through NODE_OPTIONS, as a bug in a background task would) make
// it stop itself, and the output holds the reason and the stack before the third restart.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESCAPED_LIMIT } from '../../server/src/session/failures';
import { check, closeHover, hoverWord, openFile, repoRoot, scenario, startScenarioWorkbench, waitForStatusBarItem, type CodeServer } from './harness';

/** The process ids of the Archlens language servers this code-server's extension host started. */
function serverPids(extensionsDir: string): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    // A trusted workspace runs the bundle through its code-cache loader (codeCache.js), an untrusted one main.js.
    .filter((line) => line.includes(extensionsDir) && [path.join('server', 'out', 'main.js'), path.join('server', 'out', 'codeCache.js')].some((entry) => line.includes(entry)))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Every file under `dir` whose name is `name`. */
function findFiles(dir: string, name: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => path.basename(p) === name).map((p) => path.join(dir, p));
}

/** The text of the "Archlens" output; it is a log channel, so its file is in the window's logs. */
function archlensOutput(server: CodeServer): string {
  return findFiles(path.join(server.userDataDir, 'logs'), 'Archlens.log')
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

/** Waits until the "Archlens" output matches `pattern` (the log file is flushed a moment after the line is written). */
async function waitForOutput(server: CodeServer, pattern: RegExp, what: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const output = archlensOutput(server);
    if (pattern.test(output)) return output;
    check(Date.now() < deadline, `${what} within ${timeoutMs} ms: ${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200)); // poll interval of a file, not a readiness guess
  }
}

void scenario('restart', async (ctx) => {
  const injector = path.join(repoRoot, 'test', 'helpers', 'escapingFailures.cjs');
  const { server, page } = await startScenarioWorkbench(ctx, {
    env: {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require "${injector}"`.trim(),
      ARCHLENS_ESCAPING_FAILURES: String(ESCAPED_LIMIT.count),
    },
  });

  await waitForStatusBarItem(page, /Archlens: ready/, 60_000);
  await openFile(page, 'airflow/dags/orders_backfill.py');
  await hoverWord(page, 'snapshot', { expect: 'consistent read' });
  await closeHover(page);

  const restartToast = page.locator('.notifications-toasts .notification-toast', { hasText: 'stopped unexpectedly' });
  const seen = new Set<number>();
  for (let crash = 1; crash <= 2; crash++) {
    const before = serverPids(server.extensionsDir);
    check(before.length === 1, `one running server before crash ${crash}: ${JSON.stringify(before)}`);
    seen.add(before[0]!);
    process.kill(before[0]!, 'SIGKILL');
    if (crash === 1) {
      // Told once, on the first restart.
      await restartToast.first().waitFor({ state: 'visible', timeout: 60_000 });
      check((await restartToast.count()) === 1, `one restart notification after the first crash`);
      const text = await restartToast.first().innerText();
      check(/was restarted/.test(text) && /output/.test(text), `the notification says the server was restarted and where to read why: ${JSON.stringify(text)}`);
    }
    // The restarted server answers: the same hover, from a new process (hoverWord waits for the text).
    await hoverWord(page, 'snapshot', { expect: 'consistent read', timeoutMs: 60_000 });
    await closeHover(page);
    const after = serverPids(server.extensionsDir);
    check(after.length === 1 && !seen.has(after[0]!), `a new server after crash ${crash}: before ${JSON.stringify([...seen])}, now ${JSON.stringify(after)}`);
  }
  // The second crash shows no second notification (hoverWord closed the first one).
  check((await restartToast.count()) === 0, 'no notification for the second crash');

  // The output channel names each restart.
  const output = await waitForOutput(server, /stopped unexpectedly; restarting it \(2 of/, 'the output names the second restart');
  check(/stopped unexpectedly; restarting it \(1 of/.test(output), `the output names the first restart: ${output.slice(-2000)}`);
  check(!/the language server stops/.test(output), `no stack before the injected failures: ${output.slice(-2000)}`);

  // A crash with a stack. The injector says in the output that the running server loaded it.
  await waitForOutput(server, /escapingFailures: SIGUSR2 handler installed/, 'the fault injector is loaded into the server');
  const before = serverPids(server.extensionsDir);
  check(before.length === 1, `one running server before the injected failures: ${JSON.stringify(before)}`);
  process.kill(before[0]!, 'SIGUSR2');
  const crashed = await waitForOutput(server, /stopped unexpectedly; restarting it \(3 of/, 'the output names the third restart');
  const reason = `Archlens: the language server stops: ${ESCAPED_LIMIT.count} failures escaped its handlers`;
  check(crashed.includes(reason), `the output says why the server stopped: ${crashed.slice(-3000)}`);
  const stack = crashed.slice(crashed.indexOf(reason));
  check(
    new RegExp(`The last: Error: injected failure ${ESCAPED_LIMIT.count} of ${ESCAPED_LIMIT.count}\\s*\\n\\s+at (Immediate\\.)?injectedEscapingFailure `).test(stack),
    `the output holds the stack of the last failure: ${stack.slice(0, 2000)}`,
  );
  check(stack.indexOf(reason) < stack.indexOf('restarting it (3 of'), 'the stack comes before the restart');
  // The restarted server answers, from a new process, and no second notification was shown.
  await hoverWord(page, 'snapshot', { expect: 'consistent read', timeoutMs: 60_000 });
  await closeHover(page);
  const after = serverPids(server.extensionsDir);
  check(after.length === 1 && after[0] !== before[0], `a new server after the injected failures: before ${JSON.stringify(before)}, now ${JSON.stringify(after)}`);
  check((await restartToast.count()) === 0, 'no notification for the third crash');
});
