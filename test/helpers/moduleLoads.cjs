// Preloaded (`node --require`) into a spawned server: writes one stderr line per file node loads as a module after
// this point (`archlens-module-load <absolute path>`), so a test can see which bundles the server loaded and when.
const Module = require('node:module');

const load = Module._load;
const seen = new Set();
Module._load = function (request, parent, isMain) {
  const result = load.apply(this, arguments);
  try {
    const file = Module._resolveFilename(request, parent, isMain);
    if (!seen.has(file) && file.endsWith('.js')) {
      seen.add(file);
      process.stderr.write(`archlens-module-load ${file}\n`);
    }
  } catch {
    // a built-in module
  }
  return result;
};
