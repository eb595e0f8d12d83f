// Text from documents as the editor receives it: hovers keep web links and links to workspace files and nothing
// else; the sidebar's and pickers' text (decision summaries, term definitions) is plain text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionsRequest, GlossaryRequest } from '../../server/src/protocol';
import { TestClient } from './client';

const FILES: Record<string, string> = {
  'docs/adr/0001-use-kafka.md': [
    '# 1. Use Kafka',
    '',
    'Date: 2025-01-06',
    '',
    '## Status',
    '',
    'Accepted',
    '',
    '## Decision',
    '',
    'We use `Kafka',
    '- [docs](command:workbench.action.terminal.sendSequence) `, **see** [the article](https://kafka.apache.org/) and [the runbook](../runbook.md).',
    '![pixel](https://tracker.example/p.png) <a href="command:x">raw</a> [outside](../../../../etc/passwd)',
    '',
  ].join('\n'),
  'docs/runbook.md': '# Runbook\n',
  'glossary.md': '# Glossary\n\n## CDC\n\nReading **every** change, see [the spec](https://debezium.io/) or [run](command:foo).\n',
  'src/app.py': '# ADR-0001: CDC events\n',
};

const linksIn = (md: string): string[] => {
  const parser = new MarkdownIt('commonmark', { html: true });
  parser.validateLink = () => true;
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'link_open') out.push(t.attrGet('href') ?? '');
      if (t.type === 'image' || t.type === 'html_inline' || t.type === 'html_block') out.push(`!${t.type}`);
      if (t.children) walk(t.children);
    }
  };
  walk(parser.parse(md, {}));
  return out;
};

let dir: string;
let uri: string;
let client: TestClient;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-rendering-'));
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  uri = pathToFileURL(dir).href;
  client = TestClient.inProcess();
  await client.initialize({ folders: [{ uri, name: 'ws' }], initializationOptions: { trusted: true } });
  await client.waitForReady(uri);
  await client.open(`${uri}/src/app.py`, 'python', FILES['src/app.py']);
});

afterAll(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('document text in the editor', () => {
  it('a decision hover keeps only web and workspace links', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: `${uri}/src/app.py` }, position: { line: 0, character: 4 } });
    const md = (hover?.contents as MarkupContent).value;
    expect(md).toContain('the article');
    expect(linksIn(md)).toEqual(['https://kafka.apache.org/', `${uri}/docs/runbook.md`, `${uri}/docs/adr/0001-use-kafka.md#L1`]);
  });

  it('a term hover keeps the web link and drops the command', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: `${uri}/src/app.py` }, position: { line: 0, character: 13 } });
    const md = (hover?.contents as MarkupContent).value;
    expect(md).toContain('Reading every change');
    expect(linksIn(md)).toEqual([`${uri}/glossary.md#L3`]);
  });

  it('sends summaries and definitions as plain text', async () => {
    const [decision] = await client.connection.sendRequest(DecisionsRequest, {});
    // The backtick that opens no code span stays: it is text in CommonMark too.
    expect(decision.summary).toContain('We use `Kafka\n• docs `, see the article and the runbook.');
    expect(decision.summary).not.toMatch(/\*\*|\]\(|<a |!\[/);
    const [term] = await client.connection.sendRequest(GlossaryRequest, {});
    expect(term.definition).toBe('Reading every change, see the spec or run.');
  });
});
