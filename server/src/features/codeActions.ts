// Quick fixes for Archlens diagnostics: cite the decision that replaced a superseded one (in the style the reference
// was written in), use the glossary's preferred term, and for stale documentation mark it reviewed or show what
// changed. In an untrusted workspace only edits to the open document are offered.
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { Decision, DecisionReference } from '../core/model';
import { findDecisionReferences } from '../core/references';
import { numberForms } from '../core/terms/matcher';
import { relativePath } from '../core/paths';
import { dirname } from '../core/text';
import { Commands } from '../protocol';
import { toLspRange, type FeatureContext, type FeatureDocument } from './context';
import { DIAGNOSTIC_SOURCE, type StaleData, type SupersededData } from './diagnostics';
import { decisionLabel, padLike, replaceNumber } from '../core/lifecycle';
import { guardrailActions, suggestedGuardrailActions } from './guardrails';
import { markReviewedEdit } from './reviewedEdit';
import { missingCodeFixes } from './missingCodeFixes';
import { suggestGovernsActions } from './suggestGoverns';
import type { GitHistory } from '../core/git';

export interface CodeActionEnv {
  /** Today's date, YYYY-MM-DD, for "Mark as reviewed". */
  today: string;
  /** The commit HEAD points at, when history is available. */
  head?: string;
  /** The folder's history, for the evidence of suggested governed code (commits that changed a decision). */
  history?: GitHistory;
}

export function codeActions(
  ctx: FeatureContext,
  doc: FeatureDocument,
  _range: Range,
  diagnostics: readonly Diagnostic[],
  env: CodeActionEnv,
): CodeAction[] {
  const out: CodeAction[] = [];
  let references: DecisionReference[] | undefined;
  const staleDocs = new Set<string>();
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    switch (d.code) {
      case 'superseded-decision': {
        references ??= findDecisionReferences(doc.path, doc.text, () => ctx.snapshot.markdownOf(doc.path, doc.text).code);
        const action = supersededFix(ctx, doc, d, references);
        if (action) out.push(action);
        break;
      }
      case 'avoided-term': {
        const action = avoidedTermFix(ctx, doc, d);
        if (action) out.push(action);
        break;
      }
      case 'missing-code-path':
        out.push(...missingCodeFixes(doc, d));
        break;
      case 'stale-documentation': {
        const docUri = (d.data as Partial<StaleData> | undefined)?.docUri;
        // Reviewing and diffing read git and write the document: nothing of it in an untrusted workspace.
        if (typeof docUri !== 'string' || !ctx.trusted || staleDocs.has(docUri)) break;
        staleDocs.add(docUri);
        out.push(...staleActions(doc, d, docUri, env));
        break;
      }
    }
  }
  out.push(...guardrailActions(ctx, diagnostics));
  out.push(...suggestedGuardrailActions(ctx, doc));
  out.push(...suggestGovernsActions(ctx, doc, env.history));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Superseded decisions

function supersededFix(ctx: FeatureContext, doc: FeatureDocument, d: Diagnostic, references: DecisionReference[]): CodeAction | undefined {
  const data = d.data as Partial<SupersededData> | undefined;
  const old = typeof data?.decision === 'string' ? ctx.snapshot.decision(data.decision) : undefined;
  const successor = typeof data?.successor === 'string' ? ctx.snapshot.decision(data.successor) : undefined;
  if (!old || !successor) return undefined;
  const ref = references.find((r) => {
    const range = toLspRange(r.range);
    return range.start.line === d.range.start.line && range.start.character === d.range.start.character;
  });
  if (!ref) return undefined;
  const edits = rewriteReference(doc, ref, old, successor);
  if (!edits) return undefined;
  return {
    title: `Replace with ${decisionLabel(successor)}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [doc.uri]: edits } },
  };
}

/** The edits that make `ref` cite `successor` instead of `old`, in the form it was written in. */
function rewriteReference(doc: FeatureDocument, ref: DecisionReference, old: Decision, successor: Decision): TextEdit[] | undefined {
  const range = toLspRange(ref.range);
  if (ref.form === 'adr-id') {
    if (successor.number === undefined) return undefined;
    return [{ range, newText: replaceNumber(ref.text, successor.number) }];
  }
  if (ref.form === 'adr-tag') {
    if (ref.path === undefined) {
      // A decision without a number can still be cited by its file.
      const newText = successor.number !== undefined ? replaceNumber(ref.text, successor.number) : `@adr ${successor.path}`;
      return [{ range, newText }];
    }
    const arg = /^@adr\s+/i.exec(ref.text);
    const raw = arg ? ref.text.slice(arg[0].length) : '';
    const workspaceRelative = !/^(\.\.?\/|\/)/.test(raw) && raw.includes('/');
    const prefix = arg ? arg[0] : '@adr ';
    return [{ range, newText: prefix + newPath(raw, doc.path, successor.path, workspaceRelative) }];
  }
  // A link: its range is the destination; the label changes too when it named the old decision.
  const edits: TextEdit[] = [{ range, newText: encodeDestination(newPath(ref.text, doc.path, successor.path, false)) }];
  const label = linkLabel(doc, ref);
  if (label) {
    const newLabel = relabel(label.text, old, successor);
    if (newLabel !== label.text) edits.unshift({ range: label.range, newText: newLabel });
  }
  return edits;
}

/** A path to `target` written the way `raw` was written: root-absolute, workspace-relative, `./`-relative or plain. */
function newPath(raw: string, fromPath: string, target: string, workspaceRelative: boolean): string {
  if (raw.startsWith('/')) return `/${target}`;
  if (workspaceRelative) return target;
  const relative = relativePath(dirname(fromPath), target);
  return raw.startsWith('./') && !relative.startsWith('../') ? `./${relative}` : relative;
}

/** Characters a bare link destination cannot hold. */
function encodeDestination(path: string): string {
  return path.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The label of an inline link whose destination is `ref` (`[label](dest)` on one line). */
function linkLabel(doc: FeatureDocument, ref: DecisionReference): { text: string; range: Range } | undefined {
  const line = doc.lines.lineText(ref.range.start.line);
  let close = ref.range.start.character - 1;
  if (line[close] === '<') close--;
  while (close > 0 && (line[close] === ' ' || line[close] === '\t')) close--;
  if (line[close] !== '(' || line[close - 1] !== ']') return undefined;
  const end = close - 1;
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    const c = line[i];
    if (c === ']' && line[i - 1] !== '\\') depth++;
    else if (c === '[' && line[i - 1] !== '\\') {
      if (depth === 0) {
        const lspLine = ref.range.start.line - 1;
        return {
          text: line.slice(i + 1, end),
          range: { start: { line: lspLine, character: i + 1 }, end: { line: lspLine, character: end } },
        };
      }
      depth--;
    }
  }
  return undefined;
}

/** A label that named the old decision (its number first, its title anywhere) names the new one. */
function relabel(label: string, old: Decision, successor: Decision): string {
  let out = label;
  const id = /^(\s*(?:ADR[-_ ]?)?)(\d+)(?!\d)/i.exec(out);
  if (id && old.number !== undefined && Number(id[2]) === old.number && successor.number !== undefined) {
    out = id[1] + padLike(id[2], successor.number) + out.slice(id[0].length);
  }
  const at = out.toLowerCase().indexOf(old.title.toLowerCase());
  if (old.title && at >= 0) out = out.slice(0, at) + successor.title + out.slice(at + old.title.length);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Avoided words

function avoidedTermFix(ctx: FeatureContext, doc: FeatureDocument, d: Diagnostic): CodeAction | undefined {
  const preferred = typeof d.data === 'string' ? d.data : undefined;
  if (!preferred) return undefined;
  const start = doc.lines.offsetAt({ line: d.range.start.line + 1, character: d.range.start.character });
  const end = doc.lines.offsetAt({ line: d.range.end.line + 1, character: d.range.end.character });
  const word = doc.text.slice(start, end);
  if (!word) return undefined;
  const term = ctx.snapshot.glossary.lookup(preferred, doc.path);
  const avoid = (term?.avoid ?? []).map((a) => a.toLowerCase());
  // The matcher also finds plurals of an avoided word; the replacement keeps the number.
  const plural = !avoid.includes(word.toLowerCase()) && /s$/i.test(word) && !/s$/i.test(preferred);
  const replacement = matchCase(word, plural ? pluralise(preferred) : preferred);
  return {
    title: `Replace '${word}' with '${replacement}'`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [doc.uri]: [{ range: d.range, newText: replacement }] } },
  };
}

/** The preferred term with the capitalisation of the replaced word's first letter (acronyms keep theirs). */
function matchCase(word: string, preferred: string): string {
  const first = word.charAt(0);
  const upper = first !== first.toLowerCase();
  if (upper) return preferred.charAt(0).toUpperCase() + preferred.slice(1);
  const second = preferred.charAt(1);
  const acronym = second !== '' && second !== second.toLowerCase();
  return acronym ? preferred : preferred.charAt(0).toLowerCase() + preferred.slice(1);
}

function pluralise(term: string): string {
  const space = Math.max(term.lastIndexOf(' '), term.lastIndexOf('-'));
  const last = term.slice(space + 1);
  const folded = last.toLowerCase();
  const form = numberForms(folded)[0] ?? `${folded}s`;
  let common = 0;
  while (common < folded.length && form[common] === folded[common]) common++;
  return term.slice(0, space + 1) + last.slice(0, common) + form.slice(common);
}

// ---------------------------------------------------------------------------------------------------------------
// Stale documentation

function staleActions(doc: FeatureDocument, d: Diagnostic, docUri: string, env: CodeActionEnv): CodeAction[] {
  const actions: CodeAction[] = [];
  if (docUri === doc.uri) {
    actions.push({
      title: 'Mark as reviewed',
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [doc.uri]: markReviewedEdit(doc.text, env.today, env.head) } },
    });
  } else {
    // The document is not the one open: the server reads and edits it when the command runs.
    actions.push({
      title: 'Mark the documentation as reviewed',
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      command: { title: 'Mark the documentation as reviewed', command: Commands.markReviewed, arguments: [docUri] },
    });
  }
  actions.push({
    title: 'Show changes since documented',
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    command: { title: 'Show changes since documented', command: Commands.showChanges, arguments: [docUri] },
  });
  return actions;
}
