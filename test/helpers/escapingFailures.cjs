// Fault injection for tests, loaded into the language server from outside with `node --require` (or NODE_OPTIONS,
// for the server an editor starts): on SIGUSR2 it throws ARCHLENS_ESCAPING_FAILURES errors (1 when unset) from
// timers, outside any request or handler, so they escape to the process's uncaught-exception handler as a real bug
// in a background task would. Nothing in the product reads this file or these variables. In any other node process
// (an editor's own processes inherit NODE_OPTIONS too) it does nothing.
'use strict';
const path = require('node:path');

const main = process.argv[1] ?? '';
// main.js, or the code-cache loader VS Code starts it through in a trusted workspace.
if ([path.join('server', 'out', 'main.js'), path.join('server', 'out', 'codeCache.js')].some((entry) => main.endsWith(entry))) {
  const count = Number(process.env.ARCHLENS_ESCAPING_FAILURES ?? '1');
  process.on('SIGUSR2', () => {
    for (let i = 1; i <= count; i++) {
      setImmediate(function injectedEscapingFailure() {
        throw new Error(`injected failure ${i} of ${count}`);
      });
    }
  });
  // Says the handler is installed, so a test never signals a process that would die of SIGUSR2's default action.
  process.stderr.write('escapingFailures: SIGUSR2 handler installed\n');
}
