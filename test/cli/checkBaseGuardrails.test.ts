// `archlens check --base <ref>` and guardrails on a real repository: a violation the base already had is not the
// change's (even in a file the change edited or renamed, or a folder that lacked its required file before), a
// violation the range added is reported, once per added occurrence.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';
import { gitRepo, type GitRepoFixture } from '../helpers/gitRepo';

const DECISION = 'docs/adr/0001-serving-stays-light.md';
const DECISION_TEXT = `---
guardrails:
  - forbid-import: { from: "serving/**", module: "airflow", reason: "serving must start in a second" }
  - forbid-text: { in: "marts/**", text: "source(" }
  - require-file: "models/**/schema.yml"
---
# 1. Serving stays light

Date: 2025-01-10

## Status

Accepted

## Decision

Serving code imports no orchestration library.
`;

const MART = `select
  order_id,
  customer_id,
  amount,
  currency,
  created_at
from {{ source('raw', 'orders') }}
`;

let repo: GitRepoFixture | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

async function check(dir: string, ...args: string[]): Promise<{ code: number; findings: Finding[] }> {
  let stdout = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined }, cwd: dir };
  const code = await runCli(['check', '--format', 'json', ...args], io);
  return { code, findings: JSON.parse(stdout).findings };
}

const guardrails = (findings: Finding[]) => findings.filter((f) => f.code === 'guardrail').map((f) => `${f.path}:${f.line} ${f.message}`);

describe('check --base with guardrails', () => {
  it('reports only the violations the range introduced', async () => {
    repo = await gitRepo({
      commits: [
        {
          date: '2025-01-10T09:00:00Z',
          message: 'Serving stays light',
          files: {
            [DECISION]: DECISION_TEXT,
            // Violations that predate the change.
            'serving/app.py': 'import airflow\n\ndef main():\n    return 1\n',
            'marts/orders.sql': MART,
            'models/old/m.sql': 'select 1\n',
          },
        },
      ],
    });
    const whole = guardrails((await check(repo.dir)).findings);
    // The base has three violations of its own.
    expect(whole).toHaveLength(3);

    await repo.branch('feature');
    await repo.commit({
      date: '2025-02-01T09:00:00Z',
      message: 'Serve from a DAG',
      rename: [['marts/orders.sql', 'marts/orders_v2.sql']],
      files: {
        // Edited: the old import stays (not reported), a second one is added (reported).
        'serving/app.py': 'import airflow\nimport os\nfrom airflow import DAG\n\ndef main():\n    return 2\n',
        // A new file with a forbidden import.
        'serving/jobs.py': 'import airflow.models\n',
        // Renamed, with an edit: its old violation is not new.
        'marts/orders_v2.sql': `${MART}where amount > 0\n`,
        // A new model folder without its schema.yml.
        'models/new/m.sql': 'select 2\n',
      },
    });

    const r = await check(repo.dir, '--base', 'main');
    expect(guardrails(r.findings)).toEqual([
      `${DECISION}:5 models/new/ has no schema.yml, required by ADR-0001 (Serving stays light): Serving code imports no orchestration library`,
      'serving/app.py:3 Import of airflow is forbidden in serving/** by ADR-0001 (Serving stays light): serving must start in a second',
      'serving/jobs.py:1 Import of airflow.models is forbidden in serving/** by ADR-0001 (Serving stays light): serving must start in a second',
    ]);
    expect(r.code).toBe(1);

    // Without --base the whole folder still shows every violation, old and new.
    expect(guardrails((await check(repo.dir)).findings)).toHaveLength(6);
  }, 60_000);

  it('reports nothing when the range only touched files that already broke a guardrail', async () => {
    repo = await gitRepo({
      commits: [
        {
          date: '2025-01-10T09:00:00Z',
          message: 'Serving stays light',
          files: { [DECISION]: DECISION_TEXT, 'serving/app.py': 'import airflow\n', 'models/a/schema.yml': 'version: 2\n' },
        },
      ],
    });
    await repo.branch('feature');
    await repo.commit({ date: '2025-02-01T09:00:00Z', message: 'Comment', files: { 'serving/app.py': '# the scheduler client\nimport airflow\n' } });
    const r = await check(repo.dir, '--base', 'main');
    expect(guardrails(r.findings)).toEqual([]);
    expect(r.code).toBe(0);
    // The same edit on the base's side of the comparison would be reported: the file does break the guardrail.
    expect(guardrails((await check(repo.dir)).findings)).toEqual([
      'serving/app.py:2 Import of airflow is forbidden in serving/** by ADR-0001 (Serving stays light): serving must start in a second',
    ]);
  }, 60_000);
});
