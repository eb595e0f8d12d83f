// The example workspace as a git repository (scripts/make-example-repo.mjs), made once in the scratch folder and
// reused by later runs.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function exampleRepo(projectRoot: string): string {
  const target = path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'archlens-bench-example');
  if (!fs.existsSync(path.join(target, '.git'))) {
    fs.rmSync(target, { recursive: true, force: true });
    execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'make-example-repo.mjs'), target], { stdio: 'pipe' });
  }
  return target;
}
