// The decision-reference and markdown-link scanners against the floor of touching every line and word once.
// Run: npx vitest bench --run bench/references.bench.ts
import { bench, describe } from 'vitest';
import { findDecisionReferences, findMarkdownLinks } from '../server/src/core/references';

/** A small deterministic generator (mulberry32), so every run scans the same text. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(7);
const int = (n: number) => Math.floor(rand() * n);
const WORDS = ['address', 'padre', 'adapter', 'ADRs', 'reader', 'cadre', 'value', 'index', 'offset', 'config'];
const word = () => WORDS[int(WORDS.length)];

function generate(kind: 'source' | 'markdown'): string {
  const lines: string[] = [];
  let size = 0;
  while (size < 1_000_000) {
    const r = rand();
    let line: string;
    if (r < 0.02) line = `  // See ADR-${String(int(200)).padStart(4, '0')} for why; also adr ${int(50)}.`;
    else if (r < 0.03) line = ` * @adr ${int(99)}, ${int(99)}`;
    else if (r < 0.04) line = `See [the decision](../docs/adr/${String(int(200)).padStart(4, '0')}-x.md#context) and [api](https://x.io/a.md).`;
    else if (r < 0.05) line = kind === 'markdown' ? '```' : `  const adr = ${word()}[${int(9)}](${word()});`;
    else if (r < 0.5) line = `  const ${word()}_${int(1000)} = ${word()}.${word()}(0x${int(65535).toString(16)}, "${word()} ${word()}");`;
    else line = `  ${word()} ${word()} ${word()}, ${word()} ${word()} — ${word()} 😀 ${word()} ${word()} ${word()}.`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

const source = generate('source');
const markdown = generate('markdown');
const WORD = /\w+/g;

function wordPass(text: string): number {
  WORD.lastIndex = 0;
  let n = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}

describe(`references: ${(source.length / 1e6).toFixed(2)} MB of source (${findDecisionReferences('src/a.ts', source).length} references)`, () => {
  bench('floor: text.split("\\n")', () => {
    source.split('\n');
  });
  bench('floor: one /\\w+/g pass', () => {
    if (wordPass(source) === 0) throw new Error('no words');
  });
  bench('findDecisionReferences', () => {
    findDecisionReferences('src/app/a.ts', source);
  });
});

describe(`references: ${(markdown.length / 1e6).toFixed(2)} MB of markdown (${findMarkdownLinks('docs/a.md', markdown).length} links)`, () => {
  bench('floor: text.split("\\n")', () => {
    markdown.split('\n');
  });
  bench('findDecisionReferences (markdown: fences and code spans)', () => {
    findDecisionReferences('docs/guide/a.md', markdown);
  });
  bench('findMarkdownLinks', () => {
    findMarkdownLinks('docs/guide/a.md', markdown);
  });
});
