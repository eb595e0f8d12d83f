// Every runtime dependency is imported by the server or the client: a package nothing imports is a package every
// install downloads for nothing (git, for one, is spawned by adapters/gitProcess.ts, not through a library). And the
// version is written once, in package.json.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
/** Declared ahead of its use: the front-matter reader is moving onto gray-matter (with `yaml` as its engine). */
const ADOPTING = new Set(['gray-matter']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

const files = [...sources(path.join(root, 'server/src')), ...sources(path.join(root, 'client/src'))].map((f) => ({ f, text: readFileSync(f, 'utf8') }));
const imported = new Set<string>();
for (const { text } of files) {
  for (const m of text.matchAll(/(?:from\s+|import\(|require\()'((?:@[^/']+\/)?[^/.'][^/']*)/g)) imported.add(m[1]);
}

describe('dependencies', () => {
  it('declares only packages the server or the client imports', () => {
    const unused = Object.keys(pkg.dependencies).filter((d) => !imported.has(d) && !ADOPTING.has(d));
    expect(unused).toEqual([]);
  });

  it('writes the version only in package.json', () => {
    const literal = new RegExp(`['"\`]${pkg.version.replace(/\./g, '\\.')}['"\`]`);
    expect(files.filter(({ text }) => literal.test(text)).map(({ f }) => path.relative(root, f))).toEqual([]);
  });
});
