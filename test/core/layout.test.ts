// The layout says what each room holds: the server's root keeps only its entry points and shared modules, the
// session layer lives in server/src/session/, and no source file grows past what can be read in one sitting.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
/** What can be read in one sitting. */
const MAX_LINES = 400;
/** Lines as an editor numbers them: a final newline ends the last line, it does not start another. */
function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('the layout', () => {
  it('keeps every source file at or under 400 lines', () => {
    const long = [...sources(path.join(root, 'server/src')), ...sources(path.join(root, 'client/src'))]
      .map((f) => ({ f: path.relative(root, f), lines: lineCount(readFileSync(f, 'utf8')) }))
      .filter((x) => x.lines > MAX_LINES)
      .map((x) => `${x.f}: ${x.lines} lines`);
    expect(long).toEqual([]);
  });

  it('keeps the session layer in server/src/session and only entry points and shared modules at the root', () => {
    // Every other module belongs to a named layer: a new file at the root fails here until it has a folder.
    const rootFiles = readdirSync(path.join(root, 'server/src'), { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
    expect(rootFiles).toEqual(['codeCache.ts', 'main.ts', 'protocol.ts', 'server.ts', 'version.ts']);
    const session = readdirSync(path.join(root, 'server/src/session'));
    for (const f of [
      'folderSession.ts', 'folderDiagnostics.ts', 'diagnosticsPublisher.ts', 'requests.ts', 'uris.ts', 'languageSession.ts', 'nodeSession.ts',
      'budget.ts', 'failures.ts', 'trust.ts',
    ]) {
      expect(session).toContain(f);
    }
  });

  it('names in the README map every folder of server/src', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const folders = readdirSync(path.join(root, 'server/src'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'types')
      .map((e) => `server/src/${e.name}/`);
    expect(folders.filter((f) => !readme.includes(f))).toEqual([]);
  });
});
