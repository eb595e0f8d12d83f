// Completion: decisions after `ADR-` / `@adr ` in any file, glossary terms in markdown, and in a decision's front
// matter the statuses and the decisions a relation can name.
import { guardrailKindItems, guardrailKindPartial } from './guardrails';
import {
  CompletionItemKind,
  CompletionItemTag,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { inCodeBlock } from '../core/markdownCode';
import { DECISION_STATUSES, type Decision } from '../core/model';
import { basename, firstSentence } from '../core/text';
import { CONFIG_FILE } from '../core/settings';
import { schemaCompletion } from './yamlSchema';
import type { FeatureContext, FeatureDocument } from './context';
import { decisionLabel, decisionShortName, formatDecisionId, isOutdated, padDecisionNumber, relationKindOf } from '../core/lifecycle';
import { isMarkdownPath } from '../core/paths';
import { toPlainText, toSafeMarkdown } from '../core/safeMarkdown';
import { decisionDocumentation, workspaceLinkPolicy } from './markdownText';

/** `ADR-` / `adr-` then what has been typed of the number or title; not glued to a word (`MADR-`). */
const AFTER_ADR_ID = /(?<![\p{L}\p{N}_])(adr-)([\p{L}\p{N}]*)$/iu;
/** `@adr ` then what has been typed. */
const AFTER_ADR_TAG = /(?<![\p{L}\p{N}_])@adr[ \t]+#?([\p{L}\p{N}]*)$/iu;
const STATUS_KEY = /^status[ \t]*:[ \t]*([\p{L}-]*)$/iu;
/** A front-matter key and its value; a relation key when lifecycle's relationKindOf knows it. */
const KEY_VALUE = /^([A-Za-z][\w-]*)[ \t]*:(.*)$/;
const LIST_ITEM = /^[ \t]+-[ \t]+([\p{L}\p{N}-]*)$|^-[ \t]+([\p{L}\p{N}-]*)$/u;
const TOP_LEVEL_KEY = /^([^\s#:-][^:]*):/;
const FENCE = /^---[ \t]*$/;
const WORD_BEFORE = /[\p{L}\p{N}_'-]+$/u;

/**
 * Most items one completion answer carries. A log of 10,000 decisions is not sent whole on each keystroke (megabytes
 * of JSON): past this many the answer is the first items in sort order among those matching what was typed,
 * marked incomplete so the editor asks again as more is typed.
 */
export const COMPLETION_LIMIT = 200;

/** Completion as the server answers it: every item, or the first COMPLETION_LIMIT of a longer list, incomplete. */
export function completionAnswer(ctx: FeatureContext, doc: FeatureDocument, position: Position): CompletionItem[] | CompletionList {
  const items = completion(ctx, doc, position);
  if (items.length <= COMPLETION_LIMIT) return items;
  const typed = doc.lines.lineText(position.line + 1).slice(0, position.character);
  const word = (/[\p{L}\p{N}]*$/u.exec(typed)?.[0] ?? '').toLowerCase();
  const matching = word ? items.filter((i) => (i.filterText ?? i.label).toLowerCase().includes(word)) : items;
  matching.sort((a, b) => compareText(a.sortText ?? a.label, b.sortText ?? b.label));
  return { isIncomplete: true, items: matching.slice(0, COMPLETION_LIMIT) };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function completion(ctx: FeatureContext, doc: FeatureDocument, position: Position): CompletionItem[] {
  const lineText = doc.lines.lineText(position.line + 1);
  const before = lineText.slice(0, position.character);
  const replace = (length: number): Range => ({
    start: { line: position.line, character: position.character - length },
    end: position,
  });

  const inFrontMatter = ctx.snapshot.context.isDecisionPath(doc.path) && frontMatterContains(doc, position.line + 1);
  if (inFrontMatter) {
    const status = STATUS_KEY.exec(before);
    if (status) return statusItems(replace(status[1].length));
    const partial = relationPartial(doc, position.line + 1, before);
    if (partial !== undefined) return relationItems(ctx, doc, replace(partial.length));
    const kind = guardrailKindPartial(doc, position.line + 1, before);
    if (kind !== undefined) return guardrailKindItems(replace(kind.length));
    const keysOrValues = schemaCompletion(ctx, doc, position);
    if (keysOrValues?.length) return keysOrValues;
  }
  if (doc.path === CONFIG_FILE) return schemaCompletion(ctx, doc, position) ?? [];

  const tag = AFTER_ADR_TAG.exec(before);
  if (tag) return decisionItems(ctx, doc, replace(tag[1].length), 'tag');
  const id = AFTER_ADR_ID.exec(before);
  if (id) return decisionItems(ctx, doc, replace(id[2].length), 'id');

  if (!inFrontMatter && isMarkdown(doc) && !inCodeBlock(ctx.snapshot.markdownOf(doc.path, doc.text), position.line + 1)) {
    const word = WORD_BEFORE.exec(before);
    // Only once a word is started: a space (a trigger character) must not open the whole glossary mid-sentence.
    if (word) return termItems(ctx, doc, replace(word[0].length));
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// Decisions after ADR- and @adr

function decisionItems(ctx: FeatureContext, doc: FeatureDocument, range: Range, form: 'id' | 'tag'): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const d of ctx.snapshot.decisions) {
    // `ADR-` can only be followed by a number; `@adr` can also name the file.
    if (d.number === undefined && form === 'id') continue;
    const newText = d.number === undefined ? d.path : form === 'id' ? padDecisionNumber(d.number) : String(d.number);
    const item: CompletionItem = {
      label: decisionLabel(d),
      kind: CompletionItemKind.Reference,
      detail: sourceDetail(ctx, d, statusDetail(ctx, d)),
      data: resolveData(doc, d),
      filterText: d.number === undefined ? `${d.path} ${d.title}` : `${padDecisionNumber(d.number)} ${d.number} ${d.title}`,
      sortText: sortKey(d),
      textEdit: { range, newText },
    };
    if (isOutdated(d)) item.tags = [CompletionItemTag.Deprecated];
    items.push(item);
  }
  return items;
}

/**
 * What `completionItem/resolve` needs to document a decision item. A decision's documentation (its summary
 * rendered, its successors, why it is stale) is built only for the item the editor shows, not for every decision
 * of a 10,000-decision log on each keystroke.
 */
export interface DecisionItemData {
  /** The URI of the document completed in, which names the workspace folder (one URI for every item of a list). */
  uri: string;
  decision: string;
}

function resolveData(doc: FeatureDocument, d: Decision): DecisionItemData {
  return { uri: doc.uri, decision: d.id };
}

/** The data of a decision item, when the item is one. */
export function decisionItemData(item: CompletionItem): DecisionItemData | undefined {
  const d = item.data as Partial<DecisionItemData> | undefined;
  return d && typeof d.uri === 'string' && typeof d.decision === 'string' ? { uri: d.uri, decision: d.decision } : undefined;
}

/** The item with its documentation, when it names a decision of this snapshot; otherwise as it came. */
export function resolveCompletion(ctx: FeatureContext, item: CompletionItem): CompletionItem {
  const data = decisionItemData(item);
  const d = data && ctx.snapshot.decision(data.decision);
  if (!d || item.documentation !== undefined) return item;
  return { ...item, documentation: decisionDocumentation(ctx, d) };
}

/** The detail with the source a decision comes from (`.archlens.yml` `sources:`), when it is not the workspace's own. */
function sourceDetail(ctx: FeatureContext, d: Decision, detail: string): string {
  const source = ctx.snapshot.sourceOf(d.path);
  return source ? `${detail} · from ${source}` : detail;
}

/** Standing decisions first, by number; retired ones after them. */
function sortKey(d: Decision): string {
  const n = d.number === undefined ? '999999999' : String(d.number).padStart(9, '0');
  return `${isOutdated(d) ? 1 : 0}-${n}-${d.path}`;
}

/** "accepted", or for one no longer to cite: "superseded by ADR-0012". */
function statusDetail(ctx: FeatureContext, d: Decision): string {
  const successor = d.supersededBy.length > 0 ? ctx.snapshot.decision(d.supersededBy[0]) : undefined;
  const by = successor ? `superseded by ${decisionShortName(successor)}` : undefined;
  if (d.status === 'superseded' || (by && !d.status)) return by ?? 'superseded';
  const status = d.status ?? d.statusText ?? 'no status';
  return by ? `${status}, ${by}` : status;
}

// ---------------------------------------------------------------------------------------------------------------
// Front matter of a decision

/** Is 1-based `line` inside the front matter (after the opening `---`, before the closing one or the end)? */
function frontMatterContains(doc: FeatureDocument, line: number): boolean {
  const first = doc.lines.lineText(1).replace(/^\uFEFF/, '');
  if (line < 2 || !FENCE.test(first)) return false;
  for (let l = 2; l < line; l++) if (FENCE.test(doc.lines.lineText(l))) return false;
  return true;
}

function statusItems(range: Range): CompletionItem[] {
  return DECISION_STATUSES.map((status, i) => ({
    label: status,
    kind: CompletionItemKind.EnumMember,
    sortText: String(i),
    textEdit: { range, newText: status },
  }));
}

/**
 * What has been typed of a relation's value when the cursor is on one (`supersedes: ADR-00`, `amends: [ADR-0003, 0`
 * or a `- ` item under such a key), else undefined.
 */
function relationPartial(doc: FeatureDocument, line: number, before: string): string | undefined {
  const key = KEY_VALUE.exec(before);
  if (key && relationKindOf(key[1])) {
    const value = key[2];
    const cut = Math.max(value.lastIndexOf('['), value.lastIndexOf(','), value.lastIndexOf(' '), value.lastIndexOf('\t'));
    const partial = value.slice(cut + 1);
    return /^[\p{L}\p{N}_-]*$/u.test(partial) ? partial : undefined;
  }
  const item = LIST_ITEM.exec(before);
  if (!item) return undefined;
  for (let l = line - 1; l >= 2; l--) {
    const m = TOP_LEVEL_KEY.exec(doc.lines.lineText(l));
    if (m) return relationKindOf(m[1].trim()) ? (item[1] ?? item[2] ?? '') : undefined;
  }
  return undefined;
}

function relationItems(ctx: FeatureContext, doc: FeatureDocument, range: Range): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const d of ctx.snapshot.decisions) {
    if (d.path === doc.path) continue;
    // Front matter names a decision by `ADR-NNNN`, or by its file's slug when it has no number.
    const name = d.number !== undefined ? formatDecisionId(d.number) : basename(d.id);
    items.push({
      label: name,
      kind: CompletionItemKind.Reference,
      detail: `${d.title} (${statusDetail(ctx, d)})`,
      data: resolveData(doc, d),
      filterText: d.number !== undefined ? `${name} ${padDecisionNumber(d.number)} ${d.number} ${d.title}` : `${name} ${d.title}`,
      sortText: sortKey(d),
      textEdit: { range, newText: name },
    });
  }
  return items;
}

// ---------------------------------------------------------------------------------------------------------------
// Glossary terms in markdown

function isMarkdown(doc: FeatureDocument): boolean {
  return doc.languageId === 'markdown' || isMarkdownPath(doc.path);
}

function termItems(ctx: FeatureContext, doc: FeatureDocument, range: Range): CompletionItem[] {
  return ctx.snapshot.glossary.forPath(doc.path).terms.map((t) => ({
    label: t.term,
    kind: CompletionItemKind.Text,
    detail: firstSentence(toPlainText(t.definition, { oneLine: true })),
    documentation: { kind: MarkupKind.Markdown, value: toSafeMarkdown(t.definition, workspaceLinkPolicy(ctx, t.path)) },
    filterText: [t.term, ...t.aliases].join(' '),
    sortText: t.term.toLowerCase(),
    textEdit: { range, newText: t.term },
  }));
}
