// Runs the vitest suites (unit, feature, protocol, CLI, git) and ends with one plain summary line that CI reads:
// `tests: N passed, N failed`. Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  // A file that fails to load has no failed tests but must still count as a failure.
  failed = (r.numFailedTests ?? 0) || (r.numFailedTestSuites ?? 0);
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(vitest.status ?? 1);
