// The .vsix as VS Code installs it: exactly the bundles, grammars, snippets, icons, README, CHANGELOG, licence and
// manifest (no node_modules, sources or source maps), under 2 MB. Uses archlens.vsix when it is newer than
// everything packed into it (`npm run package` made it); otherwise packs the current bundles into a temp folder,
// without rebuilding them, so other tests that run the server bundle are not disturbed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// The packages the server loads on first use (core/lazyModule.ts) are bundled beside it, in server/out/vendor.
const vendor = () => (existsSync(path.join(root, 'server/out/vendor')) ? readdirSync(path.join(root, 'server/out/vendor')).filter((f) => f.endsWith('.js')).map((f) => `server/out/vendor/${f}`) : []);
const bundles = ['client/out/extension.js', 'server/out/main.js', 'server/out/codeCache.js'];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'archlens-vsix-'));
let vsix: string;

/** Every file packed from the repository, as the .vsix names it (under extension/). */
function packedSources(): string[] {
  return [
    'package.json',
    ...bundles,
    ...vendor(),
    pkg.icon,
    ...pkg.contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
    ...pkg.contributes.snippets.map((s: { path: string }) => s.path),
    ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
    // The walkthrough's step pages.
    ...pkg.contributes.walkthroughs.flatMap((w: { steps: { media: { markdown: string } }[] }) => w.steps.map((s) => s.media.markdown)),
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    '.vscodeignore',
  ].map((p) => p.replace(/^\.\//, ''));
}

beforeAll(() => {
  const existing = path.join(root, 'archlens.vsix');
  if (bundles.some((b) => !existsSync(path.join(root, b)))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
  const newest = Math.max(...packedSources().map((p) => statSync(path.join(root, p)).mtimeMs));
  if (existsSync(existing) && statSync(existing).mtimeMs > newest) {
    vsix = existing;
    return;
  }
  vsix = path.join(tmp, 'archlens.vsix');
  execFileSync(path.join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: root, stdio: 'pipe', timeout: 120_000 });
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** File names from the zip's central directory. */
function zipEntries(file: string): string[] {
  const buf = readFileSync(file);
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

describe('the .vsix', () => {
  it('holds exactly the bundles, grammars, snippets, icons, README, CHANGELOG, licence and manifest', () => {
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      ...packedSources()
        .filter((p) => !['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore'].includes(p))
        .map((p) => `extension/${p}`),
    ];
    expect(zipEntries(vsix).sort()).toEqual([...new Set(expected)].sort());
  });

  it('carries no node_modules, TypeScript sources or source maps', () => {
    expect(zipEntries(vsix).filter((n) => /node_modules|\.ts$|\.map$/.test(n))).toEqual([]);
  });

  it('stays under 2 MB', () => {
    expect(statSync(vsix).size).toBeLessThan(2 * 1024 * 1024);
  });

  it('names the entry point and the server module that exist in it', () => {
    const names = zipEntries(vsix);
    expect(names).toContain(`extension/${pkg.main.replace(/^\.\//, '')}`);
    // client.ts starts the server from this path, relative to the extension folder.
    expect(readFileSync(path.join(root, 'client/src/client.ts'), 'utf8')).toContain("asAbsolutePath('server/out/main.js')");
    expect(names).toContain('extension/server/out/main.js');
    // …or, in a trusted workspace, through the code-cache loader, which runs main.js from its own folder.
    expect(readFileSync(path.join(root, 'client/src/client.ts'), 'utf8')).toContain("asAbsolutePath('server/out/codeCache.js')");
    expect(readFileSync(path.join(root, 'server/src/codeCache.ts'), 'utf8')).toContain("path.join(__dirname, 'main.js')");
    expect(names).toContain('extension/server/out/codeCache.js');
  });

  it('carries every package the server loads on first use', () => {
    const required = [...readFileSync(path.join(root, 'server/out/main.js'), 'utf8').matchAll(/require\("\.\/(vendor\/[^"]+)"\)/g)].map((m) => `extension/server/out/${m[1]}`);
    expect(required.length).toBeGreaterThan(0);
    expect(zipEntries(vsix)).toEqual(expect.arrayContaining(required));
  });
});
