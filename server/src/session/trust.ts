// Whether this server session may run git and write files. The VS Code extension always says (workspace trust);
// another editor (Neovim, Helix, Emacs) usually sends nothing, and a repository's own git configuration can run
// programs (filters, fsmonitor), so silence means limited mode. The user opts in explicitly, with
// `initializationOptions = { trusted = true }` in the editor's configuration or `archlens-language-server --trusted`.
import type { InitializationOptions } from '../protocol';

/** The command-line flag that trusts every workspace this server is started on. */
export const TRUSTED_FLAG = '--trusted';

export interface SessionTrust {
  trusted: boolean;
  /** Where the answer came from: the editor, the command line, or the safe default. */
  source: 'client' | 'flag' | 'default';
  /** Said once in the output when the default applied, so a user of another editor learns how to opt in. */
  message?: string;
}

export function sessionTrust(initializationOptions: unknown, argv: readonly string[]): SessionTrust {
  const said = (initializationOptions as InitializationOptions | null | undefined)?.trusted;
  // An editor that says the workspace is untrusted is believed even when the flag is given.
  if (typeof said === 'boolean') return { trusted: said, source: 'client' };
  if (argv.includes(TRUSTED_FLAG)) return { trusted: true, source: 'flag' };
  return {
    trusted: false,
    source: 'default',
    message:
      'Archlens: the editor sent no workspace trust, so Archlens runs in limited mode (no git, no file writes). ' +
      `To trust this workspace, set initializationOptions = { trusted = true } in the editor's configuration or start the server with ${TRUSTED_FLAG}.`,
  };
}
