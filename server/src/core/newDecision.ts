// Authoring: where the next decision goes, its number and file name (in the style the folder already uses), its
// text from one of the common templates, and the status change of a decision it supersedes.
import { decisionMessageLabel, formatDecisionId } from './lifecycle';
import type { Decision, TextRange } from './model';
import type { IndexSnapshot } from './snapshot';
import { basename, dirname } from './text';

/** The templates a new decision can be written in (protocol.ts lists the same for the editor's picker). */
export type TemplateName = 'nygard' | 'madr-full' | 'madr-minimal' | 'y-statement';

export interface NewDecisionPlan {
  path: string;
  number: number;
  content: string;
  /** The change to the superseded decision's status, when superseding. */
  supersededEdit?: { path: string; range: TextRange; newText: string };
}

export interface NewDecisionInput {
  title: string;
  template: TemplateName;
  /** ISO date of today. */
  today: string;
  /** Id of the decision the new one supersedes. */
  supersedes?: string;
  /** The text of the superseded decision (to find its status line). */
  supersededText?: string;
}

/** The folder new decisions go to: .adr-dir's, else where most decisions already are, else docs/adr. */
export function decisionFolder(snapshot: IndexSnapshot): string {
  // A folder named by a configuration file is used only when it is inside the workspace.
  const dirs = [...snapshot.context.decisionDirs].filter(isInsideWorkspace);
  if (dirs.length === 1) return dirs[0];
  const counts = new Map<string, number>();
  for (const d of snapshot.decisions) counts.set(dirname(d.path), (counts.get(dirname(d.path)) ?? 0) + 1);
  let best: string | undefined;
  for (const [dir, n] of counts) if (best === undefined || n > counts.get(best)!) best = dir;
  return best ?? dirs[0] ?? 'docs/adr';
}

/** A workspace-relative path that stays inside the workspace: no `..` segment, not absolute. */
export function isInsideWorkspace(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !/^[a-zA-Z]:/.test(path) && !path.split(/[\\/]/).includes('..');
}

export function slugify(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'decision'
  );
}

export function planNewDecision(snapshot: IndexSnapshot, input: NewDecisionInput): NewDecisionPlan {
  const folder = decisionFolder(snapshot);
  const inFolder = snapshot.decisions.filter((d) => dirname(d.path) === folder);
  const number = Math.max(0, ...inFolder.map((d) => d.number ?? 0)) + 1;
  // Follow the folder's naming: `0007-x.md` (default), `adr-007-x.md`, `7-x.md`.
  const style = namingStyle(inFolder);
  let name = `${style.prefix}${String(number).padStart(style.width, '0')}-${slugify(input.title)}.md`;
  const taken = new Set(snapshot.files);
  for (let i = 2; taken.has(join(folder, name)); i++) name = name.replace(/(-\d+)?\.md$/, `-${i}.md`);
  const path = join(folder, name);
  if (!isInsideWorkspace(path)) throw new Error(`New decisions go inside the workspace, not to ${path}`);

  const superseded = input.supersedes ? snapshot.decision(input.supersedes) : undefined;
  const content = renderTemplate(input.template, {
    number,
    title: input.title.trim(),
    today: input.today,
    supersedes: superseded ? { label: decisionMessageLabel(superseded), title: superseded.title, number: superseded.number, link: relativeLink(path, superseded.path) } : undefined,
  });
  const plan: NewDecisionPlan = { path, number, content };
  if (superseded && input.supersededText !== undefined) {
    plan.supersededEdit = supersededStatusEdit(superseded, input.supersededText, { number, title: input.title.trim(), link: relativeLink(superseded.path, path) });
  }
  return plan;
}

function namingStyle(decisions: readonly Decision[]): { prefix: string; width: number } {
  const last = [...decisions].filter((d) => d.number !== undefined).sort((a, b) => (b.number ?? 0) - (a.number ?? 0))[0];
  if (!last) return { prefix: '', width: 4 };
  const m = /^([a-z]*[-_]?)?(\d+)[-_]/i.exec(basename(last.path));
  if (!m) return { prefix: '', width: 4 };
  return { prefix: m[1] ?? '', width: m[2].length };
}

interface TemplateValues {
  number: number;
  title: string;
  today: string;
  supersedes?: { label: string; title: string; number?: number; link: string };
}

/** MADR-style front matter and title, shared by the templates that use front matter. */
function frontMatterHead(v: TemplateValues, extra: string[] = []): string[] {
  const sup = v.supersedes;
  return [
    '---',
    'status: proposed',
    `date: ${v.today}`,
    ...extra,
    ...(sup ? [`supersedes: ${formatDecisionId(sup.number ?? 0)}`] : []),
    '---',
    '',
    `# ${v.title}`,
    '',
  ];
}

const MADR_CONTEXT = ['## Context and Problem Statement', '', 'Describe the context and problem statement in two or three sentences.', ''];
const MADR_OUTCOME = [
  '## Decision Outcome',
  '',
  'Chosen option: "option 1", because it meets the decision drivers best.',
  '',
  '### Consequences',
  '',
  '* Good, because …',
  '* Bad, because …',
  '',
];

export function renderTemplate(template: TemplateName, v: TemplateValues): string {
  const sup = v.supersedes;
  const supLine = sup ? `Supersedes [${sup.number !== undefined ? `${sup.number}. ` : ''}${sup.title}](${sup.link})` : '';
  switch (template) {
    case 'nygard':
      return [
        `# ${v.number}. ${v.title}`,
        '',
        `Date: ${v.today}`,
        '',
        '## Status',
        '',
        'Proposed',
        ...(sup ? ['', supLine] : []),
        '',
        '## Context',
        '',
        'What is the issue that we are seeing that is motivating this decision or change?',
        '',
        '## Decision',
        '',
        'What is the change that we are proposing and/or doing?',
        '',
        '## Consequences',
        '',
        'What becomes easier or more difficult to do because of this change?',
        '',
      ].join('\n');
    case 'madr-full':
      return [
        ...frontMatterHead(v, ['decision-makers: []', 'consulted: []', 'informed: []']),
        ...MADR_CONTEXT,
        '## Decision Drivers',
        '',
        '* driver 1',
        '',
        '## Considered Options',
        '',
        '* option 1',
        '* option 2',
        '',
        ...MADR_OUTCOME,
        '### Confirmation',
        '',
        'How the implementation of this decision will be confirmed.',
        '',
        '## Pros and Cons of the Options',
        '',
        '### option 1',
        '',
        '* Good, because …',
        '* Bad, because …',
        '',
        '## More Information',
        '',
        ...(sup ? [supLine, ''] : []),
      ].join('\n');
    case 'madr-minimal':
      return [...frontMatterHead(v), ...MADR_CONTEXT, '## Considered Options', '', '* option 1', '* option 2', '', ...MADR_OUTCOME].join('\n');
    case 'y-statement':
      return [
        ...frontMatterHead(v),
        '## Decision',
        '',
        'In the context of <use case or component>,',
        'facing <non-functional concern>,',
        'we decided for <option>',
        'and neglected <other options>,',
        'to achieve <system qualities or desired consequences>,',
        'accepting <downside or undesired consequences>,',
        'because <additional rationale>.',
        '',
      ].join('\n');
  }
}

/** Rewrites the superseded decision's status where it is stated, or adds a Status section under its title. */
function supersededStatusEdit(
  old: Decision,
  text: string,
  successor: { number: number; title: string; link: string },
): { path: string; range: TextRange; newText: string } {
  const lines = text.split(/\r?\n/);
  const statusText = `Superseded by [${successor.number}. ${successor.title}](${successor.link})`;
  if (old.statusLine !== undefined && old.statusLine <= lines.length) {
    const line = lines[old.statusLine - 1];
    const fm = /^(\s*status\s*:\s*)(.*)$/i.exec(line);
    if (fm) {
      const value = `superseded by ${formatDecisionId(successor.number)}`;
      return { path: old.path, range: lineSpan(old.statusLine, fm[1].length, line.length), newText: value };
    }
    const bullet = /^(\s*(?:[-*+]\s*)?(?:\*\*|__)?status(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*)(.*)$/i.exec(line);
    if (bullet) return { path: old.path, range: lineSpan(old.statusLine, bullet[1].length, line.length), newText: statusText };
    const table = /^(\s*\|\s*status\s*\|\s*)([^|]*)(\|.*)?$/i.exec(line);
    if (table) return { path: old.path, range: lineSpan(old.statusLine, table[1].length, table[1].length + table[2].length), newText: `${statusText} ` };
    // A status paragraph (Nygard's `## Status` section): replace the whole line.
    return { path: old.path, range: lineSpan(old.statusLine, 0, line.length), newText: statusText };
  }
  const at = old.line;
  return { path: old.path, range: lineSpan(at, lines[at - 1]?.length ?? 0, lines[at - 1]?.length ?? 0), newText: `\n\n## Status\n\n${statusText}` };
}

function lineSpan(line: number, from: number, to: number): TextRange {
  return { start: { line, character: from }, end: { line, character: to } };
}

function join(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}

/** A relative markdown link from one workspace file to another. */
export function relativeLink(fromPath: string, toPath: string): string {
  const from = dirname(fromPath).split('/').filter(Boolean);
  const to = toPath.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}
