// The first thing a newcomer runs: materialises the example data platform as a git repository with a dated
// history, then shows what Archlens finds in it (the index, then the CI check with its stale documentation).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const target = process.argv[2] ?? path.join(mkdtempSync(path.join(tmpdir(), 'archlens-demo-')), 'data-platform');
execFileSync(process.execPath, ['scripts/make-example-repo.mjs', target], { stdio: 'inherit' });
const archlens = (...args) => spawnSync(process.execPath, ['bin/archlens.js', ...args], { stdio: 'inherit' });

console.log('\n$ archlens index', target);
archlens('index', target);
console.log('\n$ archlens check', target);
const check = archlens('check', target);
console.log(`\n(check exited ${check.status}: 1 means findings at warning level or above, as a CI job would fail)`);
console.log(`Open ${target} in VS Code with the extension installed to see the same findings in the editor.`);
