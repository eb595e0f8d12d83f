// Bundles the extension client, the language server and the command-line tool with esbuild.
// Type checking is separate (`npm run typecheck`) so that a build stays fast.
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  minify: process.argv.includes('--minify'),
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'server/out/main.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js' },
];

const { existsSync } = await import('node:fs');
for (const entry of entries) {
  if (!existsSync(entry.entryPoints[0])) continue;
  if (watch) {
    const { context } = await import('esbuild');
    const ctx = await context({ ...common, ...entry });
    await ctx.watch();
  } else {
    await build({ ...common, ...entry });
  }
}
