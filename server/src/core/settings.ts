// Settings: their defaults live here and nowhere else. The VS Code manifest (package.json `contributes.
// configuration`) must declare the same defaults; a test compares the two. `.archlens.yml` at the workspace root
// gives repository-wide values; editor settings (pulled per folder) override it where they differ from the
// defaults, so an untouched editor setting never hides what the repository configured.
import { isMap, isScalar, isSeq, parseDocument, LineCounter } from 'yaml';
import { DECISION_STATUSES, type DecisionStatus, type Severity } from './model';
import { PROBLEM_CODES, problem, type ProblemCode } from './problems';
import type { Problem } from './model';
import { flattenObject, validateConfig } from './schemas/config';
import { readSources, type SourceSpec } from './sources';

export type SeveritySetting = Severity | 'off';

export interface ArchlensSettings {
  /** Extra globs of decision files, beyond .adr-dir, .log4brains.yml and the conventional folders. */
  decisions: string[];
  /** Extra globs of glossary files, beyond the conventional names. */
  glossaries: string[];
  /** Extra globs of view files, beyond those found by front matter or title. */
  views: string[];
  /** Globs of files and folders never read. */
  exclude: string[];
  /** Per-code severity overrides; 'off' silences a code. */
  severity: Partial<Record<ProblemCode, SeveritySetting>>;
  staleness: {
    enabled: boolean;
    /** Ignore code changes younger than this many days. */
    minDays: number;
    /** Ignore documents with fewer than this many commits to their code since they last changed. */
    minCommits: number;
    /**
     * Globs of code changes that never make documentation stale. The defaults always apply; a list adds to them,
     * and an entry starting with `!` takes one out.
     */
    ignore: string[];
    /** Author names or e-mail globs (case-insensitive) of bots whose commits never make documentation stale; added to the defaults like `ignore`. */
    botAuthors: string[];
  };
  inlayHints: {
    /** The title and status of a decision after a bare reference to it. */
    decisions: boolean;
    /** The definition of a glossary term after its uses in code. */
    terms: boolean;
    /** The longest hint text, in characters; longer titles and definitions are cut at a word boundary. */
    maxLength: number;
  };
  codeLens: { enabled: boolean };
  /** Documents larger than this (bytes) are reported and not indexed; other text files are not scanned. */
  maxFileSize: number;
  /** At most this many diagnostics are published per file, plus one that says how many were left out. */
  diagnostics: { maxPerFile: number };
  /** Base URL of the published documentation; defaults to mkdocs.yml `site_url` when empty. */
  publishedDocsUrl: string;
  /**
   * `.archlens.yml` only (a convention of the repository, not an editor preference): the team's own status words
   * mapped onto the lifecycle (`statuses: { Implemented: accepted }`), and which number of 05/06/2023 is the day.
   */
  statuses: Record<string, DecisionStatus>;
  dates?: 'day-first' | 'month-first';
  /** `.archlens.yml` only: decision logs outside the workspace (core/sources.ts), read-only. */
  sources: SourceSpec[];
  /**
   * `.archlens.yml` only: this repository's name as decisions in a source write it (`governs: ["<name>:src/**"]`);
   * the workspace folder's name when absent.
   */
  repository?: string;
}

export const DEFAULT_SETTINGS: ArchlensSettings = {
  decisions: [],
  glossaries: [],
  views: [],
  exclude: [],
  severity: {},
  staleness: {
    enabled: true,
    minDays: 0,
    minCommits: 1,
    ignore: [
      '**/test/**',
      '**/tests/**',
      '**/*.test.*',
      '**/*_test.*',
      '**/package-lock.json',
      '**/npm-shrinkwrap.json',
      '**/pnpm-lock.yaml',
      '**/*.lock',
      '**/go.sum',
      '**/*.min.js',
      '**/*.map',
      '**/generated/**',
      '**/*.generated.*',
      '**/*.pb.go',
      '**/*_pb2.py',
      '**/__snapshots__/**',
    ],
    botAuthors: [
      '*[bot]',
      '*[bot]@*',
      'dependabot*',
      'renovate*',
      'github-actions*',
      'gitlab-bot*',
      'pre-commit-ci*',
      'snyk-bot*',
    ],
  },
  inlayHints: { decisions: true, terms: false, maxLength: 40 },
  codeLens: { enabled: true },
  maxFileSize: 5 * 1024 * 1024,
  diagnostics: { maxPerFile: 100 },
  publishedDocsUrl: '',
  statuses: {},
  sources: [],
};

/** The settings' keys as the editor knows them (`archlens.<key>`), with their defaults: read by the manifest test. */
export function flattenSettings(s: ArchlensSettings = DEFAULT_SETTINGS): Record<string, unknown> {
  return {
    decisions: s.decisions,
    glossaries: s.glossaries,
    views: s.views,
    exclude: s.exclude,
    severity: s.severity,
    'staleness.enabled': s.staleness.enabled,
    'staleness.minDays': s.staleness.minDays,
    'staleness.minCommits': s.staleness.minCommits,
    'staleness.ignore': s.staleness.ignore,
    'staleness.botAuthors': s.staleness.botAuthors,
    'inlayHints.decisions': s.inlayHints.decisions,
    'inlayHints.terms': s.inlayHints.terms,
    'inlayHints.maxLength': s.inlayHints.maxLength,
    'codeLens.enabled': s.codeLens.enabled,
    maxFileSize: s.maxFileSize,
    'diagnostics.maxPerFile': s.diagnostics.maxPerFile,
    publishedDocsUrl: s.publishedDocsUrl,
  };
}

/** Settings as a layer gives them: any key may be missing, nested ones too. */
export type PartialSettings = Omit<Partial<ArchlensSettings>, 'staleness' | 'inlayHints' | 'codeLens' | 'diagnostics'> & {
  diagnostics?: Partial<ArchlensSettings['diagnostics']>;
  staleness?: Partial<ArchlensSettings['staleness']>;
  inlayHints?: Partial<ArchlensSettings['inlayHints']>;
  codeLens?: Partial<ArchlensSettings['codeLens']>;
};

export const CONFIG_FILE = '.archlens.yml';

export interface ConfigFileResult {
  config: PartialSettings;
  problems: Problem[];
}

/** Reads `.archlens.yml`. Unknown keys and wrong types are reported with their line, never thrown. */
export function parseConfigFile(path: string, text: string): ConfigFileResult {
  const problems: Problem[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/\r\n?/g, '\n'), { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.pos ? lineCounter.linePos(e.pos[0]).line : 1;
    return { config: {}, problems: [problem('bad-config', path, line, `${path}: ${e.message.split('\n')[0]}`)] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    return { config: {}, problems: [problem('bad-config', path, 1, `${path}: ${(err as Error).message}`)] };
  }
  if (data === null || data === undefined) return { config: {}, problems };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { config: {}, problems: [problem('bad-config', path, 1, `${path} must be a mapping of settings`)] };
  }
  // The line of the deepest key of a dotted path that exists (`severity.x` points at `x:` under `severity:`).
  const lineOf = (dotted: string): number => {
    const entry = /^sources\.(\d+)$/.exec(dotted);
    if (entry) return sourceLine(Number(entry[1]));
    let node: unknown = doc.contents;
    let line = 1;
    const segments = dotted.split('.');
    for (let i = 0; i < segments.length && isMap(node); i++) {
      const rest = segments.slice(i).join('.');
      const pair = node.items.find((p) => isScalar(p.key) && (String(p.key.value) === segments[i] || String(p.key.value) === rest));
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      line = lineCounter.linePos(pair.key.range[0]).line;
      if (String(pair.key.value) === rest) break;
      node = pair.value;
    }
    return line;
  };
  // The line of the n-th entry of `sources:` (0-based), where problems with that source are reported.
  const sourceLine = (n: number): number => {
    const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && String(p.key.value) === 'sources') : undefined;
    const item = pair && isSeq(pair.value) ? pair.value.items[n] : undefined;
    const range = (item as { range?: [number, number, number] } | undefined)?.range ?? (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : 1;
  };
  // The schema says what is wrong; the reader keeps only well-typed values, and whatever it refuses that the schema
  // let through is reported too, so no value is ever dropped in silence.
  const errors = validateConfig(data as Record<string, unknown>);
  const reported = new Set(errors.map((e) => e.key));
  const config = normaliseSettings(data as Record<string, unknown>, (key, message) => {
    const covered = [...reported].some((r) => key === r || key.startsWith(`${r}.`));
    if (!covered) errors.push({ key, message });
    reported.add(key);
  }, sourceLine);
  const found = errors.map((e) => problem('bad-config', path, lineOf(e.key), `${path}: ${e.key}: ${e.message}`));
  found.sort((a, b) => a.line - b.line);
  return { config, problems: [...problems, ...found] };
}

/**
 * Reads a plain object (from YAML or from the editor) into typed settings, keeping only well-typed values.
 * Accepts nested (`staleness: { minDays }`) and dotted (`staleness.minDays`) keys.
 */
export function normaliseSettings(
  raw: Record<string, unknown>,
  report: (key: string, message: string) => void = () => {},
  sourceLine: (index: number) => number = () => 1,
): PartialSettings {
  const flat = flattenObject(raw);
  const out: PartialSettings = {};
  const stale: Partial<ArchlensSettings['staleness']> = {};
  for (const [key, value] of Object.entries(flat)) {
    switch (key) {
      case 'decisions':
      case 'glossaries':
      case 'views':
      case 'exclude':
      case 'staleness.ignore':
      case 'staleness.botAuthors': {
        const list = stringList(value);
        if (!list) report(key, 'expected a list of globs');
        else if (key === 'staleness.ignore') stale.ignore = list;
        else if (key === 'staleness.botAuthors') stale.botAuthors = list;
        else out[key] = list;
        break;
      }
      case 'staleness.enabled':
      case 'inlayHints.decisions':
      case 'inlayHints.terms':
      case 'codeLens.enabled':
        if (typeof value !== 'boolean') report(key, 'expected true or false');
        else if (key === 'staleness.enabled') stale.enabled = value;
        else if (key === 'inlayHints.decisions') out.inlayHints = { ...out.inlayHints, decisions: value };
        else if (key === 'inlayHints.terms') out.inlayHints = { ...out.inlayHints, terms: value };
        else out.codeLens = { enabled: value };
        break;
      case 'inlayHints.maxLength':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 8) report(key, 'expected a whole number of 8 or more');
        else out.inlayHints = { ...out.inlayHints, maxLength: value };
        break;
      case 'staleness.minDays':
      case 'staleness.minCommits':
      case 'maxFileSize':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) report(key, 'expected a number of 0 or more');
        else if (key === 'maxFileSize') out.maxFileSize = value;
        else if (key === 'staleness.minDays') stale.minDays = value;
        else stale.minCommits = value;
        break;
      case 'diagnostics.maxPerFile':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) report(key, 'expected a whole number of 1 or more');
        else out.diagnostics = { maxPerFile: value };
        break;
      case 'dates':
        if (value !== 'day-first' && value !== 'month-first') report(key, 'expected day-first or month-first');
        else out.dates = value;
        break;
      case 'publishedDocsUrl':
        if (typeof value !== 'string') report(key, 'expected a URL');
        else out.publishedDocsUrl = value;
        break;
      case 'repository':
        if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]+$/.test(value)) report(key, "expected a name of letters, digits, '.', '_' or '-'");
        else out.repository = value;
        break;
      case 'sources': {
        const read = readSources(value, sourceLine);
        read.errors.forEach((e) => report(`sources.${e.index}`, e.message));
        out.sources = read.sources;
        break;
      }
      default:
        if (key.startsWith('severity.')) {
          const code = key.slice('severity.'.length);
          if (!(code in PROBLEM_CODES)) report(key, `unknown code '${code}'`);
          else if (!isSeveritySetting(value)) report(key, 'expected error, warning, information, hint or off');
          else (out.severity ??= {})[code as ProblemCode] = value;
        } else if (key.startsWith('statuses.')) {
          const word = key.slice('statuses.'.length);
          if (typeof value !== 'string' || !(DECISION_STATUSES as readonly string[]).includes(value.toLowerCase())) {
            report(key, `expected one of ${DECISION_STATUSES.join(', ')}`);
          } else (out.statuses ??= {})[word] = value.toLowerCase() as DecisionStatus;
        } else if (key === 'severity' || key === 'statuses') {
          // An empty mapping.
        } else if (!key.startsWith('trace.')) {
          report(key, 'unknown setting');
        }
    }
  }
  if (Object.keys(stale).length > 0) out.staleness = stale;
  return out;
}

/** Layers: defaults, then the repository's file, then editor values that differ from the defaults. */
export function mergeSettings(
  file: PartialSettings = {},
  editor: PartialSettings = {},
): ArchlensSettings {
  const d = DEFAULT_SETTINGS;
  const pick = <T>(fileValue: T | undefined, editorValue: T | undefined, def: T): T =>
    editorValue !== undefined && JSON.stringify(editorValue) !== JSON.stringify(def)
      ? editorValue
      : fileValue !== undefined
        ? fileValue
        : def;
  return {
    decisions: pick(file.decisions, editor.decisions, d.decisions),
    glossaries: pick(file.glossaries, editor.glossaries, d.glossaries),
    views: pick(file.views, editor.views, d.views),
    exclude: pick(file.exclude, editor.exclude, d.exclude),
    severity: { ...file.severity, ...editor.severity },
    staleness: {
      enabled: pick(file.staleness?.enabled, editor.staleness?.enabled, d.staleness.enabled),
      minDays: pick(file.staleness?.minDays, editor.staleness?.minDays, d.staleness.minDays),
      minCommits: pick(file.staleness?.minCommits, editor.staleness?.minCommits, d.staleness.minCommits),
      ignore: extendDefaults(d.staleness.ignore, file.staleness?.ignore, editor.staleness?.ignore),
      botAuthors: extendDefaults(d.staleness.botAuthors, file.staleness?.botAuthors, editor.staleness?.botAuthors),
    },
    inlayHints: {
      decisions: pick(file.inlayHints?.decisions, editor.inlayHints?.decisions, d.inlayHints.decisions),
      terms: pick(file.inlayHints?.terms, editor.inlayHints?.terms, d.inlayHints.terms),
      maxLength: pick(file.inlayHints?.maxLength, editor.inlayHints?.maxLength, d.inlayHints.maxLength),
    },
    codeLens: { enabled: pick(file.codeLens?.enabled, editor.codeLens?.enabled, d.codeLens.enabled) },
    maxFileSize: pick(file.maxFileSize, editor.maxFileSize, d.maxFileSize),
    diagnostics: { maxPerFile: pick(file.diagnostics?.maxPerFile, editor.diagnostics?.maxPerFile, d.diagnostics.maxPerFile) },
    publishedDocsUrl: pick(file.publishedDocsUrl, editor.publishedDocsUrl, d.publishedDocsUrl),
    statuses: { ...file.statuses },
    ...(file.dates ? { dates: file.dates } : {}),
    sources: file.sources ?? d.sources,
    ...(file.repository ? { repository: file.repository } : {}),
  };
}

/** A list setting whose defaults always apply: each layer adds entries, and `!entry` takes one out. */
function extendDefaults(defaults: readonly string[], ...layers: (readonly string[] | undefined)[]): string[] {
  const out = new Set(defaults);
  for (const layer of layers) {
    for (const entry of layer ?? []) {
      if (entry.startsWith('!')) out.delete(entry.slice(1));
      else out.add(entry);
    }
  }
  return [...out];
}

/** The severity a code is reported with under these settings, or undefined when it is turned off. */
export function severityOf(settings: ArchlensSettings, code: string): Severity | undefined {
  const configured = settings.severity[code as ProblemCode];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  return (PROBLEM_CODES as Record<string, { severity: Severity }>)[code]?.severity ?? 'warning';
}

function isSeveritySetting(v: unknown): v is SeveritySetting {
  return v === 'error' || v === 'warning' || v === 'information' || v === 'hint' || v === 'off';
}

function stringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
}

