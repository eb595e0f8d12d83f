// The import and manifest scan behind guardrails, at monorepo scale: 100,000 files of real-shaped Python,
// TypeScript, Go, Java, Kotlin and dbt SQL with a manifest of each ecosystem every hundred files, generated once into
// a scratch folder. Reading and splitting every file is the floor; the scan is the same reads plus readImports and
// readManifest on each file, as the index does per file. In memory, splitting the texts is the floor of parsing them.
// Run: npx vitest bench --run bench/guardrails.bench.ts   (GUARDRAILS_BENCH_FILES=5000 for a quick run)
import { promises as fsp } from 'node:fs';
import fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { readImports } from '../server/src/core/imports';
import { readManifest } from '../server/src/core/manifests';
import { random, scratchDir } from './fixtures';

const FILES = Number(process.env.GUARDRAILS_BENCH_FILES ?? 100_000);
const READ_CONCURRENCY = 64; // as the index reads

const MANIFESTS: [string, (i: number) => string][] = [
  ['package.json', (i) => JSON.stringify({ name: `pkg-${i}`, dependencies: { react: '^18.3.1', '@aws-sdk/client-s3': '^3.600.0', lodash: '4.17.21' }, devDependencies: { vitest: '^2.0.5', typescript: '~5.5.4' } }, null, 2)],
  ['requirements.txt', () => 'apache-airflow[postgres]==2.9.3\nfastapi>=0.111\ngreat_expectations>=0.18,<0.19  # checks\npandas\n'],
  ['pyproject.toml', (i) => `[project]\nname = "svc-${i}"\ndependencies = [\n  "fastapi>=0.111",\n  "SQLAlchemy[asyncio]~=2.0",\n]\n\n[tool.poetry.group.dev.dependencies]\npytest = "^8"\n`],
  ['go.mod', (i) => `module example.com/svc${i}\n\ngo 1.22\n\nrequire (\n\tgithub.com/segmentio/kafka-go v0.4.47\n\tgolang.org/x/sync v0.7.0 // indirect\n)\n`],
  ['pom.xml', () => '<project><dependencies><dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-clients</artifactId><version>3.7.0</version></dependency></dependencies></project>\n'],
  ['Cargo.toml', () => '[dependencies]\ntokio = { version = "1.38", features = ["full"] }\nserde_json = "1"\n'],
  ['Dockerfile', () => 'FROM python:3.11-slim AS build\nRUN pip install -r requirements.txt\nFROM gcr.io/distroless/python3\n'],
  ['Chart.yaml', () => 'apiVersion: v2\nname: svc\nversion: 1.0.0\ndependencies:\n  - name: postgresql\n    version: 15.5.x\n'],
];

function source(kind: number, i: number, rnd: () => number): [string, string] {
  const body = Array.from({ length: 20 + Math.floor(rnd() * 60) }, (_, k) => `    value_${k} = compute(${k}, "text ${i}")`).join('\n');
  switch (kind) {
    case 0:
      return ['py', `"""Module ${i}."""\nfrom __future__ import annotations\nimport os, sys\nfrom airflow.models import DAG\nfrom ..store import read_features\n\n\ndef run():\n${body}\n`];
    case 1:
      return ['ts', `import { useState } from 'react';\nimport type { X } from './x';\nexport * from './y';\nconst s3 = require('@aws-sdk/client-s3');\n\nexport function run() {\n${body.replace(/ {4}/g, '  const ')};\n}\n`];
    case 2:
      return ['go', `package svc\n\nimport (\n\t"context"\n\tkafka "github.com/segmentio/kafka-go"\n)\n\nfunc Run(ctx context.Context) {\n${body.replace(/ {4}/g, '\t')}\n}\n`];
    case 3:
      return ['java', `package com.example.svc;\n\nimport java.util.List;\nimport org.apache.kafka.clients.consumer.*;\n\npublic class Svc${i} {\n${body.replace(/ {4}/g, '  int ')};\n}\n`];
    case 4:
      return ['kt', `package com.example.svc\n\nimport kotlinx.coroutines.flow.Flow\n\nfun run() {\n${body.replace(/ {4}/g, '  val ')}\n}\n`];
    default:
      return ['sql', `{{ config(materialized='table') }}\nselect *\nfrom {{ ref('stg_orders_${i % 50}') }}\njoin {{ source('cdc', 'orders') }} using (order_id)\n-- ${body.length} bytes of comment\n`];
  }
}

let root: string;
let paths: string[] = [];
let texts: string[] = [];
const timings = new Map<string, number[]>();
const median = (xs: number[] = []) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
async function timed<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  timings.set(name, [...(timings.get(name) ?? []), performance.now() - t0]);
  return result;
}

async function readAll(each: (path: string, text: string) => number): Promise<number> {
  let n = 0;
  for (let i = 0; i < paths.length; i += READ_CONCURRENCY) {
    const batch = paths.slice(i, i + READ_CONCURRENCY);
    const read = await Promise.all(batch.map((p) => fsp.readFile(path.join(root, p), 'utf8')));
    read.forEach((t, j) => (n += each(batch[j], t)));
  }
  return n;
}

const scan = (p: string, t: string) => readImports(p, t).length + readManifest(p, t).length;

beforeAll(() => {
  root = scratchDir('archlens-guardrails-');
  const rnd = random(12);
  for (let i = 0; i < FILES; i++) {
    const dir = `pkg${Math.floor(i / 1000)}/mod${Math.floor(i / 100) % 10}`;
    let rel: string;
    let text: string;
    if (i % 100 === 0) {
      const [name, make] = MANIFESTS[(i / 100) % MANIFESTS.length];
      rel = `${dir}/${name}`;
      text = make(i);
    } else {
      const [ext, t] = source(i % 6, i, rnd);
      rel = `${dir}/file${i}.${ext}`;
      text = t;
    }
    fs.mkdirSync(path.join(root, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
    paths.push(rel);
    texts.push(text);
  }
  const found = paths.reduce((n, p, i) => n + scan(p, texts[i]), 0);
  console.log(`generated ${FILES} files at ${root}; ${found} imports and dependencies`);
}, 600_000);

afterAll(() => {
  const ratio = (a: string, b: string) => (median(timings.get(a)) / median(timings.get(b))).toFixed(2);
  console.log(
    [
      `guardrail scan benchmark, ${FILES} files (median ms):`,
      ...[...timings].map(([name, xs]) => `  ${name.padEnd(36)} ${median(xs).toFixed(1).padStart(10)}`),
      `  read+scan / read+split (disk)        ${ratio('read + scan', 'floor: read + split').padStart(10)}`,
      `  scan / split (in memory)             ${ratio('scan in memory', 'split in memory').padStart(10)}`,
    ].join('\n'),
  );
  if (root) fs.rmSync(root, { recursive: true, force: true });
  paths = [];
  texts = [];
});

const HEAVY = { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 };

describe(`guardrail scan: imports and manifests of ${FILES} files`, () => {
  bench('floor: read + split every file', async () => {
    await timed('floor: read + split', () => readAll((_p, t) => t.split('\n').length));
  }, HEAVY);

  bench('read + readImports + readManifest every file', async () => {
    await timed('read + scan', () => readAll(scan));
  }, HEAVY);

  bench('in memory: split every text', () => {
    return timed('split in memory', () => texts.reduce((n, t) => n + t.split('\n').length, 0)) as unknown as Promise<void>;
  }, HEAVY);

  bench('in memory: readImports + readManifest every text', () => {
    return timed('scan in memory', () => paths.reduce((n, p, i) => n + scan(p, texts[i]), 0)) as unknown as Promise<void>;
  }, HEAVY);
});
