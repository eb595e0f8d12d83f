// Bundles the scale benchmark (TypeScript, sharing the generators of bench/fixtures.ts) with esbuild into a temp
// folder and runs it with node. Usage: node bench/scale/run.mjs [small|medium|large] [--smoke]; with `startup`, the
// phases of the server's start on the example instead (startup.ts); with `--driver heap.ts`, a profiling driver.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const out = mkdtempSync(join(tmpdir(), 'archlens-bench-'));
try {
  // `--driver heap.ts` runs one of the profiling drivers of this folder instead of the benchmark.
  const args = process.argv.slice(2);
  const entry = args[0] === '--driver' ? args.splice(0, 2)[1] : args[0] === 'startup' ? 'startup.ts' : 'main.ts';
  await build({ entryPoints: [join(root, 'bench', 'scale', entry)], bundle: true, platform: 'node', target: 'node20', outfile: join(out, 'main.js'), logLevel: 'warning' });
  const run = spawnSync(process.execPath, ['--max-old-space-size=4096', join(out, 'main.js'), ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, ARCHLENS_ROOT: process.env.ARCHLENS_ROOT ?? root } });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
