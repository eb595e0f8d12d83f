// The client talks to the server only through the protocol module: nothing in client/src imports the server's
// core, features or session code, so what the client shows is what the server answered.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Imports of server code other than server/src/protocol.ts. */
function serverImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\(|require\()'([^']+)'/g)) {
    if (!m[1].startsWith('.')) continue;
    const target = path.relative(root, path.resolve(path.dirname(file), m[1])).split(path.sep).join('/');
    if (target.startsWith('server/') && target !== 'server/src/protocol') out.push(target);
  }
  return out;
}

describe('the client', () => {
  it('imports nothing of the server but server/src/protocol.ts', () => {
    const offending = sources(path.join(root, 'client/src')).flatMap((f) =>
      serverImports(f, readFileSync(f, 'utf8')).map((t) => `${path.relative(root, f)} imports ${t}`),
    );
    expect(offending).toEqual([]);
  });

  it('recognises an import of the core (the lint itself works)', () => {
    const file = path.join(root, 'client/src/commands/pick.ts');
    expect(serverImports(file, "import { TEMPLATE_NAMES } from '../../../server/src/core/newDecision';\n")).toEqual(['server/src/core/newDecision']);
    expect(serverImports(file, "import { DecisionsRequest } from '../../../server/src/protocol';\n")).toEqual([]);
  });
});
