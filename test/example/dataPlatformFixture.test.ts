// Guards the example workspace that the demo and later tests rely on: what it promises (formats, relations both
// ways, one superseded and one missing citation in code, one glossary conflict, views with all their sections)
// must stay true when someone edits it.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { VIEW_SECTIONS } from '../../server/src/core/model';

const EXAMPLE = path.resolve(__dirname, '../../examples/data-platform');

function listFiles(dir = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(EXAMPLE, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(rel));
    else out.push(rel);
  }
  return out.sort();
}

const read = (rel: string) => fs.readFileSync(path.join(EXAMPLE, rel), 'utf8');
const files = listFiles();
const decisions = files.filter((f) => /^docs\/adr\/\d{4}-.*\.md$/.test(f));
const numberOf = (f: string) => Number(/\/(\d{4})-/.exec(f)![1]);

function frontMatter(text: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  return m ? ((parseYaml(m[1]) as Record<string, unknown>) ?? {}) : {};
}

/** Terms of a markdown definition list: the non-blank lines directly above each `: definition` line. */
function definitionListTerms(text: string): { names: string[]; definition: string }[] {
  const lines = text.split('\n');
  const out: { names: string[]; definition: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith(': ')) continue;
    const names: string[] = [];
    for (let j = i - 1; j >= 0 && lines[j].trim() !== '' && !lines[j].startsWith(':'); j--) names.unshift(lines[j].trim());
    out.push({ names, definition: lines[i].slice(2) });
  }
  return out;
}

interface YamlTerm {
  name: string;
  definition: string;
  aliases?: string[];
  avoid?: string[];
}

describe('the data-platform example', () => {
  it('stays small enough to read', () => {
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(EXAMPLE, f)).size, 0);
    expect(bytes).toBeLessThan(1024 * 1024);
  });

  it('numbers its decisions 1..n without gaps, points adr-tools at them and keeps a template beside them', () => {
    expect(decisions.length).toBeGreaterThanOrEqual(14);
    expect(decisions.map(numberOf)).toEqual(decisions.map((_, i) => i + 1));
    expect(read('.adr-dir').trim()).toBe('docs/adr');
    expect(files).toContain('docs/adr/template.md');
  });

  it('mixes the decision formats and statuses the parsers read', () => {
    const all = decisions.map(read);
    const markers: RegExp[] = [
      /^# \d+\. .+\n\nDate: \d{4}-\d{2}-\d{2}\n\n## Status\n/m, // adr-tools
      /^status: \w+\ndate: \d{4}-\d{2}-\d{2}\ndecision-makers:/m, // MADR 4
      /^\* Status: accepted\n\* Deciders: .+\n\* Date: \d{4}-\d{2}-\d{2}$/m, // MADR 2
      /^\| Status \| Accepted \|$/m, // metadata table
      /^\*\*Status\*\*: Proposed$/m,
      /^✅ Accepted$/m,
      /^status: (deprecated|rejected|draft)$/m,
    ];
    for (const marker of markers) expect(all.some((t) => marker.test(t)), String(marker)).toBe(true);
    for (const status of ['deprecated', 'rejected', 'draft']) expect(all.some((t) => t.includes(`status: ${status}\n`)), status).toBe(true);
  });

  it('states each supersede and amend relation on both sides', () => {
    const byNumber = new Map(decisions.map((f) => [numberOf(f), read(f)]));
    expect(byNumber.get(3)).toMatch(/^Superseded by \[7\. .+\]\(0007-[\w-]+\.md\)$/m);
    expect(frontMatter(byNumber.get(7)!).supersedes).toBe('0003-nightly-batch-ingestion-with-airflow');
    expect(byNumber.get(7)).toMatch(/^Amended by \[12\. .+\]\(0012-[\w-]+\.md\)$/m);
    expect(byNumber.get(12)).toMatch(/^Amends \[7\. .+\]\(0007-[\w-]+\.md\)$/m);
    expect(byNumber.get(5)).toMatch(/^\| Superseded by \| \[9\. .+\]\(0009-[\w-]+\.md\) \|$/m);
    expect(byNumber.get(9)).toMatch(/^Supersedes \[5\. .+\]\(0005-[\w-]+\.md\)$/m);
  });

  it('has no broken relative links in its documentation', () => {
    for (const doc of files.filter((f) => f.endsWith('.md'))) {
      for (const m of read(doc).matchAll(/\]\(([^)\s#]+\.md)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(m[1])) continue;
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(doc), m[1]));
        expect(files, `${doc} -> ${m[1]}`).toContain(target);
      }
    }
  });

  it('cites decisions from code in several languages, one of them superseded and one missing', () => {
    const code = files.filter((f) => !f.endsWith('.md') && !f.startsWith('docs/'));
    const cited = new Map<number, string[]>();
    const cite = (n: number, f: string) => cited.set(n, [...(cited.get(n) ?? []), f]);
    for (const f of code) {
      const text = read(f);
      for (const m of text.matchAll(/\bADR-(\d{4})\b/g)) cite(Number(m[1]), f);
      for (const m of text.matchAll(/@adr (\d+)\b/g)) cite(Number(m[1]), f);
    }
    const existing = new Set(decisions.map(numberOf));
    const missing = [...cited.keys()].filter((n) => !existing.has(n));
    expect(missing).toEqual([42]);
    expect(cited.get(42)).toHaveLength(1);
    // Decision 3 is superseded; exactly one place in code still cites it, for the quick fix to rewrite.
    expect(read(decisions[2])).toMatch(/^## Status\n\nSuperseded by/m);
    expect(cited.get(3)).toEqual(['airflow/dags/orders_backfill.py']);
    const languages = new Set([...cited.values()].flat().map((f) => path.extname(f)));
    for (const ext of ['.py', '.sql', '.ts', '.json', '.yaml', '.yml']) expect(languages, ext).toContain(ext);
  });

  it('splits 30+ glossary terms between the definition list and glossary.yml, with one conflicting term', () => {
    const deflist = definitionListTerms(read('docs/glossary.md'));
    const yamlTerms = (parseYaml(read('glossary.yml')) as { terms: YamlTerm[] }).terms;
    const deflistNames = new Set(deflist.map((t) => t.names[0].toLowerCase()));
    const shared = yamlTerms.filter((t) => deflistNames.has(t.name.toLowerCase()));
    expect(shared.map((t) => t.name)).toEqual(['freshness']);
    const inDeflist = deflist.find((t) => t.names[0] === 'freshness')!;
    expect(inDeflist.definition).not.toBe(shared[0].definition);
    expect(deflistNames.size + yamlTerms.length - shared.length).toBeGreaterThanOrEqual(30);

    const known = new Set<string>();
    for (const t of deflist) for (const n of t.names) known.add(n.toLowerCase());
    for (const t of yamlTerms) for (const n of [t.name, ...(t.aliases ?? [])]) known.add(n.toLowerCase());
    const required = [
      'CDC', 'Change Data Capture', 'binlog', 'snapshot', 'offset', 'DLQ', 'dead letter queue', 'SLA', 'SLO', 'MTTR',
      'reverse ETL', 'Slim CI', 'ETL', 'ELT', 'data contract', 'lakehouse', 'medallion architecture', 'bronze layer',
      'silver layer', 'gold layer', 'connector', 'Kafka Connect', 'Debezium', 'schema registry', 'consumer group',
      'backfill', 'idempotency', 'watermark', 'freshness', 'lineage', 'dbt model', 'exposure', 'feature store',
      'serving API', 'warehouse', 'partition', 'compaction', 'SCD type 2',
    ];
    for (const term of required) expect(known, term).toContain(term.toLowerCase());
  });

  it('uses a word the glossary asks to avoid in a code comment, and scopes a glossary to serving/', () => {
    const yamlTerms = (parseYaml(read('glossary.yml')) as { terms: YamlTerm[] }).terms;
    const avoided = yamlTerms.flatMap((t) => t.avoid ?? []);
    expect(avoided).toContain('dataset');
    expect(read('airflow/dags/reverse_etl_sync.py')).toMatch(/^\s*#.*\bdataset\b/m);
    const serving = (parseYaml(read('serving/glossary.yml')) as { terms: YamlTerm[] }).terms.map((t) => t.name);
    expect(serving).toContain('snapshot'); // redefined for the serving team
    expect(serving).toContain('feature vector');
  });

  it('publishes docs/ with mkdocs, abbreviations appended to every page', () => {
    const mkdocs = parseDocument(read('mkdocs.yml'), { strict: false, logLevel: 'silent' }).toJS() as Record<string, unknown>;
    expect(mkdocs.site_url).toBe('https://data-platform.example.com/');
    expect(mkdocs.docs_dir).toBe('docs');
    const extensions = mkdocs.markdown_extensions as (string | Record<string, unknown>)[];
    expect(extensions).toContain('abbr');
    expect(extensions).toContain('def_list');
    const snippets = extensions.find((e) => typeof e === 'object' && 'pymdownx.snippets' in e) as Record<string, { auto_append: string[]; base_path: string[] }>;
    // Snippet paths resolve against docs/ (pymdownx resolves them against the working folder otherwise, and skips
    // what it cannot find); the second file is the one `archlens export mkdocs --out docs/archlens` writes.
    expect(snippets['pymdownx.snippets'].base_path).toEqual(['docs']);
    expect(snippets['pymdownx.snippets'].auto_append).toEqual(['includes/abbreviations.md', 'archlens/abbreviations.md']);
    expect(read('docs/includes/abbreviations.md')).toMatch(/^\*\[CDC\]: Change Data Capture$/m);
  });

  it('documents four views, each with every Views and Beyond section', () => {
    const views = files.filter((f) => f.startsWith('docs/architecture/') && f !== 'docs/architecture/index.md');
    const kinds = views.map((f) => frontMatter(read(f)).view ?? /^# (.*View)$/m.exec(read(f))?.[1]);
    expect(kinds.sort()).toEqual(['Deployment View', 'component-and-connector', 'data-pipeline', 'module']);
    for (const view of views) {
      for (const section of VIEW_SECTIONS) expect(read(view), `${view}: ${section}`).toMatch(new RegExp(`^## ${section}$`, 'm'));
    }
    expect(read('docs/architecture/data-pipeline-view.md')).toMatch(/^### .+\n\nCode: `/m);
  });
});
