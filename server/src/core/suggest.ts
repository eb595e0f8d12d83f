// Suggested `governs:` for a decision that says no code it governs: candidate globs with the evidence behind each,
// ranked. Few decisions name paths that exist, so links are never inferred silently: a person accepts a candidate.
// Evidence: paths and file or module names in the decision's text that exist in the tree, files changed in the
// commits that added or changed the decision, code files citing it, view elements it names. Pure.
import type { GitHistory } from './git';
import { compileCodePatterns } from './globs';
import type { ArchitectureView, Decision } from './model';
import { isMarkdownPath } from './paths';
import type { IndexSnapshot } from './snapshot';

export type EvidenceKind = 'text-path' | 'text-name' | 'co-change' | 'citation' | 'view-element';

export interface Evidence {
  kind: EvidenceKind;
  /** What was seen, in words: `mentions src/ingest/`, `changed with the decision in 3f2a9c1 'Add ingest'`. */
  detail: string;
}

export interface GovernsCandidate {
  /** A folder as `dir/**`, or a file path. */
  glob: string;
  score: number;
  evidence: Evidence[];
  /** Code files the glob matches today. */
  matches: number;
}

const WEIGHT: Record<EvidenceKind, number> = { 'text-path': 4, 'citation': 3, 'view-element': 3, 'text-name': 2, 'co-change': 1 };

/** Tokens that look like paths or file names: `src/ingest/`, `reader.py`, `orders-postgres-source.json`. */
const PATHISH = /(?:^|[\s`'"(\[<])((?:\.\/)?[A-Za-z0-9_@][A-Za-z0-9_.@+-]*(?:\/[A-Za-z0-9_.@+-]+)*\/?)(?=$|[\s`'")\]>,;:!?]|\.(?:\s|$))/g;
/** Words in backticks: module and package names (`kafka-connect`, `orders_backfill`). */
const CODE_SPAN = /`([^`\n]{2,80})`/g;

export function suggestGoverns(input: {
  decision: Decision;
  /** The decision file's text. */
  text: string;
  /** Workspace files, sorted or not. */
  files: readonly string[];
  views: readonly ArchitectureView[];
  /** Code files citing the decision. */
  citingFiles: readonly string[];
  history?: GitHistory;
  /** Is this path documentation (a decision, view or glossary folder)? Such paths are never suggested. */
  isDocumentation?: (path: string) => boolean;
  limit?: number;
}): GovernsCandidate[] {
  const isDoc = (p: string) => isMarkdownPath(p) || (input.isDocumentation?.(p) ?? false);
  const code = input.files.filter((f) => !isDoc(f));
  const tree = new Tree(code);
  const found = new Map<string, GovernsCandidate>();
  const add = (glob: string, kind: EvidenceKind, detail: string) => {
    let c = found.get(glob);
    if (!c) found.set(glob, (c = { glob, score: 0, evidence: [], matches: 0 }));
    if (c.evidence.some((e) => e.kind === kind && e.detail === detail)) return;
    c.evidence.push({ kind, detail });
    // Repeated evidence of one kind adds less each time: ten co-changes are not ten mentions.
    const same = c.evidence.filter((e) => e.kind === kind).length;
    c.score += WEIGHT[kind] / same;
  };

  // 1. Paths and names in the text.
  const body = stripFrontMatter(input.text);
  const tokens = new Set<string>();
  for (const m of body.matchAll(PATHISH)) tokens.add(m[1].replace(/^\.\//, ''));
  const spans = new Set<string>();
  for (const m of body.matchAll(CODE_SPAN)) spans.add(m[1].trim().replace(/^\.\//, ''));
  for (const t of [...tokens, ...spans]) {
    const path = t.replace(/\/+$/, '');
    if (!path) continue;
    if (tree.isFile(path)) add(path, 'text-path', `mentions ${t}`);
    else if (path.includes('/') && tree.isFolder(path)) add(`${path}/**`, 'text-path', `mentions ${t}`);
  }
  for (const t of spans) {
    // `__init__` or `index` name every package: a name says something only when few files carry it.
    if (t.includes('/') || t.startsWith('__') || !/^[A-Za-z0-9_.@+-]{3,}$/.test(t)) continue;
    const files = tree.filesNamed(t);
    if (files.length > 0 && files.length <= 3) for (const f of files) add(f, 'text-name', `names \`${t}\``);
    const folders = tree.foldersNamed(t);
    if (folders.length > 0 && folders.length <= 3) for (const f of folders) add(`${f}/**`, 'text-name', `names \`${t}\``);
  }

  // 2. Files changed with the decision.
  const history = input.history;
  if (history?.filesOf && history.state.kind === 'ready') {
    const { commits } = history.changesSince([input.decision.path], {});
    for (const c of commits.slice(0, 20)) {
      const all = history.filesOf(c.hash);
      const changed = all.filter((p) => !isDoc(p) && tree.isFile(p));
      const folders = commonFolders(changed);
      // A commit touching many files or many areas (an import, a reformat, a move) says nothing about one decision.
      if (changed.length === 0 || all.length > 30 || folders.length > 2) continue;
      for (const folder of folders) add(`${folder}/**`, 'co-change', `changed with the decision in ${c.hash.slice(0, 7)} '${c.subject}'`);
      for (const p of changed) if (!p.includes('/')) add(p, 'co-change', `changed with the decision in ${c.hash.slice(0, 7)} '${c.subject}'`);
    }
  }

  // 3. Code files citing the decision.
  const citing = input.citingFiles.filter((p) => !isDoc(p));
  const byFolder = new Map<string, number>();
  for (const p of citing) if (p.includes('/')) byFolder.set(p.slice(0, p.lastIndexOf('/')), (byFolder.get(p.slice(0, p.lastIndexOf('/'))) ?? 0) + 1);
  for (const [folder, n] of byFolder) if (n >= 2) add(`${folder}/**`, 'citation', `cited by ${n} files in ${folder}/`);
  for (const p of citing) add(p, 'citation', `cites it: ${p}`);

  // 4. View elements the decision names.
  const lower = body.toLowerCase();
  for (const v of input.views) {
    for (const e of v.elements) {
      if (e.paths.length === 0 || e.name.length < 3 || !containsWord(lower, e.name.toLowerCase())) continue;
      for (const p of e.paths) add(asGlob(p), 'view-element', `names the element '${e.name}' of ${v.title}`);
    }
  }

  const already = compileCodePatterns(input.decision.governs);
  const out: GovernsCandidate[] = [];
  for (const c of found.values()) {
    const test = compileCodePatterns([c.glob]);
    c.matches = code.filter((f) => test(f)).length;
    if (c.matches === 0) continue;
    if (input.decision.governs.length > 0 && code.filter((f) => test(f)).every((f) => already(f))) continue;
    out.push(c);
  }
  // Highest score first; then the narrower glob (fewer files) and the name, so ties are stable.
  out.sort((a, b) => b.score - a.score || a.matches - b.matches || (a.glob < b.glob ? -1 : 1));
  return out.slice(0, input.limit ?? 10);
}

/**
 * The candidates for one decision of a snapshot, from its text (an open editor's, or the file's); shared by
 * `archlens suggest`, the "Suggest Governed Code" command and its code actions.
 */
export function governsCandidates(snapshot: IndexSnapshot, decision: Decision, text: string, history?: GitHistory, limit?: number): GovernsCandidate[] {
  return suggestGoverns({
    decision,
    text,
    files: snapshot.files,
    views: snapshot.views,
    citingFiles: [...new Set(snapshot.citationsOf(decision.id).map((c) => c.path))],
    history,
    // Decisions, views and glossaries are documentation, not the code a decision governs.
    isDocumentation: (p) => snapshot.context.isDecisionPath(p) || (snapshot.record(p) !== undefined && snapshot.record(p)!.kind !== 'text'),
    ...(limit !== undefined ? { limit } : {}),
  });
}

/** `dir/` (a folder as views and governs write it) and `dir/**` are one candidate. */
function asGlob(pattern: string): string {
  const p = pattern.trim().replace(/^\.\//, '');
  return p.endsWith('/') ? `${p}**` : p;
}

function stripFrontMatter(text: string): string {
  const m = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

function containsWord(text: string, word: string): boolean {
  let i = text.indexOf(word);
  while (i >= 0) {
    const before = i > 0 ? text[i - 1] : ' ';
    const after = text[i + word.length] ?? ' ';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    i = text.indexOf(word, i + 1);
  }
  return false;
}

/** The deepest folders that group paths: each path's folder, merged to their shared parent when they share one. */
function commonFolders(paths: readonly string[]): string[] {
  const byTop = new Map<string, string[]>();
  for (const p of paths) {
    const top = p.includes('/') ? p.slice(0, p.indexOf('/')) : '';
    const list = byTop.get(top);
    if (list) list.push(p);
    else byTop.set(top, [p]);
  }
  const out: string[] = [];
  for (const [top, list] of byTop) {
    if (!top) continue;
    let prefix = list[0].slice(0, list[0].lastIndexOf('/'));
    for (const p of list) while (prefix && !p.startsWith(`${prefix}/`)) prefix = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    out.push(prefix || top);
  }
  return out;
}

/** The workspace's code files as a tree: is a path a file or a folder, which files and folders have a name. */
class Tree {
  private readonly fileSet: Set<string>;
  private readonly folders = new Set<string>();
  private readonly byName = new Map<string, string[]>();
  private readonly byFolderName = new Map<string, string[]>();

  constructor(files: readonly string[]) {
    this.fileSet = new Set(files);
    for (const f of files) {
      const name = f.slice(f.lastIndexOf('/') + 1);
      push(this.byName, name, f);
      const stem = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '';
      if (stem) push(this.byName, stem, f);
      let at = f.indexOf('/');
      while (at >= 0) {
        const dir = f.slice(0, at);
        if (!this.folders.has(dir)) {
          this.folders.add(dir);
          push(this.byFolderName, dir.slice(dir.lastIndexOf('/') + 1), dir);
        }
        at = f.indexOf('/', at + 1);
      }
    }
  }

  isFile(p: string): boolean {
    return this.fileSet.has(p);
  }

  isFolder(p: string): boolean {
    return this.folders.has(p);
  }

  filesNamed(name: string): string[] {
    return this.byName.get(name) ?? [];
  }

  foldersNamed(name: string): string[] {
    return this.byFolderName.get(name) ?? [];
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
