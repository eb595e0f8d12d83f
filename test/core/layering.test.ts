// The direction of the arrows (see HOUSE_STYLE): the core knows nothing of LSP, VS Code, the file system or
// processes; features know LSP types but no I/O; only adapters, the server and the CLI touch the world.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../server/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
}

const IO = /^(node:)?(fs|fs\/promises|child_process|net|http|https|os|worker_threads)$/;

describe('layering', () => {
  it('keeps the core free of LSP, VS Code, file-system and process imports', () => {
    const core = path.join(root, 'core');
    const leavesCore = (file: string, m: string) => m.startsWith('.') && !path.resolve(path.dirname(file), m).startsWith(core + path.sep);
    const offending = sources(core).flatMap((f) =>
      importsOf(f)
        .filter((m) => IO.test(m) || /^vscode/.test(m) || m === 'simple-git' || leavesCore(f, m))
        .map((m) => `${path.relative(root, f)} imports ${m}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps features free of I/O and of the server', () => {
    const offending = sources(path.join(root, 'features')).flatMap((f) =>
      importsOf(f)
        .filter((m) => IO.test(m) || m === 'vscode' || m === 'simple-git' || m === 'vscode-languageserver' || m.includes('/adapters/') || m.includes('../server'))
        .map((m) => `${path.relative(root, f)} imports ${m}`),
    );
    expect(offending).toEqual([]);
  });

  it('finds the imports it checks (the check itself works)', () => {
    expect(importsOf(path.join(root, 'adapters/nodeWorkspace.ts'))).toContain('node:fs');
  });
});
