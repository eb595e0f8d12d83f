// Writes BENCHMARKS.md from bench/results/<size>.json: one table per size with each measure beside its floor and
// the target it is held to, so a reader sees the ratio, not only the number. The prose around the tables (what
// the numbers mean, where a target is missed and why) is kept in bench/scale/notes.md and copied in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchResult, Measure } from './main';

interface Row {
  measure: string;
  floor?: string;
  /** Target as a multiple of the floor (ratio) or an absolute bound. */
  target?: { ratio?: number; below?: number; unit?: 'ms' | 'MB' };
}

const ROWS: Row[] = [
  { measure: 'cli: archlens index --json', floor: 'floor: read + split all files (sync)', target: { ratio: 2 } },
  { measure: 'cli: archlens index --json', floor: 'peer: vscode-markdown-languageservice workspace symbols', target: { ratio: 1 } },
  { measure: 'server: spawn → ready (decisions, terms)', floor: 'floor: read + split documents (sync)', target: { ratio: 2 } },
  { measure: 'server: spawn → ready (decisions, terms)', floor: 'peer: vscode-markdown-languageservice workspace symbols', target: { ratio: 1 } },
  { measure: 'server: spawn → ready (everything, history read)', floor: 'floor: read + split all files (sync)', target: { ratio: 2 } },
  { measure: 'cli: archlens check', floor: 'cli: archlens index --json', target: {} },
  { measure: 'floor: git log --name-only (one pass)' },
  { measure: 'peer: git log -1 per document' },
  { measure: 'request: hover on a glossary term', floor: 'request: empty (method not found)', target: { below: 1, unit: 'ms' } },
  { measure: 'request: hover on a glossary term while starting', floor: 'request: empty (method not found)', target: { below: 20, unit: 'ms' } },
  { measure: 'request: hover on a glossary term after a decision edit', floor: 'request: empty (method not found)' },
  { measure: 'request: hover on a glossary term after a glossary edit', floor: 'request: empty (method not found)' },
  { measure: 'request: hover on a decision reference', floor: 'request: empty (method not found)', target: { below: 1, unit: 'ms' } },
  { measure: 'request: completion after ADR-', floor: 'request: empty (method not found)' },
  { measure: 'request: completion item resolve (a decision)', floor: 'request: empty (method not found)' },
  { measure: 'request: document symbols of a decision', floor: 'request: empty (method not found)' },
  { measure: 'edit: decision title → diagnostics', target: { below: 50, unit: 'ms' } },
  { measure: 'edit: decision title → diagnostics, after the debounce', target: { below: 50, unit: 'ms' } },
  { measure: 'edit: glossary entry → diagnostics' },
  { measure: 'edit: glossary entry → diagnostics, after the debounce' },
  { measure: 'edit: 10,000-line source file → diagnostics' },
  { measure: 'edit: 10,000-line source file → diagnostics, after the debounce', target: { below: 50, unit: 'ms' } },
  { measure: 'memory: RSS after ready', target: { below: 250, unit: 'MB' } },
  { measure: 'memory: RSS after 2000 edits', target: { below: 300, unit: 'MB' } },
  { measure: 'memory: peak RSS' },
  { measure: 'server: spawn → ready, the example', target: { below: 500, unit: 'ms' } },
];

function show(m: Measure | undefined): string {
  if (!m || m.value === null) return 'n/a';
  if (m.unit === 'bytes') return `${(m.value / 2 ** 20).toFixed(0)} MB`;
  const v = m.value >= 100 ? m.value.toFixed(0) : m.value >= 1 ? m.value.toFixed(1) : m.value.toFixed(3);
  return m.p99 !== undefined ? `${v} ms (p99 ${m.p99.toFixed(2)})` : `${v} ms`;
}

function table(result: BenchResult): string {
  const lines = ['| measure | Archlens | floor / reference | ratio | target | met |', '|---|---|---|---|---|---|'];
  const get = (name: string) => result.measures[name];
  for (const row of ROWS) {
    const m = get(row.measure);
    if (!m) continue;
    const floor = row.floor ? get(row.floor) : undefined;
    const ratio = floor?.value && m.value !== null ? m.value / floor.value : undefined;
    let target = '';
    let met = '';
    if (row.target?.ratio !== undefined && ratio !== undefined) {
      target = row.target.ratio === 1 ? 'faster than the peer' : `≤ ${row.target.ratio}× floor`;
      met = ratio <= row.target.ratio ? 'yes' : 'no';
    } else if (row.target?.below !== undefined && m.value !== null) {
      const value = row.target.unit === 'MB' ? m.value / 2 ** 20 : row.measure.startsWith('request') && floor?.value ? (m.p99 ?? m.value) - floor.value : m.value;
      target = row.measure.startsWith('request') ? `p99 within ${row.target.below} ms of empty` : `< ${row.target.below} ${row.target.unit}`;
      met = value < row.target.below ? 'yes' : 'no';
    }
    lines.push(`| ${row.measure} | ${show(m)} | ${row.floor ? `${show(floor)} (${row.floor})` : ''} | ${ratio !== undefined ? `${ratio.toFixed(1)}×` : ''} | ${target} | ${met} |`);
  }
  const check = get('cli: archlens check');
  const index = get('cli: archlens index --json');
  const gitPass = get('floor: git log --name-only (one pass)');
  if (check?.value && index?.value && gitPass?.value) {
    const bound = index.value + gitPass.value;
    lines.push(`| check vs index + one git pass | ${show(check)} | ${bound.toFixed(0)} ms | ${(check.value / bound).toFixed(1)}× | ≤ 1.5× | ${check.value / bound <= 1.5 ? 'yes' : 'no'} |`);
  }
  return lines.join('\n');
}

export function writeReport(projectRoot: string): void {
  const dir = path.join(projectRoot, 'bench', 'results');
  const results = ['medium', 'large', 'small']
    .map((size) => path.join(dir, `${size}.json`))
    .filter((file) => fs.existsSync(file))
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult);
  const notesFile = path.join(projectRoot, 'bench', 'scale', 'notes.md');
  const notes = fs.existsSync(notesFile) ? fs.readFileSync(notesFile, 'utf8').trim() : '';
  const out = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench -- <size>` from `bench/results/<size>.json`; do not edit by hand (the prose comes from',
    '`bench/scale/notes.md`).',
    '',
  ];
  for (const r of results) {
    out.push(
      `## ${r.size}: ${r.repository.decisions.toLocaleString('en')} decisions, ${r.repository.views} views, ${r.repository.terms.toLocaleString('en')} terms, ${r.repository.files.toLocaleString('en')} files (${r.repository.megabytes} MB), ${r.repository.commits.toLocaleString('en')} commits`,
      '',
      `Measured ${r.date.slice(0, 10)} on ${r.machine.cores} × ${r.machine.cpus}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}. Times are medians; requests give p50 and p99.` +
        (r.machine.loadAverage
          ? ` The machine is shared: load average ${r.machine.loadAverage.start.join(' / ')} (1 / 5 / 15 min) at the start of the run, ${r.machine.loadAverage.end.join(' / ')} at its end; on ${r.machine.cores} cores, a load above ${r.machine.cores} means other work competed with the run.`
          : ''),
      '',
      table(r),
      '',
    );
  }
  if (notes) out.push(notes, '');
  fs.writeFileSync(path.join(projectRoot, 'BENCHMARKS.md'), out.join('\n'));
}
