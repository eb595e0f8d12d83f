// How the command line reads `.archlens.yml` `sources:`: every command that indexes a folder clones and fetches git
// sources into one folder (`--sources-dir`, default the user's cache) and fetches on every run, so a pipeline works
// against the central log as it is now. A command line run is trusted: the user ran it on this folder.
import * as os from 'node:os';
import * as path from 'node:path';
import type { NodeSessionOptions } from '../session/nodeSession';
import type { CliIO, ParsedArgs } from './run';

export const SOURCES_DIR_USAGE = '  --sources-dir <dir> Where git sources of .archlens.yml are cloned and fetched (default: ~/.cache/archlens)\n';

/** The user's cache folder for clones of git sources. */
function defaultSourcesDir(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'archlens');
}

/** The options every command opens its folder with, as far as sources go. */
export function sourceOptions(args: ParsedArgs, io: CliIO): Required<Pick<NodeSessionOptions, 'storage' | 'fetchSources'>> & { trusted: true } {
  const dir = args.flags.get('sources-dir');
  return { trusted: true, storage: typeof dir === 'string' ? path.resolve(io.cwd, dir) : defaultSourcesDir(), fetchSources: true };
}
