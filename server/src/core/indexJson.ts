// What `archlens index --json` prints: the decisions, terms, views and problems of a snapshot as plain JSON.
import type { Problem } from './model';
import type { IndexSnapshot } from './snapshot';

export interface IndexJson {
  decisions: {
    id: string;
    number: number | null;
    title: string;
    status: string | null;
    /** The status as the team wrote it, when it differs from `status`. */
    statusText?: string;
    date: string | null;
    path: string;
    line: number;
    supersedes: string[];
    supersededBy: string[];
    amends: string[];
    amendedBy: string[];
    tags: string[];
    deciders: string[];
    governs: string[];
  }[];
  terms: { term: string; aliases: string[]; definition: string; avoid: string[]; scope: string; path: string; line: number }[];
  views: { title: string; kind: string; path: string; line: number; elements: { name: string; paths: string[]; line: number }[] }[];
  problems: Problem[];
}

/** The snapshot as `archlens index --json` prints it. */
export function indexJson(s: IndexSnapshot): IndexJson {
  const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
  return {
    decisions: s.decisions.map((d) => ({
      id: d.id,
      number: nul(d.number),
      title: d.title,
      status: nul(d.status ?? d.statusText),
      // The team's own word, where it says more than the normalised status ("Approved", "RFC", "✅").
      ...(d.status !== undefined && d.statusText !== undefined && d.statusText.toLowerCase() !== d.status ? { statusText: d.statusText } : {}),
      date: nul(d.date),
      path: d.path,
      line: d.line,
      supersedes: d.supersedes,
      supersededBy: d.supersededBy,
      amends: d.amends,
      amendedBy: d.amendedBy,
      tags: d.tags,
      deciders: d.deciders,
      governs: d.governs,
    })),
    terms: s.terms.map((t) => ({
      term: t.term,
      aliases: t.aliases,
      definition: t.definition,
      avoid: t.avoid,
      scope: t.scope,
      path: t.path,
      line: t.line,
    })),
    views: s.views.map((v) => ({
      title: v.title,
      kind: v.kind,
      path: v.path,
      line: v.line,
      elements: v.elements.map((e) => ({ name: e.name, paths: e.paths, line: e.line })),
    })),
    problems: s.problems.map((p) => ({ code: p.code, severity: p.severity, path: p.path, line: p.line, message: p.message })),
  };
}
