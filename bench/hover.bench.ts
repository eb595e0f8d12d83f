// Hover latency: the hover feature called directly, as the server calls it, on a workspace with a 10,000-term
// glossary and a 2 MB source file citing decisions throughout. A hover must cost the same at line 10 and at line
// 50,000, hit or miss, so an editor never waits on it.
// Run: npx vitest bench --run bench/hover.bench.ts
import type { Position } from 'vscode-languageserver-types';
import { beforeAll, bench, describe } from 'vitest';
import { ArchitectureIndex } from '../server/src/core/archIndex';
import { MemoryWorkspace } from '../server/src/core/workspace';
import { featureDocument, type FeatureContext, type FeatureDocument } from '../server/src/features/context';
import { hover } from '../server/src/features/hover';

/** A small deterministic generator (mulberry32), so every run builds the same workspace. */
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
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const SYLLABLES = ['ka', 'lo', 'ne', 'tri', 'vo', 'mar', 'sen', 'dul', 'pex', 'qua', 'rin', 'sto', 'zu', 'bel', 'cor'];
const word = () => pick(SYLLABLES) + pick(SYLLABLES) + (rand() < 0.5 ? pick(SYLLABLES) : '');
const vocabulary = Array.from({ length: 3000 }, word);

// 10,000 terms of one to three words, each with an alias, in one YAML glossary.
const terms: string[] = [];
const seen = new Set<string>();
while (terms.length < 10_000) {
  const t = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(vocabulary)).join(' ');
  if (!seen.has(t)) {
    seen.add(t);
    terms.push(t);
  }
}
const glossary = ['terms:', ...terms.flatMap((t, i) => [`  - name: "${t}"`, `    aliases: ["${t.replace(/ /g, '-')}-x${i}"]`, `    definition: "Term ${i}: ${pick(vocabulary)} ${pick(vocabulary)}."`])].join('\n');

// 40 decisions, so that references resolve and hovers show real decisions.
const decisions: Record<string, string> = {};
for (let n = 1; n <= 40; n++) {
  const number = String(n).padStart(4, '0');
  decisions[`docs/adr/${number}-decision-${n}.md`] = `# ${n}. Decision ${n}\n\nDate: 2024-01-01\n\n## Status\n\n${n % 5 === 0 ? `Superseded by [ADR-${String(n + 1).padStart(4, '0')}](${String(n + 1).padStart(4, '0')}-decision-${n + 1}.md)` : 'Accepted'}\n\n## Decision\n\nWe will ${pick(vocabulary)} the ${pick(terms)}.\n`;
}

// About 2 MB of Python: identifiers and comments built from the terms, a decision reference every 50 lines.
const snake = (t: string) => t.replace(/ /g, '_');
const lines: string[] = [];
let size = 0;
while (size < 2_000_000) {
  const i = lines.length;
  let line: string;
  if (i % 50 === 0) line = `# ADR-${String(1 + (i % 40)).padStart(4, '0')}: the ${pick(terms)} follows this decision.`;
  else if (i % 3 === 0) line = `    # The ${pick(terms)} feeds the ${pick(terms)} before ${pick(vocabulary)}.`;
  else line = `    ${snake(pick(terms))} = ${pick(vocabulary)}_${pick(vocabulary)}(${pick(vocabulary)}, ${i})`;
  lines.push(line);
  size += line.length + 1;
}
const source = lines.join('\n');
const BIG = 'src/pipeline.py';

/** The position `delta` characters into the first occurrence of `needle` at or after line `fromLine` (0-based). */
function at(fromLine: number, needle: RegExp, delta: number): Position {
  for (let l = fromLine; l < lines.length; l++) {
    const m = needle.exec(lines[l]);
    if (m) return { line: l, character: m.index + delta };
  }
  throw new Error(`no ${needle} after line ${fromLine}`);
}

const last = lines.length - 1;
const positions = {
  termEarly: at(10, /# The /, 7),
  termLate: at(last - 300, /# The /, 7),
  identifierLate: at(last - 300, /^ {4}\w/, 5),
  referenceEarly: at(1, /ADR-\d{4}/, 3),
  referenceLate: at(last - 300, /ADR-\d{4}/, 3),
  miss: at(last - 300, /, \d{3,}\)/, 3),
};
const referenceLines = lines.filter((l) => l.startsWith('# ADR-')).length;

let ctx: FeatureContext;
let doc: FeatureDocument;

// The index is built once, before the benchmarks, and checked so that every benchmark measures a real hover.
beforeAll(async () => {
  const index = new ArchitectureIndex(
    new MemoryWorkspace({ '.adr-dir': 'docs/adr\n', 'glossary.yml': glossary, [BIG]: source, ...decisions }),
    { maxFileSize: 10 * 1024 * 1024 },
  );
  const snapshot = await index.rebuild();
  if (snapshot.terms.length < 10_000) throw new Error(`only ${snapshot.terms.length} terms indexed`);
  if (snapshot.decisions.length !== 40) throw new Error(`only ${snapshot.decisions.length} decisions indexed`);
  if (snapshot.referencesIn(BIG).length !== referenceLines) throw new Error(`${snapshot.referencesIn(BIG).length} references indexed`);
  ctx = { snapshot, settings: snapshot.settings, uriOf: (p) => `file:///ws/${p}`, stale: [], trusted: true };
  doc = featureDocument(BIG, ctx.uriOf(BIG), 'python', 1, source);
  for (const [name, p] of Object.entries(positions)) {
    if ((hover(ctx, doc, p) === null) !== (name === 'miss')) throw new Error(`unexpected hover at ${name} ${JSON.stringify(p)}`);
  }
});

describe(`hover: ${terms.length} terms, ${(source.length / 1e6).toFixed(1)} MB file of ${lines.length} lines, ${referenceLines} references`, () => {
  bench('term in a comment near the top', () => {
    hover(ctx, doc, positions.termEarly);
  });
  bench('term in a comment near the end', () => {
    hover(ctx, doc, positions.termLate);
  });
  bench('term inside a snake_case identifier near the end', () => {
    hover(ctx, doc, positions.identifierLate);
  });
  bench('decision reference near the top', () => {
    hover(ctx, doc, positions.referenceEarly);
  });
  bench('decision reference near the end', () => {
    hover(ctx, doc, positions.referenceLate);
  });
  bench('nothing under the cursor', () => {
    hover(ctx, doc, positions.miss);
  });
});

describe('hover: per document version (the server caches it)', () => {
  bench('featureDocument of the 2 MB file', () => {
    featureDocument(BIG, doc.uri, 'python', 2, source);
  });
});
