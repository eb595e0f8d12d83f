// The sidebar's guardrails over the protocol: forbid-text violations (which need the files' texts, not only the
// index) are listed under their decision in the Decisions view and in "For this file", like every other kind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionsRequest, ForFileRequest } from '../../server/src/protocol';
import { TestClient } from './client';

const DECISION = 'docs/adr/0001-marts-read-staging.md';
let root: string;
let folder: string;
let client: TestClient;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-guardrail-sidebar-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write(DECISION, `---
guardrails:
  - forbid-text: { in: "models/marts/**", text: "source(" }
  - forbid-dependency: great-expectations
---
# 1. Marts read staging models

Date: 2025-01-10

## Status

Accepted

## Decision

Marts read staging models through ref().
`);
  write('models/marts/orders.sql', "select *\nfrom {{ source('raw', 'orders') }}\n");
  write('models/marts/customers.sql', "select * from {{ ref('stg_customers') }}\n");
  write('models/staging/stg_orders.sql', "select * from {{ source('raw', 'orders') }}\n");
  write('requirements.txt', 'great_expectations==0.18\n');
  folder = pathToFileURL(root).href;
  client = TestClient.inProcess();
  await client.initialize({ folders: [{ uri: folder, name: 'fixture' }], initializationOptions: { trusted: false } });
  await client.waitForReady(folder);
});

afterAll(async () => {
  await client?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('guardrail violations in the sidebar', () => {
  it('lists forbid-text violations under the decision, with the dependency one', async () => {
    const decisions = await client.connection.sendRequest(DecisionsRequest, {});
    const d = decisions.find((x) => x.path === DECISION)!;
    expect(d.guardrails?.map((g) => [g.label, g.violations.map((v) => `${v.path}:${v.line}`)])).toEqual([
      ['forbid-text "source(" in models/marts/**', ['models/marts/orders.sql:2']],
      ['forbid-dependency great-expectations', ['requirements.txt:1']],
    ]);
  });

  it('lists the forbid-text violation of the open file in "For this file"', async () => {
    const r = await client.connection.sendRequest(ForFileRequest, { uri: `${folder}/models/marts/orders.sql` });
    expect(r.guardrails?.map((g) => [g.guardrail.label, g.guardrail.violations.map((v) => v.line)])).toEqual([['forbid-text "source(" in models/marts/**', [2]]]);
    // A mart that reads through ref() has the guardrail, and no violation.
    const clean = await client.connection.sendRequest(ForFileRequest, { uri: `${folder}/models/marts/customers.sql` });
    expect(clean.guardrails?.map((g) => g.guardrail.violations.length)).toEqual([0]);
  });

  it('follows an unsaved edit that adds a violation', async () => {
    const uri = `${folder}/models/marts/customers.sql`;
    const since = client.mark();
    await client.open(uri, 'sql', "select * from {{ ref('stg_customers') }}\n");
    await client.change(uri, "select * from {{ ref('stg_customers') }}\nunion all\nselect * from {{ source('raw', 'customers') }}\n");
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'guardrail'), { since });
    const r = await client.connection.sendRequest(ForFileRequest, { uri });
    expect(r.guardrails?.map((g) => g.guardrail.violations.map((v) => v.line))).toEqual([[3]]);
    const decisions = await client.connection.sendRequest(DecisionsRequest, {});
    expect(decisions.find((x) => x.path === DECISION)!.guardrails![0].violations.map((v) => `${v.path}:${v.line}`)).toEqual(['models/marts/customers.sql:3', 'models/marts/orders.sql:2']);
  });
});
