// The client talks to the server only through the protocol module: nothing in client/src imports the server's
// core, features or session code, and the protocol imports (or re-exports) nothing of them either, so what the
// client shows is what the server answered.
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

/** Server modules outside the protocol that a protocol module imports or re-exports. */
function protocolLeaks(file: string, text: string): string[] {
  const protocol = path.join(root, 'server/src/protocol');
  return [...text.matchAll(/(?:from\s+|import\(|require\()'([^']+)'/g)]
    .map((m) => m[1])
    .filter((m) => m.startsWith('.'))
    .map((m) => path.resolve(path.dirname(file), m))
    .filter((target) => target !== protocol && !target.startsWith(protocol + path.sep))
    .map((target) => path.relative(root, target).split(path.sep).join('/'));
}

describe('the protocol', () => {
  const files = [path.join(root, 'server/src/protocol.ts'), ...sources(path.join(root, 'server/src/protocol'))];

  it('holds its own types and constants: it imports and re-exports nothing of the core, features or session', () => {
    expect(files.length).toBeGreaterThan(1);
    const leaks = files.flatMap((f) => protocolLeaks(f, readFileSync(f, 'utf8')).map((t) => `${path.relative(root, f)} imports ${t}`));
    expect(leaks).toEqual([]);
  });

  it('recognises a re-export of the core (the lint itself works)', () => {
    const file = path.join(root, 'server/src/protocol.ts');
    expect(protocolLeaks(file, "export { DECISION_STATUSES } from './core/model';\n")).toEqual(['server/src/core/model']);
    expect(protocolLeaks(file, "export * from './protocol/onboarding';\nimport { RequestType } from 'vscode-languageserver-protocol';\n")).toEqual([]);
  });
});
