// The soak test at length: `node scripts/soak.mjs [edits]` (default 20,000) runs test/protocol/soak.test.ts with
// that many edits, with the garbage collector exposed so the heap bound measures live memory.
import { spawnSync } from 'node:child_process';

const edits = process.argv[2] ?? '20000';
const result = spawnSync(process.execPath, ['--expose-gc', 'node_modules/vitest/vitest.mjs', 'run', 'test/protocol/soak.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SOAK_EDITS: edits, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim() },
});
process.exit(result.status ?? 1);
