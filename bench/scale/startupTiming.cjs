// Preloaded (`node --require`) into the server by bench/scale/startup.ts: reports when node had started, when this
// preload ran (node's own bootstrap done) and when the server's bundle had been loaded and run (the first turn of
// the event loop comes after the main module), as one line on stderr. Times are epoch milliseconds, so the parent
// can set them beside its own clock.
const { performance } = require('node:perf_hooks');

const epoch = (t) => performance.timeOrigin + t;
const preloaded = epoch(performance.now());
setImmediate(() => {
  const line = { processStart: performance.timeOrigin, preloaded, mainLoaded: epoch(performance.now()) };
  process.stderr.write(`archlens-startup-timing ${JSON.stringify(line)}\n`);
});
