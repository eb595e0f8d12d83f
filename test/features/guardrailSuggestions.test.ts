// Suggested guardrails: a MADR decision's unchosen options that name packages the tree declares or imports become
// code actions that write the front matter (comments and order kept); nothing is enforced until one is accepted.
import { describe, expect, it } from 'vitest';
import { guardrailIndex } from '../../server/src/core/guardrails';
import { unchosenOptions } from '../../server/src/core/guardrails/suggest';
import { completion } from '../../server/src/features/completion';
import { suggestedGuardrailActions } from '../../server/src/features/guardrails';
import { applyTextEdits } from '../protocol/client';
import { featureFixture } from './helpers';

const DECISION = 'docs/adr/0009-data-quality-checks.md';
const madr = (frontMatter: string) => `${frontMatter}# Data quality checks as dbt tests

## Considered Options

* dbt tests next to each model
* Great Expectations suites run by Airflow
* Soda Core checks
* A hand-written \`pandera\` validation step

## Decision Outcome

Chosen option: "dbt tests next to each model", because the checks live with the models they check.
`;
const TREE = {
  'airflow/requirements.txt': 'apache-airflow==2.9.3\ngreat_expectations==0.18.12\n',
  'quality/pyproject.toml': '[project]\nname = "quality"\ndependencies = ["soda-core-snowflake>=3", "soda-core>=3.3"]\n',
  'quality/checks.py': 'import pandera as pa\nimport pandas\n',
};

async function actionsFor(frontMatter: string) {
  const text = madr(frontMatter);
  const f = await featureFixture({ files: { ...TREE, [DECISION]: text } });
  return { f, text, actions: suggestedGuardrailActions(f.ctx, f.doc(DECISION)) };
}

describe('suggested guardrails', () => {
  it('finds the options that were not chosen', () => {
    expect(unchosenOptions(madr(''))).toEqual(['Great Expectations suites run by Airflow', 'Soda Core checks', 'A hand-written pandera validation step']);
    expect(unchosenOptions('# X\n\n## Considered Options\n\n* A\n* B\n')).toEqual([]); // nothing chosen, nothing to suggest
  });

  it('proposes forbidding the packages they name that the tree uses, and all of them at once', async () => {
    const { actions } = await actionsFor('---\nstatus: accepted\n---\n\n');
    expect(actions.map((a) => a.title)).toEqual([
      'Add guardrail: forbid-dependency great-expectations (option not chosen: "Great Expectations suites run by Airflow")',
      'Add guardrail: forbid-dependency soda-core (option not chosen: "Soda Core checks")',
      'Add guardrail: forbid-import pandera (option not chosen: "A hand-written pandera validation step")',
      'Add all 3 suggested guardrails',
    ]);
  });

  it('writes the front matter with the yaml package, leaving what is there byte for byte, and the guardrail is then enforced', async () => {
    const { f, text, actions } = await actionsFor('---\n# Owned by the analytics team\nstatus: accepted   # since 2025-01\ntags: [data-quality]\n---\n\n');
    const all = actions.at(-1)!;
    const edited = applyTextEdits(text, all.edit!.changes![f.uri(DECISION)]);
    expect(edited.split('\n---\n')[0]).toBe(
      [
        '---',
        '# Owned by the analytics team',
        'status: accepted   # since 2025-01',
        'tags: [data-quality]',
        'guardrails:',
        '  - forbid-dependency: { name: great-expectations, ecosystem: pypi }',
        '  - forbid-dependency: { name: soda-core, ecosystem: pypi }',
        '  - forbid-import: { from: "**", module: pandera }',
      ].join('\n'),
    );
    expect(edited.endsWith(text.slice(text.indexOf('# Data quality checks')))).toBe(true);
    // Before: nothing enforced. After the edit is accepted and saved: the requirements line is flagged.
    expect(guardrailIndex(f.snapshot).entries).toEqual([]);
    const after = await featureFixture({ files: { ...TREE, [DECISION]: edited } });
    expect(guardrailIndex(after.snapshot).entries.map((e) => `${e.guardrail.kind} ${e.mode}`)).toEqual(['forbid-dependency enforce', 'forbid-dependency enforce', 'forbid-import enforce']);
    // Nothing is suggested twice.
    expect(suggestedGuardrailActions(after.ctx, after.doc(DECISION))).toEqual([]);
  });

  it('gives a decision without front matter one', async () => {
    const { f, text, actions } = await actionsFor('');
    const edited = applyTextEdits(text, actions[1].edit!.changes![f.uri(DECISION)]);
    expect(edited.startsWith('---\nguardrails:\n  - forbid-dependency: { name: soda-core, ecosystem: pypi }\n---\n\n# Data quality checks')).toBe(true);
  });

  it('suggests nothing outside decisions, or when no option names a package in use', async () => {
    const f = await featureFixture({ files: { ...TREE, [DECISION]: madr('').replace(/Great Expectations|Soda Core|`pandera`/g, 'Other') } });
    expect(suggestedGuardrailActions(f.ctx, f.doc(DECISION))).toEqual([]);
    expect(suggestedGuardrailActions(f.ctx, f.doc('airflow/requirements.txt'))).toEqual([]);
  });
});

it('adds to a guardrails list already there, through the yaml document', async () => {
  const { f, text, actions } = await actionsFor('---\nstatus: accepted\nguardrails:\n  - require-file: dbt/dbt_project.yml # the project file\n---\n\n');
  const edited = applyTextEdits(text, actions[0].edit!.changes![f.uri(DECISION)]);
  expect(edited.split('\n---\n')[0]).toBe(
    ['---', 'status: accepted', 'guardrails:', '  - require-file: dbt/dbt_project.yml # the project file', '  - forbid-dependency: { name: great-expectations, ecosystem: pypi }'].join('\n'),
  );
});

describe('guardrail completion in front matter', () => {
  it('offers the kinds, with their schema description and a snippet, on an item of the guardrails list only', async () => {
    const text = '---\nstatus: accepted\nguardrails:\n  - forbid-dependency: x\n  - forb$$\ntags:\n  - $$tag$$\n---\n\n# A\n';
    const f = await featureFixture({ files: { [DECISION]: text } });
    const items = completion(f.ctx, f.doc(DECISION), f.pos(DECISION));
    expect(items.map((i) => i.label)).toEqual(['forbid-dependency', 'forbid-import', 'forbid-text', 'require-file', 'adopt-dependency']);
    expect(items[1].textEdit).toEqual({ range: { start: { line: 4, character: 4 }, end: { line: 4, character: 8 } }, newText: 'forbid-import: { from: "${1:src/**}", module: ${2:module} }' });
    expect((items[1].documentation as { value: string }).value).toMatch(/^Code under `from` must not import `module`/);
    expect(completion(f.ctx, f.doc(DECISION), f.pos(DECISION, 'tag')).map((i) => i.label)).not.toContain('forbid-import');
  });
});
