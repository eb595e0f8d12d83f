#!/usr/bin/env node
'use strict';
// Thin launcher: the command-line tool is bundled to server/out/cli.js by `npm run build`.
try {
  require('../server/out/cli.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('server/out/cli.js')) {
    process.stderr.write('archlens: the tool is not built yet; run `npm run build` first.\n');
    process.exit(2);
  }
  throw err;
}
