// Suggested guardrails: the considered options a decision did not choose, where they name a package the tree
// already declares (in a manifest) or imports, become proposals to forbid it. Only proposals: a guardrail is
// enforced once a person accepts it and it is written in the front matter.
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, YAMLSeq } from 'yaml';
import type { FileRecord } from '../analyse';
import { findSection, blocksIn, parseMarkdown, plainInline } from '../markdown';
import { normaliseName, type Ecosystem } from '../manifests';
import { frontMatterSource } from './parse';
import type { Guardrail } from './vocabulary';

export interface GuardrailSuggestion {
  /** The entry to write under `guardrails:`. */
  entry: { 'forbid-dependency': string | { name: string; ecosystem: Ecosystem } } | { 'forbid-import': { from: string; module: string } };
  /** The option it comes from, as written. */
  option: string;
  /** What the tree holds that it matched: `great-expectations (pypi)`, `import airflow`. */
  matched: string;
}

/** What the tree declares and imports, by the keys suggestions are looked up with. */
export interface KnownPackages {
  dependencies: Map<string, { ecosystem: Ecosystem; name: string }>;
  /** Top-level module names imported anywhere (Python, JS/TS, Go paths). */
  modules: Set<string>;
}

export function knownPackages(records: Iterable<FileRecord>): KnownPackages {
  const dependencies = new Map<string, { ecosystem: Ecosystem; name: string }>();
  const modules = new Set<string>();
  for (const r of records) {
    for (const d of r.dependencies ?? []) dependencies.set(`${d.ecosystem}:${d.key}`, { ecosystem: d.ecosystem, name: d.name });
    for (const i of r.imports ?? []) {
      if (i.language === 'dbt' || i.module.startsWith('.')) continue;
      const root = i.language === 'python' ? i.module.split('.')[0] : i.language === 'javascript' ? jsPackage(i.module) : i.module;
      if (root) modules.add(root);
    }
  }
  return { dependencies, modules };
}

function jsPackage(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const ECOSYSTEMS_BY_NAME: Ecosystem[] = ['pypi', 'npm', 'cargo', 'maven', 'go', 'helm', 'docker', 'terraform', 'dbt'];

/** The options under "Considered Options" that are not the "Chosen option", as plain text. */
export function unchosenOptions(body: string): string[] {
  const outline = parseMarkdown(body);
  const section = findSection(outline, /^considered options$/i);
  if (!section) return [];
  const options = blocksIn(outline, section).filter((b) => b.type === 'list_item' && b.depth === 1).map((b) => plainInline(b.text).trim()).filter(Boolean);
  const chosen = /Chosen option:?\s*["“]([^"”]+)["”]/i.exec(body)?.[1]?.trim().toLowerCase();
  if (!chosen) return [];
  return options.filter((o) => {
    const option = o.toLowerCase();
    return !(option.startsWith(chosen) || chosen.startsWith(option));
  });
}

/** Suggestions for one decision, without those its guardrails already hold. */
export function suggestGuardrails(text: string, existing: readonly Guardrail[], known: KnownPackages): GuardrailSuggestion[] {
  const fm = frontMatterSource(text);
  const body = fm ? text.slice(fm.end).replace(/^---[^\n]*\n/, '') : text;
  const out: GuardrailSuggestion[] = [];
  const seen = new Set<string>();
  // Names compared loosely (case, and `-`, `_`, `.` alike) so an entry already written is never proposed again.
  const loose = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');
  for (const g of existing) if (g.kind === 'forbid-dependency' || g.kind === 'adopt-dependency') seen.add(`dep:${loose(g.name)}`);
  for (const g of existing) if (g.kind === 'forbid-import') seen.add(`mod:${g.module}`);
  for (const option of unchosenOptions(body)) {
    const words = option.split(/[^A-Za-z0-9_.@/-]+/).map((w) => w.replace(/^[.-]+|[.-]+$/g, '')).filter((w) => w.length >= 2);
    for (let n = 3; n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const phrase = words.slice(i, i + n);
        for (const candidate of new Set([phrase.join('-'), phrase.join('_'), phrase.join('')])) {
          if (candidate.length < 3) continue;
          for (const ecosystem of ECOSYSTEMS_BY_NAME) {
            const hit = known.dependencies.get(`${ecosystem}:${normaliseName(ecosystem, candidate)}`);
            if (!hit || seen.has(`dep:${loose(hit.name)}`)) continue;
            seen.add(`dep:${loose(hit.name)}`);
            out.push({ entry: { 'forbid-dependency': { name: normaliseName(ecosystem, hit.name), ecosystem } }, option, matched: `${hit.name} (${ecosystem})` });
          }
          const module = [...known.modules].find((m) => m.toLowerCase() === candidate.toLowerCase());
          if (module && !seen.has(`mod:${module}`) && !seen.has(`dep:${loose(module)}`)) {
            seen.add(`mod:${module}`);
            out.push({ entry: { 'forbid-import': { from: '**', module } }, option, matched: `import ${module}` });
          }
        }
      }
    }
  }
  return out;
}

/**
 * The decision's text with the suggestions added under `guardrails:`, through the yaml Document API so the rest of
 * the front matter keeps its comments, order and quoting; a decision without front matter gets one. Returns the
 * replaced span (offsets) and its new text, for an undoable editor edit.
 */
export function addGuardrailsEdit(text: string, suggestions: readonly GuardrailSuggestion[]): { start: number; end: number; newText: string } {
  const fm = frontMatterSource(text);
  if (!fm) {
    const doc = parseDocument('guardrails: []\n');
    const seq = doc.get('guardrails') as YAMLSeq;
    seq.flow = false;
    for (const s of suggestions) seq.add(entryNode(doc, s));
    return { start: text.charCodeAt(0) === 0xfeff ? 1 : 0, end: text.charCodeAt(0) === 0xfeff ? 1 : 0, newText: `---\n${String(doc)}---\n\n` };
  }
  const doc = parseDocument(fm.source);
  if (!isMap(doc.contents)) return { start: fm.start, end: fm.end, newText: fm.source };
  if (!doc.has('guardrails')) {
    // The rest of the front matter is left byte for byte as it is: only the new block is printed.
    const block = parseDocument('guardrails: []\n');
    const list = block.get('guardrails') as YAMLSeq;
    list.flow = false;
    for (const s of suggestions) list.add(entryNode(block, s));
    const newline = fm.source === '' || fm.source.endsWith('\n') ? '' : '\n';
    return { start: fm.end, end: fm.end, newText: `${newline}${String(block)}` };
  }
  let seq = doc.get('guardrails', true);
  if (!isSeq(seq)) {
    seq = doc.createNode([]) as YAMLSeq;
    (seq as YAMLSeq).flow = false;
    doc.set('guardrails', seq);
  }
  for (const s of suggestions) (seq as YAMLSeq).add(entryNode(doc, s));
  return { start: fm.start, end: fm.end, newText: String(doc) };
}

/** `- forbid-dependency: { name: x, ecosystem: pypi }`: a block entry whose value is written in flow style. */
function entryNode(doc: Document, s: GuardrailSuggestion): YAMLMap {
  const node = doc.createNode(s.entry) as YAMLMap;
  for (const pair of node.items) if (isMap(pair.value)) pair.value.flow = true;
  return node;
}
