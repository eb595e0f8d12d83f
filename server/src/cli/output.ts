// Where a command's document goes: standard output, or the file named by --output (relative to the current folder).
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CliIO } from './run';

export async function writeOutput(text: string, output: string | undefined, io: CliIO): Promise<void> {
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  const file = path.resolve(io.cwd, output);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}
