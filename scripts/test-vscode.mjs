// Runs the extension-host suite (test/vscode) in a real VS Code downloaded by @vscode/test-electron. Machines
// without access to the VS Code download say so and exit 0: the end-to-end suite in code-server covers the
// extension there. The download is tried once, with a short timeout.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.tools', 'vscode-test-out');
mkdirSync(out, { recursive: true });

await import('./build.mjs');
await build({
  entryPoints: [path.join(root, 'test/vscode/suite.ts')],
  outfile: path.join(out, 'suite.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

let executable;
try {
  executable = await downloadAndUnzipVSCode({ version: '1.100.3', cachePath: path.join(root, '.tools', 'vscode-test'), timeout: 15_000 });
} catch (err) {
  console.log('VS Code could not be downloaded here; the end-to-end suite (npm run test:e2e) covers the extension in code-server');
  console.log(`(${String(err?.message ?? err).split('\n')[0]})`);
  process.exit(0);
}

try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(out, 'suite.js'),
    launchArgs: [path.join(root, 'examples', 'data-platform'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (err) {
  console.error(`extension-host tests failed: ${err?.message ?? err}`);
  process.exit(1);
}
