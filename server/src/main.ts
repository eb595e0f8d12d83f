// Entry point of the language server: creates the connection (stdio, IPC or socket, from the command line) and
// routes whatever escapes a handler (an uncaught exception, a promise nobody awaited) to the server's failure
// policy: logged with its stack, reported in the status, and the server keeps serving; a stream of them stops it
// (failures.ts), with the stack written to stderr, which the editor shows in the server's output.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { MemoryRelease } from './session/memoryRelease';

if (process.argv.includes('--version')) {
  process.stdout.write('archlens-language-server 0.1.0\n');
  process.exit(0);
}

const connection = createConnection(ProposedFeatures.all);
// The start's garbage and each burst of edits' are given back to the system (memoryRelease.ts).
const session = startServer(connection, { memory: new MemoryRelease() });
// stderr, not the connection: a write to a pipe is synchronous, so the text is out before the process ends.
const stop = (text: string): never => {
  process.stderr.write(`${text}\n`);
  process.exit(1);
};
process.on('uncaughtException', (error) => session.failures.escaped(error, stop));
process.on('unhandledRejection', (reason) => session.failures.escaped(reason, stop));
