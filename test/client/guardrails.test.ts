// The sidebar's guardrails on real protocol data: the example workspace answered by the server's own requests.
// A decision lists its guardrails with their state and current violations; "For this file" lists those that apply.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DecisionItem } from '../../server/src/protocol';
import { decisionChildren } from '../../client/src/model/decisions';
import { forFileSections } from '../../client/src/model/forFile';
import { exampleRequests } from './fixtures';

let requests: Awaited<ReturnType<typeof exampleRequests>>['requests'];
let uriOf: (p: string) => string;
let decisions: DecisionItem[];
const byNumber = (n: number) => decisions.find((d) => d.number === n)!;

beforeAll(async () => {
  ({ requests, uriOf } = await exampleRequests());
  decisions = requests.decisions({});
});

describe('guardrails in the Decisions view', () => {
  it('shows each guardrail with its state and violations under its decision', () => {
    const children = decisionChildren(byNumber(10)).filter((c) => c.kind === 'guardrail' || c.kind === 'violation');
    expect(children).toEqual([
      { kind: 'guardrail', label: 'adopt-dependency sagemaker (pypi)', description: 'flags its uses · 1 violation', uri: uriOf('docs/adr/0010-adopt-a-managed-feature-store.md'), line: 10, violations: 1 },
      { kind: 'violation', label: 'serving/requirements.txt:8', message: expect.stringMatching(/^sagemaker comes from ADR-0010/), uri: uriOf('serving/requirements.txt'), line: 8 },
    ]);
    expect(decisionChildren(byNumber(4)).filter((c) => c.kind === 'guardrail')).toEqual([
      { kind: 'guardrail', label: 'forbid-import source:* from dbt/models/marts/**', description: 'enforced · no violations', uri: uriOf('docs/adr/0004-medallion-layers-in-the-lakehouse.md'), line: 4, violations: 0 },
    ]);
    // A decision without guardrails has no guardrail children, and its item no guardrails field.
    expect(byNumber(7).guardrails).toBeUndefined();
  });
});

describe('guardrails in "For this file"', () => {
  it('lists the guardrails that apply to a file, with the violations in it', () => {
    const mart = forFileSections(requests.forFile({ uri: uriOf('dbt/models/marts/fct_orders.sql') }));
    const section = mart.find((s) => s.kind === 'guardrails');
    expect(section?.label).toBe('Guardrails (1)');
    expect(section?.kind === 'guardrails' && section.guardrails.map((g) => `${g.decision.label}: ${g.guardrail.label}`)).toEqual([
      'ADR-0004 (Medallion layers: bronze, silver and gold): forbid-import source:* from dbt/models/marts/**',
    ]);
    const requirements = forFileSections(requests.forFile({ uri: uriOf('serving/requirements.txt') })).find((s) => s.kind === 'guardrails');
    expect(requirements?.label).toBe('Guardrails (2, 1 violated here)');
    // A staging model is outside the medallion guardrail; a Python module outside every guardrail.
    expect(forFileSections(requests.forFile({ uri: uriOf('dbt/models/staging/stg_orders.sql') })).some((s) => s.kind === 'guardrails')).toBe(false);
    expect(forFileSections(requests.forFile({ uri: uriOf('serving/api/main.py') })).some((s) => s.kind === 'guardrails')).toBe(false);
  });
});
