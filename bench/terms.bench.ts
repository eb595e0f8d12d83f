// The term matcher against the floor of touching every line and every word of the same text once.
// Run: npx vitest bench --run bench/terms.bench.ts
import { bench, describe } from 'vitest';
import { TermMatcher } from '../server/src/core/terms/matcher';

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

const rand = random(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const SYLLABLES = ['ka', 'lo', 'ne', 'tri', 'vo', 'mar', 'sen', 'dul', 'pex', 'qua', 'rin', 'sto', 'zu', 'bel', 'cor'];
const word = () => pick(SYLLABLES) + pick(SYLLABLES) + (rand() < 0.5 ? pick(SYLLABLES) : '');
const vocabulary = Array.from({ length: 3000 }, word);

// 10,000 terms of one to three words, each with three aliases (one an acronym-like spelling).
const terms: string[] = [];
const seen = new Set<string>();
while (terms.length < 10_000) {
  const n = 1 + Math.floor(rand() * 3);
  const t = Array.from({ length: n }, () => pick(vocabulary)).join(' ');
  if (!seen.has(t)) {
    seen.add(t);
    terms.push(t);
  }
}
const entries: { text: string; id: number }[] = [];
terms.forEach((t, id) => {
  entries.push({ text: t, id });
  entries.push({ text: `${t} ${pick(vocabulary)}`, id });
  entries.push({ text: t.replace(/ /g, '-'), id });
  entries.push({ text: t.split(' ').map((w) => w.slice(0, 2).toUpperCase()).join('') + 'X', id });
});

// About 1 MB of source: code lines with identifiers built from the vocabulary, comments in prose with terms.
const camel = (ws: string[]) => ws.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
const lines: string[] = [];
let size = 0;
while (size < 1_000_000) {
  const r = rand();
  let line: string;
  if (r < 0.3) line = `  // The ${pick(terms)} feeds ${pick(vocabulary)} and ${pick(terms)}s before the ${pick(vocabulary)}.`;
  else if (r < 0.6)
    line = `  const ${camel(pick(terms).split(' '))} = ${pick(vocabulary)}_${pick(vocabulary)}(${pick(vocabulary)}, 42);`;
  else if (r < 0.8) line = `  if (${pick(vocabulary)}.${pick(vocabulary)} > ${Math.floor(rand() * 1000)}) return "${pick(terms)}";`;
  else line = `  ${pick(vocabulary)}(${pick(vocabulary)}, ${pick(vocabulary)}); 😀 déjà-vu`;
  lines.push(line);
  size += line.length + 1;
}
const source = lines.join('\n');
const matcher = TermMatcher.build(entries);
const WORD = /\w+/g;

describe(`terms: build (${entries.length} entries)`, () => {
  bench('TermMatcher.build', () => {
    TermMatcher.build(entries);
  });
});

describe(`terms: scan ${(source.length / 1e6).toFixed(2)} MB (${matcher.findAll(source).length} matches)`, () => {
  bench('floor: text.split("\\n")', () => {
    source.split('\n');
  });
  bench('floor: one /\\w+/g pass', () => {
    WORD.lastIndex = 0;
    let n = 0;
    while (WORD.exec(source) !== null) n++;
    if (n === 0) throw new Error('no words');
  });
  bench('TermMatcher.findAll', () => {
    matcher.findAll(source);
  });
  bench('TermMatcher.matchAt x1000', () => {
    for (let i = 0; i < 1000; i++) matcher.matchAt(source, (i * 997) % source.length);
  });
});
