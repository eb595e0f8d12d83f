// Entry point of the language server: creates the connection (stdio, IPC or socket, from the command line) and
// nothing else.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (process.argv.includes('--version')) {
  process.stdout.write('archlens-language-server 0.1.0\n');
  process.exit(0);
}

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
