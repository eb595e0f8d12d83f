// Architecture views in the SEI "Views and Beyond" style. A markdown file is a view when its front matter says
// `view: <kind>` or its first H1 ends in "View"; the parser lists its standard sections and reads its element
// catalog (elements and the code paths they map to), which staleness and code-to-view links are built on.
import type { ArchitectureView, Problem, ViewElement, ViewSection, ViewSectionName } from '../model';
import { VIEW_SECTIONS } from '../model';
import { problem } from '../problems';
import { asString } from '../frontMatter';
import { parseMarkdownOutline, plainInline, type MarkdownOutlineDocument, type MdHeading, type MdSection } from '../markdown';
import { stripMarkdownExtension } from '../paths';
import { basename } from '../text';
import { headingElements, tableElements } from './catalog';

export interface ViewParseResult {
  view?: ArchitectureView;
  problems: Problem[];
}

const KIND_ALIASES: Record<string, string> = {
  module: 'module',
  modules: 'module',
  'component-and-connector': 'component-and-connector',
  'components-and-connectors': 'component-and-connector',
  'component-connector': 'component-and-connector',
  'c-and-c': 'component-and-connector',
  cnc: 'component-and-connector',
  deployment: 'deployment',
  deployments: 'deployment',
  'data-pipeline': 'data-pipeline',
  'data-pipelines': 'data-pipeline',
  datapipeline: 'data-pipeline',
};
const KNOWN_KINDS = new Set(Object.values(KIND_ALIASES));

/**
 * The kind of a view as the index stores it: module, component-and-connector (also "C&C", "component and
 * connector"), deployment, data-pipeline, or any other word lower-cased in kebab-case. A trailing "view" is dropped.
 */
export function normaliseViewKind(raw: string): string {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+view(point)?s?$/, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return KIND_ALIASES[key] ?? key;
}

// "Checkout: Deployment View" is a deployment view; "Payments — Security View" a security view.
const TITLE_VIEW = /(?:^|\s)View\s*$/;
const TITLE_SEPARATOR = /\s*(?::|—|–|\||\s-\s)\s*/;

function kindFromTitle(title: string): string {
  const prefix = title.replace(TITLE_VIEW, '').trim();
  const words = prefix.split(/\s+/).filter((w) => w.length > 0);
  // A known kind at the end of the title wins ("Orders Module View"), the longest match first.
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const kind = normaliseViewKind(words.slice(-n).join(' '));
    if (KNOWN_KINDS.has(kind)) return kind;
  }
  const parts = prefix.split(TITLE_SEPARATOR).filter((p) => p.trim().length > 0);
  return normaliseViewKind(parts.length > 0 ? parts[parts.length - 1] : prefix) || 'view';
}

const SECTION_BY_NAME = new Map<string, ViewSectionName>(VIEW_SECTIONS.map((s) => [s.toLowerCase(), s]));
SECTION_BY_NAME.set('element catalogue', 'Element Catalog');

/** A heading's section name, ignoring case, numbering ("2.1 Rationale") and a closing colon. */
function sectionName(heading: MdHeading): ViewSectionName | undefined {
  const key = heading.text
    .toLowerCase()
    .replace(/^\d+(\.\d+)*\.?\s+/, '')
    .replace(/[:.]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return SECTION_BY_NAME.get(key);
}

const RAW_VIEW_KEY = /^view[ \t]*:[ \t]*(.*)$/m;

/**
 * Reads a view; `doc` is the document's markdown model, or a function that gives it (parsed once, and only when the
 * document may hold front matter or a view title).
 */
export function parseView(path: string, text: string, doc?: MarkdownOutlineDocument | (() => MarkdownOutlineDocument)): ViewParseResult {
  const problems: Problem[] = [];
  let parsed = typeof doc === 'function' ? undefined : doc;
  const model = () => (parsed ??= typeof doc === 'function' ? doc() : parseMarkdownOutline(text));
  // A document without front matter and without the word View is no view: most are ruled out without a parse.
  if (!text.startsWith('---') && !text.startsWith('\ufeff---') && text.indexOf('View') < 0) return { problems };
  const fm = model().frontMatter;
  let declared: unknown = fm.data.view;
  if (fm.error) {
    // The front matter did not parse, but a `view:` line in it still says what the author meant.
    const m = RAW_VIEW_KEY.exec(frontMatterBlock(text));
    if (m) declared = m[1].replace(/^["']|["']$/g, '').trim() || true;
  }
  // Views are few; most documents are ruled out here without a markdown parse.
  if ((declared === undefined || declared === null) && text.indexOf('View') < 0) return { problems };
  if (declared === false) return { problems };

  const outline = model().outline;
  const h1 = outline.headings.find((h) => h.level === 1);
  const titledView = h1 !== undefined && TITLE_VIEW.test(h1.text);
  if ((declared === undefined || declared === null) && !titledView) return { problems };

  if (fm.error) problems.push(problem('bad-front-matter', path, fm.error.line, `Front matter: ${fm.error.message}`));
  const declaredKind = typeof declared === 'string' ? normaliseViewKind(declared) : '';
  const kind = declaredKind || (titledView ? kindFromTitle(h1!.text) : 'view');
  const fmTitle = asString(fm.data.title);
  const title = (fmTitle !== undefined ? plainInline(fmTitle) || undefined : undefined) ?? h1?.text ?? stripMarkdownExtension(basename(path));
  const line = h1?.line ?? fm.keyLines.get('title') ?? fm.keyLines.get('view') ?? 1;

  const sections: ViewSection[] = [];
  const catalogs: MdSection[] = [];
  for (const s of outline.sections) {
    const name = sectionName(s.heading);
    if (!name) continue;
    sections.push({ name, line: s.heading.line });
    if (name === 'Element Catalog') catalogs.push(s);
  }

  const elements = readElements(path, model(), catalogs);
  const view: ArchitectureView = { title, kind, path, line, sections, elements };
  const reviewed = asString(fm.data.reviewed);
  if (reviewed) view.reviewed = reviewed;
  const reviewedCommit = asString(fm.data['reviewed-commit']);
  if (reviewedCommit) view.reviewedCommit = reviewedCommit;
  if (elements.length === 0) {
    const message =
      catalogs.length > 0
        ? `The Element Catalog of "${title}" maps no element to code (a table with an element and a code column, or \`### Element\` headings with a \`Code:\` line)`
        : `"${title}" has no element catalog mapping its elements to code`;
    problems.push(problem('empty-view', path, catalogs[0]?.heading.line ?? line, message));
  }
  return { view, problems };
}

function readElements(path: string, doc: MarkdownOutlineDocument, catalogs: MdSection[]): ViewElement[] {
  const outline = doc.outline;
  const byLine = new Map<number, ViewElement>();
  const inCatalog = (line: number) => catalogs.some((c) => line >= c.startLine && line <= c.endLine);
  for (const table of outline.tables) {
    if (catalogs.length > 0 && !inCatalog(table.line)) continue;
    for (const el of tableElements(table, path, catalogs.length > 0)) byLine.set(el.line, el);
  }
  if (catalogs.length > 0) {
    for (const c of catalogs) for (const el of headingElements(doc, c, path)) if (!byLine.has(el.line)) byLine.set(el.line, el);
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

function frontMatterBlock(text: string): string {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!t.startsWith('---')) return '';
  const end = t.slice(3).search(/\r?\n---[ \t]*(\r?\n|$)/);
  return end < 0 ? '' : t.slice(3, end + 3);
}
