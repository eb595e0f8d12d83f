import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
// A shared fixture for feature tests: an in-memory workspace indexed for real, a FeatureContext over it, and cursor
// markers in the test texts so that tests can name positions instead of counting characters.
//
// Markers: a bare `$$` is the marker named 'cursor'; `$$name$$` is a named one. Markers are removed before the
// workspace is indexed, so offsets and positions refer to the text the index and the features see.
import type { Position, Range } from 'vscode-languageserver-types';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import type { PartialSettings } from '../../server/src/core/settings';
import type { IndexSnapshot } from '../../server/src/core/snapshot';
import type { StaleFinding } from '../../server/src/core/staleness';
import { LineIndex } from '../../server/src/core/text';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { featureDocument, type FeatureContext, type FeatureDocument } from '../../server/src/features/context';

const MARKER = /\$\$(?:([A-Za-z][\w-]*)\$\$)?/g;

export interface FixtureOptions {
  /** Stale-documentation findings the context carries. */
  stale?: StaleFinding[];
  /** Editor settings, merged over `.archlens.yml` and the defaults as the server does. */
  settings?: PartialSettings;
  /** False for an untrusted workspace. */
  trusted?: boolean;
  /** The folder name in URIs: `file:///<root>/<path>` (several roots stand for a multi-root workspace). */
  root?: string;
}

export interface FeatureFixture {
  ctx: FeatureContext;
  index: ArchitectureIndex;
  snapshot: IndexSnapshot;
  /** The texts as indexed (markers removed). */
  files: Record<string, string>;
  /** The document at a path, with its language id from the extension. */
  doc(path: string, languageId?: string): FeatureDocument;
  /** The LSP position of a marker ('cursor' for a bare `$$`). */
  pos(path: string, marker?: string): Position;
  /** The string offset of a marker in the indexed text. */
  offset(path: string, marker?: string): number;
  /** The LSP range between two markers of one file. */
  range(path: string, startMarker: string, endMarker: string): Range;
  /** The URI of a workspace-relative path. */
  uri(path: string): string;
  /** A readText callback over the fixture's files (undefined for binary or missing files). */
  readText(path: string): Promise<string | undefined>;
}

/** Removes the markers of one text and returns the clean text with the offset of each marker. */
export function stripMarkers(text: string): { text: string; markers: Map<string, number> } {
  const markers = new Map<string, number>();
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MARKER)) {
    out += text.slice(last, m.index);
    const name = m[1] ?? 'cursor';
    if (markers.has(name)) throw new Error(`Marker ${name} appears twice`);
    markers.set(name, out.length);
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  return { text: out, markers };
}

const LANGUAGES: Record<string, string> = {
  py: 'python',
  ts: 'typescript',
  js: 'javascript',
  sql: 'sql',
  yml: 'yaml',
  yaml: 'yaml',
  json: 'json',
  md: 'markdown',
  markdown: 'markdown',
  go: 'go',
  java: 'java',
  sh: 'shellscript',
  tf: 'terraform',
};

export function languageOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return LANGUAGES[ext] ?? 'plaintext';
}

export async function featureFixture(
  input: { files: Record<string, string | Uint8Array> },
  options: FixtureOptions = {},
): Promise<FeatureFixture> {
  const root = options.root ?? 'ws';
  const clean: Record<string, string | Uint8Array> = {};
  const texts: Record<string, string> = {};
  const markers = new Map<string, Map<string, number>>();
  for (const [path, content] of Object.entries(input.files)) {
    if (typeof content !== 'string') {
      clean[path] = content;
      continue;
    }
    const stripped = stripMarkers(content);
    clean[path] = stripped.text;
    texts[path] = stripped.text;
    markers.set(path, stripped.markers);
  }
  const index = new ArchitectureIndex(new MemoryWorkspace(clean), options.settings ?? {});
  const snapshot = await index.rebuild();
  const uri = (p: string) => `file:///${root}/${p}`;
  const ctx: FeatureContext = {
    snapshot,
    settings: index.settings,
    uriOf: uri,
    stale: options.stale ?? [],
    trusted: options.trusted ?? true,
  };
  const textOf = (path: string): string => {
    const t = texts[path];
    if (t === undefined) throw new Error(`No text file ${path} in the fixture`);
    return t;
  };
  const offset = (path: string, marker = 'cursor'): number => {
    const o = markers.get(path)?.get(marker);
    if (o === undefined) throw new Error(`No marker ${marker} in ${path}`);
    return o;
  };
  const pos = (path: string, marker = 'cursor'): Position => {
    const p = new LineIndex(textOf(path)).positionAt(offset(path, marker));
    return { line: p.line - 1, character: p.character };
  };
  return {
    ctx,
    index,
    snapshot,
    files: texts,
    doc: (path, languageId) => featureDocument(path, uri(path), languageId ?? languageOf(path), 1, textOf(path)),
    pos,
    offset,
    range: (path, a, b) => ({ start: pos(path, a), end: pos(path, b) }),
    uri,
    readText: async (path) => texts[path],
  };
}

/**
 * A small data-platform repository in the formats teams really write: a Nygard decision superseded by a MADR one,
 * a MADR 2 amendment, a markdown definition-list glossary and a YAML glossary. Tests add their own code files.
 */
export const DATA_PLATFORM: Readonly<Record<string, string>> = {
  '.adr-dir': 'docs/adr\n',
  'docs/adr/0003-nightly-batch-ingestion.md': [
    '# 3. Nightly batch ingestion with Airflow',
    '',
    'Date: 2024-02-20',
    '',
    '## Status',
    '',
    'Superseded by [7. Kafka Connect and Debezium for CDC](0007-kafka-connect-for-cdc.md)',
    '',
    '## Context',
    '',
    'The warehouse needs the orders and customers tables from the operational databases.',
    '',
    '## Decision',
    '',
    'An Airflow DAG extracts each source table every night and loads it into the warehouse.',
    '',
    '## Consequences',
    '',
    'Data in the warehouse is up to a day old.',
    '',
  ].join('\n'),
  'docs/adr/0007-kafka-connect-for-cdc.md': [
    '---',
    'status: accepted',
    'date: 2024-05-14',
    'decision-makers: [Priya Raman, Kwame Mensah]',
    'supersedes: 0003-nightly-batch-ingestion',
    'governs:',
    '  - connect/debezium/**',
    '  - deploy/helm/kafka-connect/**',
    '---',
    '',
    '# Kafka Connect and Debezium for CDC',
    '',
    'Amended by [12. Incremental snapshots for Debezium](0012-incremental-snapshots.md)',
    '',
    '## Context and Problem Statement',
    '',
    'The nightly batch (ADR-0003) leaves the warehouse a day behind and misses deletes.',
    '',
    '## Decision Outcome',
    '',
    'Chosen option: "Debezium source connectors on Kafka Connect", because Debezium reads the WAL like a replica.',
    'Each source database gets one connector (`connect/debezium/*.json`).',
    '',
  ].join('\n'),
  'docs/adr/0012-incremental-snapshots.md': [
    '# Incremental snapshots for Debezium',
    '',
    '* Status: accepted',
    '* Deciders: Priya Raman, Lena Vogel',
    '* Date: 2024-11-18',
    '',
    'Amends [7. Kafka Connect and Debezium for CDC](0007-kafka-connect-for-cdc.md)',
    '',
    '## Decision Outcome',
    '',
    'Chosen option: "Debezium incremental snapshots", because they read a table in chunks while streaming continues.',
    '',
  ].join('\n'),
  'docs/glossary.md': [
    '# Glossary',
    '',
    'CDC',
    'Change Data Capture',
    ': Reading every committed change from a database log and publishing it as an event (ADR-0007).',
    '',
    'dead letter queue',
    'DLQ',
    ': A topic where a sink connector puts the records it could not write.',
    '',
  ].join('\n'),
  'glossary.yml': [
    'terms:',
    '  - name: ETL',
    '    definition: Extract, transform, load.',
    '  - name: reverse ETL',
    '    aliases: [reverse-ETL, reverse_etl]',
    '    definition: Copying modelled data from the warehouse back into an operational system.',
    '    avoid: [data activation]',
    '  - name: warehouse',
    '    aliases: [data warehouse]',
    '    definition: The analytical database where dbt builds the silver and gold layers.',
    '  - name: bronze layer',
    '    aliases: [bronze]',
    '    definition: Data as it arrived from CDC, append-only and unmodified.',
    '',
  ].join('\n'),
};

/** The text files of the example workspace (examples/data-platform), as the index reads them. */
export function exampleFiles(): Record<string, string> {
  const root = path.resolve(__dirname, '../../examples/data-platform');
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (name === '.git' || name === 'node_modules') continue;
      if (statSync(p).isDirectory()) walk(p);
      else files[path.relative(root, p).split(path.sep).join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return files;
}
