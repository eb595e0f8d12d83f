// The guardrail rule: which guardrails are in force (by their decision's status), and the findings they raise in
// one file (its dependencies, imports and text) or in the workspace (files that must exist). Pure: the caller
// passes what the file declares and holds.
import type { Finding } from '../findings';
import { compileCodePatterns } from '../globs';
import { decisionMessageLabel, isRetired } from '../lifecycle';
import type { Decision, Severity, TextRange } from '../model';
import { isGlob } from '../paths';
import type { ImportRef } from '../imports';
import { isManifestPath, type Dependency } from '../manifests';
import { LineIndex, dirname } from '../text';
import { dependencyMatcher, moduleMatcher, textOccurrences } from './match';
import type { Guardrail } from './vocabulary';
import picomatch from 'picomatch';

export type { Finding };

/**
 * - `enforce`: an accepted decision's guardrail, at the team's severity;
 * - `would`: a proposed decision's (or one stating no status), as information, "would violate";
 * - `retired`: an adopted dependency of a rejected, deprecated or superseded decision, at the team's severity.
 */
export type GuardrailMode = 'enforce' | 'would' | 'retired';

export interface ActiveGuardrail {
  guardrail: Guardrail;
  decision: Decision;
  mode: GuardrailMode;
  /** The decision that replaces a superseded or deprecated one, when the records say. */
  successor?: Decision;
}

/** How a guardrail of this decision is checked, or undefined when it is not. */
export function modeOf(guardrail: Guardrail, decision: Decision): GuardrailMode | undefined {
  const retired = isRetired(decision) || decision.supersededBy.length > 0;
  if (guardrail.kind === 'adopt-dependency') return retired ? 'retired' : undefined;
  if (retired || decision.status === 'draft') return undefined;
  return decision.status === 'accepted' ? 'enforce' : 'would';
}

export interface FileFacts {
  dependencies?: readonly Dependency[];
  imports?: readonly ImportRef[];
  /** The file's text, for forbid-text; without it forbid-text is not checked. */
  text?: string;
}

/** A compiled guardrail: the tests are built once per snapshot, not once per file. */
export interface CompiledGuardrail extends ActiveGuardrail {
  /** Does the guardrail look at this file at all? */
  applies(path: string): boolean;
  check(path: string, facts: FileFacts, lines: () => LineIndex): { range: TextRange; subject: string }[];
}

export function compileGuardrail(active: ActiveGuardrail): CompiledGuardrail {
  const g = active.guardrail;
  switch (g.kind) {
    case 'forbid-dependency':
    case 'adopt-dependency': {
      const matches = dependencyMatcher(g.name, g.ecosystem);
      const inScope = g.kind === 'forbid-dependency' && g.in ? compileCodePatterns(g.in) : () => true;
      return {
        ...active,
        applies: (path) => isManifestPath(path) && inScope(path),
        check: (path, facts) => (inScope(path) ? (facts.dependencies ?? []).filter(matches).map((d) => ({ range: d.range, subject: d.name })) : []),
      };
    }
    case 'forbid-import': {
      const from = compileCodePatterns(g.from);
      const matches = moduleMatcher(g.module);
      return {
        ...active,
        applies: from,
        check: (path, facts) => (from(path) ? (facts.imports ?? []).filter(matches).map((r) => ({ range: r.range, subject: r.module })) : []),
      };
    }
    case 'forbid-text': {
      const inScope = compileCodePatterns(g.in);
      return {
        ...active,
        applies: inScope,
        check: (path, facts, lines) => {
          if (!inScope(path) || facts.text === undefined) return [];
          return textOccurrences(facts.text, g.text).map((o) => ({ range: { start: lines().positionAt(o), end: lines().positionAt(o + g.text.length) }, subject: g.text }));
        },
      };
    }
    case 'require-file':
      return { ...active, applies: () => false, check: () => [] };
  }
}

/** The findings of the compiled guardrails in one file. */
export function fileFindings(guardrails: readonly CompiledGuardrail[], path: string, facts: FileFacts, severity: Severity): Finding[] {
  const out: Finding[] = [];
  let lines: LineIndex | undefined;
  const lineIndex = () => (lines ??= new LineIndex(facts.text ?? ''));
  for (const c of guardrails) {
    if (!c.applies(path)) continue;
    for (const hit of c.check(path, facts, lineIndex)) out.push(finding(c, path, hit.range, messageOf(c, hit.subject, path), severity));
  }
  return out;
}

/** require-file: each folder the glob's folder part names (and that holds files) must hold a matching file. */
export function requireFileFindings(guardrails: readonly ActiveGuardrail[], files: readonly string[], severity: Severity): Finding[] {
  const out: Finding[] = [];
  for (const a of guardrails) {
    if (a.guardrail.kind !== 'require-file') continue;
    const pattern = a.guardrail.path.replace(/^\.?\//, '');
    const folderPattern = dirname(pattern);
    const namePattern = pattern.slice(folderPattern ? folderPattern.length + 1 : 0);
    const isFolderGlob = isGlob(folderPattern);
    let missing: string[] = [];
    if (!isFolderGlob) {
      const full = picomatch(pattern, { dot: true });
      if (!files.some((f) => full(f))) missing = [folderPattern ? `${folderPattern}/` : '(the workspace root)'];
    } else {
      const folderTest = picomatch(folderPattern, { dot: true });
      const nameTest = picomatch(namePattern, { dot: true });
      const folders = new Map<string, boolean>();
      for (const f of files) {
        const dir = dirname(f);
        if (!folderTest(dir)) continue;
        const has = nameTest(f.slice(dir ? dir.length + 1 : 0));
        folders.set(dir, (folders.get(dir) ?? false) || has);
      }
      missing = [...folders].filter(([, has]) => !has).map(([dir]) => `${dir}/`).sort();
    }
    for (const where of missing.slice(0, 50)) {
      const subject = isFolderGlob ? `${where} has no ${namePattern}` : `${pattern} is missing`;
      out.push(finding(a, a.decision.path, a.guardrail.range, messageOf(a, subject, where), severity));
    }
  }
  return out;
}

function finding(a: ActiveGuardrail, path: string, range: TextRange, message: string, severity: Severity): Finding {
  return {
    code: 'guardrail',
    severity: a.mode === 'would' ? 'information' : severity,
    path,
    range,
    message,
    related: [{ path: a.decision.path, line: a.guardrail.line, message: `guardrail of ${label(a.decision)}` }],
    fix: { kind: 'open-decision', decision: a.decision.id, line: a.guardrail.line },
  };
}

/** One line: what is wrong, the decision, and why. */
export function messageOf(a: ActiveGuardrail, subject: string, where: string): string {
  const g = a.guardrail;
  const d = a.decision;
  const why = g.reason ?? firstSentence(d.summary);
  let message: string;
  if (g.kind === 'adopt-dependency') {
    const state = d.status === 'rejected' ? 'rejected' : d.status === 'deprecated' ? 'deprecated' : 'superseded';
    message = `${subject} comes from ${label(d)}, which is ${state}`;
  } else {
    const what =
      g.kind === 'forbid-dependency' ? `dependency ${subject} is forbidden`
      : g.kind === 'forbid-import' ? `import of ${subject} is forbidden in ${g.from.join(', ')}`
      : g.kind === 'forbid-text' ? `"${subject}" is forbidden in ${g.in.join(', ')}`
      : subject;
    message =
      a.mode === 'would' ? `Would violate proposed ${label(d)}: ${what}`
      : g.kind === 'require-file' ? `${what}, required by ${label(d)}`
      : `${capitalise(what)} by ${label(d)}`;
  }
  if (why) message += `: ${why}`;
  const instead = g.replacement ?? (a.successor ? label(a.successor) : undefined);
  if (instead) message += `; use ${instead} instead`;
  void where;
  return message;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const label = decisionMessageLabel;

/** The first sentence of a decision's summary as plain text, for a one-line message. */
export function firstSentence(markdown: string): string | undefined {
  const plain = markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#]/g, '')
    .replace(/^\s*[-+]\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!plain) return undefined;
  // "Rejected. We keep reverse ETL…": a one-word verdict says less than the sentence after it.
  const sentences = plain.split(/(?<=[.!?])\s+/).map((x) => x.replace(/[.!?]$/, ''));
  const sentence = sentences.find((x) => x.split(' ').length > 2) ?? sentences[0];
  return sentence.length > 160 ? `${sentence.slice(0, 157)}…` : sentence;
}
