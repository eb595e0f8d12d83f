// Runs the command-line tool in-process, as `archlens <args>` would in `cwd`.
import path from 'node:path';
import { runCli } from '../../server/src/cli/run';

export const ROOT = path.resolve(__dirname, '../..');

export async function cli(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd });
  return { code, stdout, stderr };
}
