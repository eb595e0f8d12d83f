// Runs the end-to-end scenarios (test/e2e/*.e2e.ts) against a real VS Code (code-server) in headless chromium.
// Each scenario is bundled with esbuild into a temp folder and run as its own node process, so one scenario's
// leftovers (processes, globals) cannot leak into the next. Prints one line per scenario and a closing
// "e2e: N passed, N failed" line; exits 1 when any scenario failed.
//
// Usage: node scripts/run-e2e.mjs [filter...]   (a filter matches part of a scenario's file name)
import { build } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const e2eDir = join(root, 'test', 'e2e');
const filters = process.argv.slice(2);
const perScenarioTimeoutMs = Number(process.env.ARCHLENS_E2E_TIMEOUT_MS ?? 300_000);

const codeServer = join(root, '.tools', 'code-server', 'node_modules', '.bin', 'code-server');
if (!existsSync(codeServer) || !existsSync('/usr/bin/chromium')) {
  console.error('e2e: code-server or chromium is missing; run `bash scripts/setup-code-server.sh` first');
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

// The harness self-test (a throwaway extension) costs a code-server start of its own and the Archlens scenarios
// exercise every helper it does, so it only runs when named: `node scripts/run-e2e.mjs smoke`.
const scenarios = readdirSync(e2eDir)
  .filter((name) => name.endsWith('.e2e.ts') || (filters.length > 0 && name.endsWith('.selftest.ts')))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();
if (scenarios.length === 0) {
  console.error(`e2e: no scenario matches ${JSON.stringify(filters)}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

// The scenarios install the packaged extension, as a user would. It is rebuilt when any input of the package is
// newer than it (or it is missing), so a run never tests a stale .vsix; ARCHLENS_E2E_VSIX names another one.
const vsix = process.env.ARCHLENS_E2E_VSIX ? resolve(process.env.ARCHLENS_E2E_VSIX) : join(root, 'archlens.vsix');
if (!process.env.ARCHLENS_E2E_VSIX && scenarios.some((name) => name.endsWith('.e2e.ts'))) {
  const newer = newestInput();
  const current = existsSync(vsix) ? statSync(vsix).mtimeMs : 0;
  if (current < newer.mtimeMs) {
    console.error(existsSync(vsix) ? `e2e: ${newer.path} is newer than archlens.vsix; running npm run package` : 'e2e: archlens.vsix is missing; running npm run package');
    const started = Date.now();
    const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'package'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (result.status !== 0 || !existsSync(vsix)) {
      console.error(`${result.stdout ?? ''}${result.stderr ?? ''}`);
      console.error('e2e: `npm run package` failed, so there is no archlens.vsix to install; fix the build and run `npm run package`');
      console.log('e2e: 0 passed, 1 failed');
      process.exit(1);
    }
    console.error(`e2e: packaged archlens.vsix in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
if (scenarios.some((name) => name.endsWith('.e2e.ts')) && !existsSync(vsix)) {
  console.error(`e2e: ${vsix} does not exist; run \`npm run package\``);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

/** The most recently modified file among the package's inputs (sources, manifest, grammars, snippets, media). */
function newestInput() {
  let newest = { path: '', mtimeMs: 0 };
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (stat.mtimeMs > newest.mtimeMs) {
      newest = { path: relative(root, path), mtimeMs: stat.mtimeMs };
    }
  };
  for (const input of ['client/src', 'server/src', 'snippets', 'syntaxes', 'media', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'scripts/build.mjs']) {
    visit(join(root, input));
  }
  return newest;
}

const outDir = mkdtempSync(join(tmpdir(), 'archlens-e2e-build-'));
let passed = 0;
let failed = 0;
try {
  for (const name of scenarios) {
    const outfile = join(outDir, basename(name, '.ts') + '.cjs');
    await build({
      entryPoints: [join(e2eDir, name)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: 'inline',
      logLevel: 'warning',
      // Node resolves these from the repository's node_modules (NODE_PATH below); bundling playwright
      // would break its lazy requires.
      packages: 'external',
    });
    const started = Date.now();
    const code = await new Promise((resolveExit) => {
      const child = spawn(process.execPath, ['--enable-source-maps', outfile], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, ARCHLENS_ROOT: root, ARCHLENS_E2E_VSIX: vsix, NODE_PATH: join(root, 'node_modules') },
      });
      // A scenario has its own deadline; this one only catches a wedged process. SIGTERM lets the scenario
      // stop its code-server and browser; SIGKILL follows if it does not exit.
      let killTimer;
      const timer = setTimeout(() => {
        console.error(`e2e: ${name} exceeded ${perScenarioTimeoutMs} ms; stopping it`);
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      }, perScenarioTimeoutMs);
      child.on('exit', (exitCode, signal) => {
        clearTimeout(timer);
        clearTimeout(killTimer);
        resolveExit(signal ? 1 : exitCode ?? 1);
      });
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (code === 0) {
      passed++;
      console.log(`PASS ${name} (${seconds} s)`);
    } else {
      failed++;
      console.log(`FAIL ${name} (${seconds} s, exit ${code})`);
    }
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
