// Bundles the extension client, the language server and the command-line tool with esbuild.
// Type checking is separate (`npm run typecheck`) so that a build stays fast.
import { build } from 'esbuild';

// gray-matter finds front matter and hands it to the YAML engine Archlens gives it, the `yaml` package
// (core/frontMatter.ts); its own engine, js-yaml, is never called. The bundles leave js-yaml out (about 100 KB the
// server would otherwise compile and run at every start) and put in its place a module that says so if called.
const unusedYamlEngine = {
  name: 'unused-yaml-engine',
  setup(b) {
    b.onResolve({ filter: /^js-yaml$/ }, (args) => (/[\\/]gray-matter[\\/]/.test(args.importer) ? { path: 'js-yaml', namespace: 'unused-yaml-engine' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'unused-yaml-engine' }, () => ({
      loader: 'js',
      contents: "const unused = () => { throw new Error('front matter is read with the yaml package, not js-yaml'); };\nmodule.exports = { safeLoad: unused, safeDump: unused };\n",
    }));
  },
};

// A package that server code `require`s (inside a function, core/lazyModule.ts) rather than imports is loaded on
// first use: it is bundled into a file of its own, server/out/vendor/<name>.js, which the main bundles require at
// that moment, so the server's start neither compiles nor runs it.
const vendorBuilds = new Map();
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind !== 'require-call' || !/[\\/]server[\\/]src[\\/]/.test(args.importer)) return undefined;
      const file = `${args.path.replace(/^@[^/]+\//, '').replace(/\.js$/, '')}.js`;
      if (!vendorBuilds.has(file)) {
        vendorBuilds.set(file, build({ ...common, plugins: [], stdin: { contents: `module.exports = require(${JSON.stringify(args.path)});`, resolveDir: process.cwd() }, outfile: `server/out/vendor/${file}` }));
      }
      return vendorBuilds.get(file).then(() => ({ path: `./vendor/${file}`, external: true }));
    });
  },
};

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  minify: process.argv.includes('--minify'),
  plugins: [unusedYamlEngine],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'server/out/main.js', plugins: [unusedYamlEngine, lazyPackages] },
  // What VS Code starts: main.js run with a V8 code cache (server/src/codeCache.ts); it bundles nothing of the server.
  { entryPoints: ['server/src/codeCache.ts'], outfile: 'server/out/codeCache.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js', plugins: [unusedYamlEngine, lazyPackages] },
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
