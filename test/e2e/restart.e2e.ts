// A language server that dies is restarted by the extension: killed twice, it comes back both times, the user is
// told once (one notification, not one per crash), and the "Archlens" output says what happened each time.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  archlensVsix,
  check,
  closeHover,
  hoverWord,
  materialiseExample,
  openFile,
  openWorkbench,
  scenario,
  startCodeServer,
  waitForStatusBarItem,
} from './harness';

/** The process ids of the Archlens language servers this code-server's extension host started. */
function serverPids(extensionsDir: string): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .filter((line) => line.includes(extensionsDir) && line.includes(path.join('server', 'out', 'main.js')))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Every file under `dir` whose name is `name`. */
function findFiles(dir: string, name: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => path.basename(p) === name).map((p) => path.join(dir, p));
}

void scenario('restart', async ({ cleanup, onFailureShot }) => {
  const workspace = await materialiseExample();
  cleanup(() => fs.rmSync(path.dirname(workspace), { recursive: true, force: true }));
  const server = await startCodeServer({ workspace, vsix: archlensVsix() });
  cleanup(() => server.stop());
  const { browser, page } = await openWorkbench(server.url, workspace);
  cleanup(() => browser.close());
  onFailureShot(page);

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

  // The output channel names each restart; it is a log channel, so its file is in the window's logs.
  const logs = findFiles(path.join(server.userDataDir, 'logs'), 'Archlens.log');
  check(logs.length > 0, `the Archlens output log exists under ${server.userDataDir}/logs`);
  const output = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  check(/stopped unexpectedly; restarting it \(1 of/.test(output), `the output names the first restart: ${output.slice(-2000)}`);
  check(/stopped unexpectedly; restarting it \(2 of/.test(output), `the output names the second restart: ${output.slice(-2000)}`);
});
