#!/usr/bin/env node
'use strict';
// Thin launcher for editors other than VS Code: `archlens-language-server --stdio`.
try {
  require('../server/out/main.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('server/out/main.js')) {
    process.stderr.write('archlens-language-server: not built yet; run `npm run build` first.\n');
    process.exit(2);
  }
  throw err;
}
