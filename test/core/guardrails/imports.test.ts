// Each import form of each language, on files shaped like real ones, with the exact range of the module name.
import { describe, expect, it } from 'vitest';
import { importReader, readImports, type ImportRef } from '../../../server/src/core/imports';

function at(text: string, refs: ImportRef[]): string[] {
  const lines = text.split(/\r?\n/);
  return refs.map((r) => `${r.module}@${r.range.start.line}:${lines[r.range.start.line - 1].slice(r.range.start.character, r.range.end.character)}`);
}

describe('imports', () => {
  it('Python: import lists with aliases, from-imports, relative ones, parenthesised lists; docstrings are not code', () => {
    const text = [
      '"""Serving API routes.',
      '',
      'import not_code  # inside the module docstring',
      '"""',
      'from __future__ import annotations',
      'import os, sys as system',
      'import airflow.models.dag as dag_module',
      'from fastapi import APIRouter, Depends',
      'from ..store import (',
      '    FeatureStore,',
      '    read_features,',
      ')',
      'from . import health',
      '',
      'def handler():',
      '    import sagemaker.feature_store  # lazy import',
      "    text = 'from x import y'",
      '    return text',
    ].join('\r\n');
    expect(at(text, readImports('serving/api/routes/features.py', text))).toEqual([
      '__future__@5:__future__',
      'os@6:os',
      'sys@6:sys',
      'airflow.models.dag@7:airflow.models.dag',
      'fastapi@8:fastapi',
      '..store@9:..store',
      '.@13:.',
      'sagemaker.feature_store@16:sagemaker.feature_store',
    ]);
  });

  it('TypeScript/JavaScript: import, type import, side-effect import, export-from, require, dynamic import', () => {
    const text = `// import fake from 'in-a-comment';
import type { Lineage } from "./lineageClient";
import React, { useState } from 'react';
import './styles.css';
import {
  S3Client,
  GetObjectCommand,
} from '@aws-sdk/client-s3';
export * from './freshness';
export { cdcEvents as events } from "./cdcEvents";
const kafka = require('kafkajs');
const lazy = await import('@aws-sdk/client-sagemaker-featurestore-runtime');
const notAnImport = "import x from 'y'";
const template = \`require('nope')\`;
obj.import('not-a-module');
import fs = require('node:fs');
`;
    expect(at(text, readImports('console/src/app.tsx', text))).toEqual([
      './lineageClient@2:./lineageClient',
      'react@3:react',
      './styles.css@4:./styles.css',
      '@aws-sdk/client-s3@8:@aws-sdk/client-s3',
      './freshness@9:./freshness',
      './cdcEvents@10:./cdcEvents',
      'kafkajs@11:kafkajs',
      '@aws-sdk/client-sagemaker-featurestore-runtime@12:@aws-sdk/client-sagemaker-featurestore-runtime',
      'node:fs@16:node:fs',
    ]);
  });

  it('Go: single imports, aliased, blank and dot imports, import blocks; stops at the first declaration', () => {
    const text = `// Package ingest reads CDC events.
package ingest

import "context"

import (
	"fmt"
	kafka "github.com/segmentio/kafka-go"
	_ "github.com/lib/pq" // driver
	/* block comment */
	. "github.com/onsi/gomega"
)

func main() {
	s := "import \\"fake\\""
}
`;
    expect(at(text, readImports('ingest/main.go', text))).toEqual([
      'context@4:context',
      'fmt@7:fmt',
      'github.com/segmentio/kafka-go@8:github.com/segmentio/kafka-go',
      'github.com/lib/pq@9:github.com/lib/pq',
      'github.com/onsi/gomega@11:github.com/onsi/gomega',
    ]);
  });

  it('Java and Kotlin: plain, static, wildcard and aliased imports', () => {
    const java = `package com.example.cdc;

import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.apache.kafka.clients.consumer.*;

public class Relay {}
`;
    expect(at(java, readImports('src/main/java/com/example/cdc/Relay.java', java))).toEqual([
      'java.util.List@3:java.util.List',
      'org.junit.jupiter.api.Assertions.assertEquals@4:org.junit.jupiter.api.Assertions.assertEquals',
      'org.apache.kafka.clients.consumer@5:org.apache.kafka.clients.consumer',
    ]);
    const kotlin = `package com.example.features

import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient as Client
import kotlinx.coroutines.flow.Flow
`;
    const refs = readImports('src/main/kotlin/Features.kt', kotlin);
    expect(at(kotlin, refs)).toEqual([
      'software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient@3:software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient',
      'kotlinx.coroutines.flow.Flow@4:kotlinx.coroutines.flow.Flow',
    ]);
    expect(refs[0].language).toBe('kotlin');
  });

  it('dbt SQL: ref() with one or two names and a version, source() as source:<source>.<table>', () => {
    const text = `{{ config(materialized='table') }}
with orders as (
    select * from {{ ref('stg_orders') }}
), legacy as (
    select * from {{ ref("finance", "legacy_orders", v=2) }}
), raw as (
    select * from {{ source('cdc', 'orders') }}
)
select * from orders -- preferred_source(x) is not a call
`;
    expect(at(text, readImports('dbt/models/marts/fct_orders.sql', text))).toEqual([
      'stg_orders@3:stg_orders',
      'legacy_orders@5:legacy_orders',
      "source:cdc.orders@7:'cdc', 'orders'",
    ]);
  });

  it('reads only the files of the languages it knows', () => {
    for (const p of ['a.py', 'a.ts', 'a.tsx', 'a.mjs', 'a.go', 'A.java', 'a.kt', 'a.sql']) expect(importReader(p), p).toBeDefined();
    for (const p of ['a.md', 'a.d.ts', 'Makefile', 'a.yaml']) expect(importReader(p), p).toBeUndefined();
  });
});
