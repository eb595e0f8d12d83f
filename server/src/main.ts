// Entry point of the language server: creates the connection (stdio, IPC or socket, from the command line) and
// routes whatever escapes a handler (an uncaught exception, a promise nobody awaited) to the server's failure
// policy: logged with its stack, reported in the status, and the server keeps serving.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (process.argv.includes('--version')) {
  process.stdout.write('archlens-language-server 0.1.0\n');
  process.exit(0);
}

const connection = createConnection(ProposedFeatures.all);
const session = startServer(connection);
process.on('uncaughtException', (error) => session.failures.report('the server', error));
process.on('unhandledRejection', (reason) => session.failures.report('the server', reason));
