// Output formats of `archlens check`: text for people, JSON for scripts, SARIF 2.1.0 for code scanning,
// GitHub workflow commands for annotations, and GitLab's Code Quality report.
import { createHash } from 'node:crypto';
import { PROBLEM_CODES } from '../core/problems';
import type { Severity } from '../core/model';

export interface Finding {
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  /** Extra lines printed under the finding with --explain. */
  explain?: string;
}

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

export function summaryLine(findings: readonly Finding[]): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('information')} info, ${count('hint')} hints)`;
}

export function formatText(findings: readonly Finding[], notes: readonly string[]): string {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${f.path}:${f.line}:${f.column}: ${f.severity === 'information' ? 'info' : f.severity} [${f.code}] ${f.message}`);
    if (f.explain) for (const l of f.explain.trimEnd().split('\n')) lines.push(`    ${l}`);
  }
  for (const n of notes) lines.push(`note: ${n}`);
  lines.push(summaryLine(findings));
  return `${lines.join('\n')}\n`;
}

export function formatJson(findings: readonly Finding[], notes: readonly string[]): string {
  return `${JSON.stringify({ findings, notes, summary: summaryLine(findings) }, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(findings: readonly Finding[], version: string): string {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const rules = codes.map((id) => {
    const known = (PROBLEM_CODES as Record<string, { severity: Severity; summary: string }>)[id];
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: known?.summary ?? id },
      defaultConfiguration: { level: SARIF_LEVEL[known?.severity ?? 'warning'] },
    };
  });
  const prints = fingerprints(findings);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'archlens', version, informationUri: 'https://example.invalid/archlens', rules } },
        originalUriBaseIds: { SRCROOT: { description: { text: 'The checked folder' } } },
        results: findings.map((f, i) => ({
          ruleId: f.code,
          ruleIndex: codes.indexOf(f.code),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.path), uriBaseId: 'SRCROOT' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          partialFingerprints: { archlens: prints[i] },
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** GitHub Actions workflow commands; data and property values escaped as the runner requires. */
export function formatGithub(findings: readonly Finding[]): string {
  const level: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return findings
    .map(
      (f) =>
        `::${level[f.severity]} file=${prop(f.path)},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${prop(`archlens ${f.code}`)}::${data(f.message)}\n`,
    )
    .join('');
}

/** GitLab Code Quality report (a JSON array of issues). */
export function formatGitlab(findings: readonly Finding[]): string {
  const severity: Record<Severity, string> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };
  const prints = fingerprints(findings);
  const issues = findings.map((f, i) => ({
    description: f.message,
    check_name: f.code,
    fingerprint: prints[i],
    severity: severity[f.severity],
    location: { path: f.path, lines: { begin: f.line, end: f.endLine } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}

/**
 * Stable across runs and unrelated edits: the code, the file and the message, not the line. The same message twice
 * in one file (two citations of a superseded decision) gets its occurrence number too, because GitLab and code
 * scanning treat equal fingerprints as one issue and would drop the second.
 */
function fingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = `${f.code}\0${f.path}\0${f.message}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(n === 0 ? key : `${key}\0${n}`).digest('hex');
  });
}
