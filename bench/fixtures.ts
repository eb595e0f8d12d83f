// Deterministic generators for the index benchmarks: a monorepo of packages, each with its own decision log in
// one of the common formats, a few architecture views, and a thousand small source files that sometimes cite a
// decision, plus a 10,000-term glossary at the root. The same seed always writes the same bytes, so two runs
// measure the same work.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** mulberry32: small, fast and deterministic. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MonorepoShape {
  packages: number;
  decisionsPerPackage: number;
  viewsPerPackage: number;
  sourcesPerPackage: number;
  /** Terms of the root glossary, split between glossary.yml and a definition list in docs/glossary.md. */
  terms: number;
  /** Share of source files that cite a decision in a comment. */
  citingShare: number;
  seed: number;
}

/** 100 × (90 decisions + 10 views) = 10,000 documents; 100 × 1,000 = 100,000 source files; 10,000 terms. */
export const FULL_SHAPE: MonorepoShape = {
  packages: 100,
  decisionsPerPackage: 90,
  viewsPerPackage: 10,
  sourcesPerPackage: 1000,
  terms: 10_000,
  citingShare: 0.1,
  seed: 2024,
};

export interface Monorepo {
  root: string;
  shape: MonorepoShape;
  /** Workspace-relative paths, sorted, by what they are. */
  decisions: string[];
  views: string[];
  sources: string[];
  glossaries: string[];
  /** Every term name of the root glossary. */
  terms: string[];
  /** How many files and bytes were written. */
  files: number;
  bytes: number;
  remove(): Promise<void>;
}

const SYLLABLES = ['ka', 'lo', 'ne', 'tri', 'vo', 'mar', 'sen', 'dul', 'pex', 'qua', 'rin', 'sto', 'zu', 'bel', 'cor', 'fen', 'gi', 'hal'];
const STATUSES = ['Accepted', 'Accepted', 'Accepted', 'Proposed', 'Deprecated', 'Rejected', 'Draft'];
const FORMATS = ['nygard', 'madr3', 'madr2', 'table', 'bold', 'log4brains'] as const;
type Format = (typeof FORMATS)[number];

/** A folder for scratch data: /dev/shm when there is one, since writing 110,000 files to a disk takes minutes. */
export function scratchDir(prefix: string): string {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, prefix));
}

/** Writes the monorepo into a fresh scratch folder and returns what is where. */
export function generateMonorepo(shape: MonorepoShape = FULL_SHAPE): Monorepo {
  const root = scratchDir('archlens-index-bench-');
  const rand = random(shape.seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const word = () => pick(SYLLABLES) + pick(SYLLABLES) + (rand() < 0.5 ? pick(SYLLABLES) : '');
  const vocabulary = Array.from({ length: 4000 }, word);
  const words = (n: number) => Array.from({ length: n }, () => pick(vocabulary)).join(' ');

  const out: Monorepo = { root, shape, decisions: [], views: [], sources: [], glossaries: [], terms: [], files: 0, bytes: 0, remove: () => fs.promises.rm(root, { recursive: true, force: true }) };
  const madeDirs = new Set<string>();
  const write = (rel: string, text: string) => {
    const dir = path.posix.dirname(rel);
    if (!madeDirs.has(dir)) {
      fs.mkdirSync(path.join(root, dir), { recursive: true });
      madeDirs.add(dir);
    }
    fs.writeFileSync(path.join(root, rel), text);
    out.files++;
    out.bytes += Buffer.byteLength(text);
  };

  // The root glossary: unique multi-word terms, most with aliases, half in YAML and half in a definition list.
  const seen = new Set<string>();
  while (out.terms.length < shape.terms) {
    const t = words(1 + int(3));
    if (!seen.has(t)) {
      seen.add(t);
      out.terms.push(t);
    }
  }
  const half = Math.floor(out.terms.length / 2);
  const yaml = ['terms:'];
  for (const t of out.terms.slice(0, half)) {
    yaml.push(`  - name: ${t}`, `    aliases: [${t.replace(/ /g, '-')}, ${t} ${pick(vocabulary)}]`, `    definition: The ${words(6)} of ${words(4)}.`);
  }
  write('glossary.yml', `${yaml.join('\n')}\n`);
  const md = ['# Glossary', ''];
  for (const t of out.terms.slice(half)) md.push(t, `${t.replace(/ /g, '_')}`, `: The ${words(8)}.`, '');
  write('docs/glossary.md', md.join('\n'));
  out.glossaries.push('docs/glossary.md', 'glossary.yml');

  for (let p = 0; p < shape.packages; p++) {
    const pkg = `packages/p${String(p).padStart(3, '0')}`;
    const format: Format = FORMATS[p % FORMATS.length];
    const log4brains = format === 'log4brains';
    const decisionFiles: string[] = [];
    for (let n = 1; n <= shape.decisionsPerPackage; n++) {
      const title = `${cap(words(3))} for ${words(2)}`;
      const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const name = log4brains
        ? `${2020 + Math.floor(n / 40)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}-${slug}.md`
        : `${String(n).padStart(4, '0')}-${slug}.md`;
      decisionFiles.push(name);
    }
    for (let n = 1; n <= shape.decisionsPerPackage; n++) {
      const file = decisionFiles[n - 1];
      // Every tenth decision supersedes the one before it, and both sides say so.
      const supersededBy = n % 10 === 9 && n < shape.decisionsPerPackage ? decisionFiles[n] : undefined;
      const supersedes = n % 10 === 0 ? decisionFiles[n - 2] : undefined;
      const status = supersededBy ? 'Superseded' : pick(STATUSES);
      const date = `20${20 + (n % 5)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
      const text = decisionText(format, n, file, status, date, supersedes, supersededBy, pkg, words, int);
      const rel = `${pkg}/docs/adr/${file}`;
      write(rel, text);
      out.decisions.push(rel);
    }
    for (let v = 0; v < shape.viewsPerPackage; v++) {
      const rel = `${pkg}/docs/architecture/${String(v).padStart(2, '0')}-${pick(['module', 'deployment', 'data-pipeline', 'component-and-connector'])}-view.md`;
      write(rel, viewText(v, pkg, words, int));
      out.views.push(rel);
    }
    for (let s = 0; s < shape.sourcesPerPackage; s++) {
      const rel = `${pkg}/src/mod${String(Math.floor(s / 50)).padStart(2, '0')}/${pick(vocabulary)}_${s}.${pick(['ts', 'py', 'go', 'sql', 'yaml'])}`;
      write(rel, sourceText(rand() < shape.citingShare, shape.decisionsPerPackage, words, int));
      out.sources.push(rel);
    }
  }
  for (const list of [out.decisions, out.views, out.sources, out.glossaries]) list.sort();
  return out;
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function decisionText(
  format: Format,
  n: number,
  file: string,
  status: string,
  date: string,
  supersedes: string | undefined,
  supersededBy: string | undefined,
  pkg: string,
  words: (n: number) => string,
  int: (n: number) => number,
): string {
  const title = file.replace(/^\d+-/, '').replace(/\.md$/, '').replace(/-/g, ' ');
  const body = [
    '## Context',
    '',
    ...Array.from({ length: 6 + int(10) }, () => `${cap(words(12))}, ${words(8)}.`),
    '',
    '## Decision',
    '',
    `We will ${words(10)} in \`${pkg}/src/mod${String(int(20)).padStart(2, '0')}/\`, as ADR-${String(1 + int(90)).padStart(4, '0')} set out.`,
    ...Array.from({ length: 3 + int(6) }, () => `- ${cap(words(9))}.`),
    '',
    '## Consequences',
    '',
    ...Array.from({ length: 4 + int(6) }, () => `${cap(words(14))}.`),
    '',
  ];
  const statusLine = supersededBy ? `Superseded by [${supersededBy}](${supersededBy})` : status;
  const links = supersedes ? [`Supersedes [${supersedes}](${supersedes})`, ''] : [];
  switch (format) {
    case 'nygard':
      return [`# ${n}. ${cap(title)}`, '', `Date: ${date}`, '', '## Status', '', statusLine, '', ...links, ...body].join('\n');
    case 'madr3':
      return [
        '---',
        `status: ${supersededBy ? `superseded by ${supersededBy.replace(/\.md$/, '')}` : status.toLowerCase()}`,
        `date: ${date}`,
        `decision-makers: [${cap(words(2))}, ${cap(words(2))}]`,
        `tags: [${words(1)}, ${words(1)}]`,
        ...(supersedes ? [`supersedes: ${supersedes.replace(/\.md$/, '')}`] : []),
        `governs:`,
        `  - ${pkg}/src/mod${String(int(20)).padStart(2, '0')}/**`,
        '---',
        '',
        `# ${cap(title)}`,
        '',
        ...body,
      ].join('\n');
    case 'madr2':
    case 'log4brains': {
      const bullet = format === 'madr2' ? '*' : '-';
      return [`# ${cap(title)}`, '', `${bullet} Status: ${statusLine}`, `${bullet} Deciders: ${cap(words(2))}`, `${bullet} Date: ${date}`, '', ...links, ...body].join('\n');
    }
    case 'table':
      return [`# ${cap(title)}`, '', '| Field | Value |', '|---|---|', `| Status | ${statusLine} |`, `| Date | ${date} |`, '', ...links, ...body].join('\n');
    case 'bold':
      return [`# ${n}. ${cap(title)}`, '', `**Status**: ${statusLine}`, `**Date**: ${date}`, '', ...links, ...body].join('\n');
  }
}

function viewText(v: number, pkg: string, words: (n: number) => string, int: (n: number) => number): string {
  const elements = Array.from({ length: 8 }, (_, e) => `| ${cap(words(2))} ${e} | ${words(8)} | \`${pkg}/src/mod${String((v * 2 + e) % 20).padStart(2, '0')}/\` |`);
  return [
    '---',
    `view: ${['module', 'deployment', 'data-pipeline', 'c&c'][v % 4]}`,
    '---',
    `# ${cap(words(2))} view`,
    '',
    '## Primary Presentation',
    '',
    '```mermaid',
    'flowchart LR',
    ...Array.from({ length: 6 }, (_, i) => `  e${i} --> e${(i + 1) % 6}`),
    '```',
    '',
    '## Element Catalog',
    '',
    '| Element | Responsibility | Code |',
    '|---|---|---|',
    ...elements,
    '',
    '## Rationale',
    '',
    ...Array.from({ length: 4 + int(4) }, () => `${cap(words(14))}.`),
    '',
  ].join('\n');
}

function sourceText(cites: boolean, decisions: number, words: (n: number) => string, int: (n: number) => number): string {
  const lines = [`// ${cap(words(8))}.`];
  if (cites) lines.push(int(2) ? `// See ADR-${String(1 + int(decisions)).padStart(4, '0')} for why ${words(4)}.` : `// @adr ${1 + int(decisions)}`);
  for (let i = 0, n = 8 + int(12); i < n; i++) lines.push(`  const ${words(1)}_${i} = ${words(1)}(${int(1000)}, "${words(2)}");`);
  return `${lines.join('\n')}\n`;
}

/** About `bytes` of source text whose comments use the given terms, for the term scanner. */
export function proseWithTerms(terms: readonly string[], bytes: number, seed = 7): string {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const r = rand();
    const line =
      r < 0.3
        ? `  // The ${pick(terms)} feeds the ${pick(terms)} before the ${pick(terms).split(' ')[0]} step.`
        : r < 0.7
          ? `  const ${pick(terms).replace(/ /g, '_')} = load(${Math.floor(rand() * 1000)}, "${pick(terms)}");`
          : `  if (value > ${Math.floor(rand() * 100)}) return next(value); // déjà-vu 😀`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}
