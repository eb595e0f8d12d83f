// UTF-16 (LE and BE, with their byte-order marks) and UTF-8 with a BOM are read like any other document, as VS
// Code reads them; only real binary files are skipped (and reported).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../server/src/core/text';
import { DecisionsRequest, GlossaryRequest } from '../../server/src/protocol';
import { TestClient } from './client';

const DECISION = (n: number, title: string) => `# ${n}. ${title}\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Decision\n\nWe use Ünïcödé ✓ for ${title}.\n`;

function utf16be(text: string): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return Buffer.from(le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1]));
}

const FILES: Record<string, Buffer> = {
  'docs/adr/0001-utf16-le.md': Buffer.from(`\ufeff${DECISION(1, 'Little endian')}`, 'utf16le'),
  'docs/adr/0002-utf16-be.md': utf16be(DECISION(2, 'Big endian')),
  'docs/adr/0003-utf8-bom.md': Buffer.from(`\ufeff${DECISION(3, 'UTF-8 with a BOM')}`, 'utf8'),
  'docs/adr/0004-binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  'glossary.yml': Buffer.from(`\ufeffterms:\n  - name: Kafka\n    definition: A log of events.\n`, 'utf16le'),
  'src/app.py': utf16be('# ADR-0002 and ADR-0009\nprint("x")\n'),
};

let dir: string;
let uri: string;
let client: TestClient;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-encodings-'));
  for (const [rel, bytes] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
  }
  uri = pathToFileURL(dir).href;
  client = TestClient.inProcess();
  await client.initialize({ folders: [{ uri, name: 'ws' }] });
  await client.waitForReady(uri);
});

afterAll(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('encodings', () => {
  it('decodes UTF-16 LE and BE and UTF-8 with a BOM, and still calls NUL-filled bytes binary', () => {
    for (const rel of ['docs/adr/0001-utf16-le.md', 'docs/adr/0002-utf16-be.md', 'docs/adr/0003-utf8-bom.md']) {
      const decoded = decodeText(FILES[rel]);
      expect(decoded.kind, rel).toBe('text');
      expect(decoded.kind === 'text' && decoded.text.startsWith('# '), rel).toBe(true);
      expect(decoded.kind === 'text' && decoded.text).toContain('Ünïcödé ✓');
    }
    expect(decodeText(FILES['docs/adr/0004-binary.md'])).toEqual({ kind: 'binary' });
  });

  it('indexes the decisions and the glossary whatever their encoding', async () => {
    const decisions = await client.connection.sendRequest(DecisionsRequest, {});
    expect(decisions.map((d) => [d.number, d.title, d.status])).toEqual([
      [1, 'Little endian', 'accepted'],
      [2, 'Big endian', 'accepted'],
      [3, 'UTF-8 with a BOM', 'accepted'],
    ]);
    expect((await client.connection.sendRequest(GlossaryRequest, {})).map((t) => t.term)).toEqual(['Kafka']);
  });

  it('reports references in a UTF-16 source file and the binary file as binary', async () => {
    const diagnostics = await client.waitForDiagnostics(`${uri}/src/app.py`, (d) => d.length > 0);
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([['unknown-decision', 0, 15]]);
    const binary = await client.waitForDiagnostics(`${uri}/docs/adr/0004-binary.md`, (d) => d.length > 0);
    expect(binary.map((d) => d.code)).toEqual(['binary-file']);
  });
});
