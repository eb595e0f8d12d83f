// The `archlens` command: a second front door onto the same core the language server uses.
import { serveAsIndexWorker } from '../adapters/indexWorkers';
import { runCli } from './run';

// The same bundle runs the index's worker threads (adapters/indexWorkers.ts).
if (!serveAsIndexWorker()) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`archlens: ${(err as Error)?.stack ?? err}\n`);
      process.exitCode = 2;
    },
  );
}
