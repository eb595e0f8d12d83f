// The guardrail rule per kind and per decision status, on small workspaces indexed for real: what is flagged,
// where, at which severity, with which message, and what a bad guardrail becomes.
import { describe, expect, it } from 'vitest';
import { ArchitectureIndex } from '../../../server/src/core/archIndex';
import { guardrailIndex } from '../../../server/src/core/guardrails';
import type { IndexSnapshot } from '../../../server/src/core/snapshot';
import { MemoryWorkspace } from '../../../server/src/core/workspace';
import { parseGuardrails } from '../../../server/src/core/guardrails/parse';
import { guardrailFindings } from '../../../server/src/features/guardrails';
import { featureFixture } from '../../features/helpers';

function decision(n: number, status: string, guardrails: string, extra = ''): string {
  return `---\nstatus: ${status}\n${extra}guardrails:\n${guardrails}\n---\n\n# Decision ${n}\n\n## Decision Outcome\n\nChosen option: "x", because it keeps the layers apart. More text.\n`;
}

async function findings(files: Record<string, string>, path: string) {
  const f = await featureFixture({ files });
  return guardrailFindings(f.ctx, f.doc(path)).map((x) => ({
    severity: x.severity,
    at: `${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}`,
    message: x.message,
    related: (x.related ?? []).map((r) => `${r.path}:${r.line}`),
  }));
}

describe('guardrail kinds', () => {
  it('forbid-dependency: every manifest, names compared per ecosystem, on the name', async () => {
    const files = {
      'docs/adr/0006-data-quality.md': decision(6, 'accepted', '  - forbid-dependency: great-expectations'),
      'airflow/requirements.txt': 'apache-airflow==2.9.3\ngreat_expectations>=0.18\n',
      'console/package.json': '{ "dependencies": { "great-expectations": "1.0.0" } }',
    };
    expect(await findings(files, 'airflow/requirements.txt')).toEqual([
      {
        severity: 'warning',
        at: '2:0-2:18',
        message: 'Dependency great_expectations is forbidden by ADR-0006 (Decision 6): Chosen option: "x", because it keeps the layers apart',
        related: ['docs/adr/0006-data-quality.md:4'],
      },
    ]);
    // The npm package of the same name is another package only when the ecosystem is named.
    expect(await findings(files, 'console/package.json')).toHaveLength(1);
    files['docs/adr/0006-data-quality.md'] = decision(6, 'accepted', '  - forbid-dependency: { name: great-expectations, ecosystem: pypi, in: "airflow/**" }');
    expect(await findings(files, 'console/package.json')).toEqual([]);
    expect(await findings(files, 'airflow/requirements.txt')).toHaveLength(1);
  });

  it('forbid-import: files under from, the module and what is below it, with the reason written', async () => {
    const files = {
      'docs/adr/0003-serving.md': decision(3, 'accepted', '  - forbid-import: { from: "serving/**", module: airflow, reason: "serving must not depend on the scheduler" }'),
      'serving/api/main.py': 'import os\nfrom airflow.models import DAG\nimport airflowlike\n',
      'airflow/dags/a.py': 'from airflow.models import DAG\n',
    };
    expect(await findings(files, 'serving/api/main.py')).toEqual([
      {
        severity: 'warning',
        at: '2:5-2:19',
        message: 'Import of airflow.models is forbidden in serving/** by ADR-0003 (Decision 3): serving must not depend on the scheduler',
        related: ['docs/adr/0003-serving.md:4'],
      },
    ]);
    expect(await findings(files, 'airflow/dags/a.py')).toEqual([]);
  });

  it('forbid-import: dbt sources by glob, so marts read staging models only', async () => {
    const files = {
      'docs/adr/0004-medallion.md': decision(4, 'accepted', '  - forbid-import: { from: "dbt/models/marts/**", module: "source:*" }'),
      'dbt/models/marts/fct.sql': "select * from {{ ref('stg_orders') }}\njoin {{ source('cdc', 'orders') }}\n",
      'dbt/models/staging/stg_orders.sql': "select * from {{ source('cdc', 'orders') }}\n",
    };
    const found = await findings(files, 'dbt/models/marts/fct.sql');
    expect(found.map((f) => f.at)).toEqual(['2:15-2:30']);
    expect(await findings(files, 'dbt/models/staging/stg_orders.sql')).toEqual([]);
  });

  it('forbid-text: literal text, every occurrence, only in the files named', async () => {
    const files = {
      'docs/adr/0004-medallion.md': decision(4, 'accepted', '  - forbid-text: { in: "dbt/models/marts/**", text: "source(" }'),
      'dbt/models/marts/fct.sql': "-- source( in a comment counts: it is text\nselect * from {{ source('cdc', 'orders') }}\n",
      'dbt/models/marts/notes.md': 'Literal: (.*)* source(\n',
    };
    expect((await findings(files, 'dbt/models/marts/fct.sql')).map((f) => f.at)).toEqual(['1:3-1:10', '2:17-2:24']);
    expect((await findings(files, 'dbt/models/marts/notes.md')).map((f) => f.at)).toEqual(['1:15-1:22']);
  });

  it('require-file: each folder the glob names must hold the file; reported on the guardrail', async () => {
    const files = {
      'docs/adr/0004-medallion.md': decision(4, 'accepted', '  - require-file: "dbt/models/**/schema.yml"\n  - require-file: dbt/dbt_project.yml'),
      'dbt/models/staging/schema.yml': 'version: 2\n',
      'dbt/models/staging/stg.sql': 'select 1\n',
      'dbt/models/marts/fct.sql': 'select 1\n',
    };
    expect(await findings(files, 'docs/adr/0004-medallion.md')).toEqual([
      { severity: 'warning', at: '4:4-5:0', message: 'dbt/models/marts/ has no schema.yml, required by ADR-0004 (Decision 4): Chosen option: "x", because it keeps the layers apart', related: ['docs/adr/0004-medallion.md:4'] },
      { severity: 'warning', at: '5:4-6:0', message: 'dbt/dbt_project.yml is missing, required by ADR-0004 (Decision 4): Chosen option: "x", because it keeps the layers apart', related: ['docs/adr/0004-medallion.md:5'] },
    ]);
  });

  it('adopt-dependency: nothing while the decision stands; flagged with the replacement once it is deprecated or rejected', async () => {
    const files: Record<string, string> = {
      'docs/adr/0006-gx.md': decision(6, 'accepted', '  - adopt-dependency: { name: great-expectations, replacement: "dbt tests" }'),
      'airflow/requirements.txt': 'great-expectations==0.18.12\n',
    };
    expect(await findings(files, 'airflow/requirements.txt')).toEqual([]);
    files['docs/adr/0006-gx.md'] = files['docs/adr/0006-gx.md'].replace('status: accepted', 'status: deprecated');
    expect((await findings(files, 'airflow/requirements.txt')).map((f) => [f.severity, f.message])).toEqual([
      ['warning', 'great-expectations comes from ADR-0006 (Decision 6), which is deprecated: Chosen option: "x", because it keeps the layers apart; use dbt tests instead'],
    ]);
    files['docs/adr/0006-gx.md'] = decision(6, 'rejected', '  - adopt-dependency: sagemaker');
    files['airflow/requirements.txt'] = 'sagemaker>=2.200\n';
    expect((await findings(files, 'airflow/requirements.txt')).map((f) => f.message)).toEqual([
      'sagemaker comes from ADR-0006 (Decision 6), which is rejected: Chosen option: "x", because it keeps the layers apart',
    ]);
  });
});

describe('which decisions are enforced', () => {
  const manifest = { 'requirements.txt': 'airflow-provider-x\n' };
  const guard = '  - forbid-dependency: airflow-provider-x';

  it('accepted: the team severity (warning by default, or as configured); proposed: information, "would violate"', async () => {
    expect((await findings({ ...manifest, 'docs/adr/0001-a.md': decision(1, 'accepted', guard) }, 'requirements.txt')).map((f) => f.severity)).toEqual(['warning']);
    expect(
      (await findings({ ...manifest, 'docs/adr/0001-a.md': decision(1, 'accepted', guard), '.archlens.yml': 'severity:\n  guardrail: error\n' }, 'requirements.txt')).map((f) => f.severity),
    ).toEqual(['error']);
    const proposed = await findings({ ...manifest, 'docs/adr/0001-a.md': decision(1, 'proposed', guard) }, 'requirements.txt');
    expect(proposed.map((f) => [f.severity, f.message])).toEqual([
      ['information', 'Would violate proposed ADR-0001 (Decision 1): dependency airflow-provider-x is forbidden: Chosen option: "x", because it keeps the layers apart'],
    ]);
  });

  it('superseded, deprecated, rejected and draft decisions enforce no forbid guardrail', async () => {
    for (const status of ['superseded', 'deprecated', 'rejected', 'draft']) {
      expect(await findings({ ...manifest, 'docs/adr/0001-a.md': decision(1, status, guard) }, 'requirements.txt'), status).toEqual([]);
    }
    // Superseded by relation, whatever the status line says.
    const files = {
      ...manifest,
      'docs/adr/0001-a.md': decision(1, 'accepted', guard),
      'docs/adr/0002-b.md': '---\nstatus: accepted\nsupersedes: 0001-a\n---\n\n# B\n',
    };
    expect(await findings(files, 'requirements.txt')).toEqual([]);
  });

  it('a superseded decision names its successor on its adopted dependency', async () => {
    const files = {
      'requirements.txt': 'great-expectations\n',
      'docs/adr/0001-gx.md': decision(1, 'superseded', '  - adopt-dependency: great-expectations', 'superseded-by: 0002-dbt-tests\n'),
      'docs/adr/0002-dbt-tests.md': '---\nstatus: accepted\nsupersedes: 0001-gx\n---\n\n# dbt tests for data quality\n',
    };
    const [f] = await findings(files, 'requirements.txt');
    expect(f.message).toMatch(/which is superseded.*; use ADR-0002 \(dbt tests for data quality\) instead$/);
  });

  it('turned off with severity off', async () => {
    expect(await findings({ ...manifest, 'docs/adr/0001-a.md': decision(1, 'accepted', guard), '.archlens.yml': 'severity:\n  guardrail: "off"\n' }, 'requirements.txt')).toEqual([]);
  });
});

describe('the vocabulary', () => {
  it('reads every kind in its short and long form', () => {
    const text = decision(
      1,
      'accepted',
      [
        '  - forbid-dependency: great-expectations          # in any dependency manifest',
        '  - forbid-import: { from: "serving/**", module: "airflow" }',
        '  - forbid-text: { in: "dbt/models/marts/**", text: "source(" }',
        '  - require-file: "dbt/models/**/schema.yml"',
        '  - adopt-dependency: { name: sagemaker, ecosystem: pypi, reason: managed feature store SDK }',
      ].join('\n'),
    );
    const { guardrails, problems } = parseGuardrails('docs/adr/0001-a.md', text);
    expect(problems).toEqual([]);
    expect(guardrails.map(({ range: _r, ...g }) => g)).toEqual([
      { kind: 'forbid-dependency', name: 'great-expectations', line: 4 },
      { kind: 'forbid-import', from: ['serving/**'], module: 'airflow', line: 5 },
      { kind: 'forbid-text', in: ['dbt/models/marts/**'], text: 'source(', line: 6 },
      { kind: 'require-file', path: 'dbt/models/**/schema.yml', line: 7 },
      { kind: 'adopt-dependency', name: 'sagemaker', ecosystem: 'pypi', reason: 'managed feature store SDK', line: 8 },
    ]);
  });

  it('an invalid guardrail is a problem on its own line, and the valid ones still count', async () => {
    const text = decision(
      1,
      'accepted',
      [
        '  - forbid-dependency: great-expectations',
        '  - forbid-regex: "(a+)+$"',
        '  - forbid-import: { from: "serving/**" }',
        '  - forbid-dependency: { name: x, ecosystem: rubygems }',
        '  - forbid-text: { in: "a/**", text: "x", flags: i }',
        '  - just a string',
        '  - forbid-dependency:',
      ].join('\n'),
    );
    const { guardrails, problems } = parseGuardrails('docs/adr/0001-a.md', text);
    expect(guardrails.map((g) => g.kind)).toEqual(['forbid-dependency']);
    expect(problems.map((p) => `${p.line} ${p.code} ${p.message}`)).toEqual([
      '5 bad-guardrail unknown guardrail kind "forbid-regex"; the kinds are forbid-dependency, forbid-import, forbid-text, require-file, adopt-dependency',
      '6 bad-guardrail invalid forbid-import: it needs `module`',
      '7 bad-guardrail invalid forbid-dependency: ecosystem must be one of npm, pypi, go, maven, cargo, helm, docker, terraform, dbt',
      '8 bad-guardrail invalid forbid-text: unknown key `flags` (keys: in, text, reason, replacement)',
      '9 bad-guardrail a guardrail is one of forbid-dependency, forbid-import, forbid-text, require-file, adopt-dependency with its value, e.g. `- forbid-dependency: name`',
      '10 bad-guardrail invalid forbid-dependency: it has no value',
    ]);
    // The index reports them with the decision's other problems.
    const f = await featureFixture({ files: { 'docs/adr/0001-a.md': text } });
    expect(f.snapshot.problems.filter((p) => p.code === 'bad-guardrail').map((p) => p.line)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(guardrailIndex(f.snapshot).entries).toHaveLength(1);
  });

  it('guardrails that is not a list is one problem on its key', () => {
    const { problems } = parseGuardrails('a.md', '---\nstatus: accepted\nguardrails: great-expectations\n---\n# A\n');
    expect(problems.map((p) => [p.line, p.message])).toEqual([[3, 'guardrails must be a list of entries such as `- forbid-dependency: name`']]);
  });
});

describe('forbid-text across snapshots', () => {
  it('reads a file with a record once while it is unchanged, and again after it changes', async () => {
    const files: Record<string, string> = {
      'docs/adr/0004-medallion.md': decision(4, 'accepted', '  - forbid-text: { in: "dbt/models/marts/**", text: "source(" }'),
      'dbt/models/marts/fct.sql': "select * from {{ source('cdc', 'orders') }}\n",
      'dbt/models/marts/dim.sql': 'select 1\n',
      'src/job.py': '# nothing\n',
    };
    const index = new ArchitectureIndex(new MemoryWorkspace(files));
    const reads: string[] = [];
    const read = async (p: string) => {
      reads.push(p);
      return files[p];
    };
    const violations = async (s: IndexSnapshot) => {
      const g = guardrailIndex(s);
      await g.loadTexts(read);
      return g.findingsOf('docs/adr/0004-medallion').map((f) => f.path);
    };
    expect(await violations(await index.rebuild())).toEqual(['dbt/models/marts/fct.sql']);
    expect(reads.sort()).toEqual(['dbt/models/marts/dim.sql', 'dbt/models/marts/fct.sql']);
    // An edit elsewhere is a new snapshot whose guardrails do not read again a file the index keeps a record of
    // (fct.sql's source() is an import); a file the index holds nothing about has no record to keep its text on.
    reads.length = 0;
    expect(await violations(await index.setOverlay('src/job.py', '# ADR-0004\n'))).toEqual(['dbt/models/marts/fct.sql']);
    expect(reads).toEqual(['dbt/models/marts/dim.sql']);
    reads.length = 0;
    // An edit of a file it checks is read again, and its violation found.
    files['dbt/models/marts/dim.sql'] = "select * from {{ source('cdc', 'x') }}\n";
    expect(await violations(await index.setOverlay('dbt/models/marts/dim.sql', files['dbt/models/marts/dim.sql']))).toEqual([
      'dbt/models/marts/dim.sql',
      'dbt/models/marts/fct.sql',
    ]);
    expect(reads).toEqual(['dbt/models/marts/dim.sql']);
  });
});
