// The guardrails of a snapshot: every decision's entries, which of them are in force, and the questions the editor
// and the CLI ask (findings in a file, files that must exist, the guardrails that apply to a path). Built once per
// snapshot, on first use, and kept with it.
import type { Decision, Severity } from '../model';
import type { IndexSnapshot } from '../snapshot';
import { severityOf } from '../settings';
import { compileGuardrail, fileFindings, modeOf, requireFileFindings, type CompiledGuardrail, type FileFacts, type Finding, type GuardrailMode } from './rule';
import type { Guardrail } from './vocabulary';

export type { Finding, GuardrailMode } from './rule';
export type { Guardrail, GuardrailKind } from './vocabulary';
export { introducedFindings, type BaseRevision } from './baseline';
export { GUARDRAIL_KINDS, GUARDRAIL_SCHEMAS, describeGuardrail, guardrailsSchema } from './vocabulary';

export interface GuardrailEntry {
  decision: Decision;
  guardrail: Guardrail;
  /** How it is checked; undefined when its decision's status puts it out of force. */
  mode?: GuardrailMode;
}

export class GuardrailIndex {
  readonly entries: readonly GuardrailEntry[];
  private readonly compiled: readonly CompiledGuardrail[];
  private textual?: CompiledGuardrail[];
  private declared?: CompiledGuardrail[];
  private texts?: Map<string, string>;
  private textsLoading?: Promise<void>;
  private readonly byDecision = new Map<string, Finding[]>();
  /** The team's severity for guardrail findings; undefined when they are turned off. */
  readonly severity: Severity | undefined;
  /** Changes whenever anything that decides a finding changes (entries, statuses, severity). */
  readonly key: string;

  /** What the next snapshot's index may take over (no snapshot in it: an index must not keep the one before alive). */
  readonly core: GuardrailCore;

  /** `from`: what an earlier snapshot's index shares, when no guardrail, status or setting differs between them. */
  constructor(
    private readonly snapshot: IndexSnapshot,
    from?: GuardrailCore,
  ) {
    if (from) {
      guardrailWork.derived++;
      this.entries = from.entries;
      this.compiled = from.compiled;
      this.severity = from.severity;
      this.key = from.key;
      this.core = { ...from, graph: snapshot.decisionGraph.identity, require: from.require.files === snapshot.files ? from.require : { files: snapshot.files } };
      return;
    }
    guardrailWork.built++;
    const entries: GuardrailEntry[] = [];
    for (const decision of snapshot.decisions) {
      for (const guardrail of snapshot.record(decision.path)?.guardrails ?? snapshot.mountedSources.guardrails.get(decision.path) ?? []) {
        entries.push({ decision, guardrail, mode: modeOf(guardrail, decision) });
      }
    }
    this.entries = entries;
    this.severity = severityOf(snapshot.settings, 'guardrail');
    this.compiled = this.severity
      ? entries.filter((e) => e.mode).map((e) => {
          const successor = e.decision.supersededBy.length > 0 ? snapshot.decision(e.decision.supersededBy[0]) : undefined;
          return compileGuardrail({ decision: e.decision, guardrail: e.guardrail, mode: e.mode!, ...(successor ? { successor } : {}) });
        })
      : [];
    this.key = JSON.stringify([this.severity, this.compiled.map((c) => [c.decision.id, c.decision.title, c.decision.number, c.mode, c.successor?.id, c.guardrail])]);
    this.core = {
      graph: snapshot.decisionGraph.identity,
      settings: snapshot.settings,
      mounted: snapshot.mountedSources,
      guarded: new Set(entries.map((e) => e.decision.path)),
      entries,
      compiled: this.compiled,
      severity: this.severity,
      key: this.key,
      require: { files: snapshot.files },
    };
  }

  get isEmpty(): boolean {
    return this.compiled.length === 0;
  }

  /** The findings of the guardrails in force in one file, from what it declares (and its text, for forbid-text). */
  findingsIn(path: string, facts: FileFacts): Finding[] {
    const out = this.severity ? fileFindings(this.compiled, path, facts, this.severity) : [];
    for (const f of this.requireFindings()) if (f.path === path) out.push(f);
    return out;
  }

  /** The findings of the guardrails in force in one file as it was at another revision (no required files). */
  fileFindingsAt(path: string, facts: FileFacts): Finding[] {
    return this.severity ? fileFindings(this.compiled, path, facts, this.severity) : [];
  }

  /** Required files missing from another revision's file list, with the guardrails in force now. */
  requireFindingsIn(files: readonly string[]): Finding[] {
    return this.severity ? requireFileFindings(this.compiled, files, this.severity) : [];
  }

  /** Files that must exist and do not, reported on the guardrail in the decision. */
  requireFindings(): Finding[] {
    this.core.require.findings ??= this.severity ? requireFileFindings(this.compiled, this.snapshot.files, this.severity) : [];
    return this.core.require.findings;
  }

  /** The guardrails in force that look at this file. */
  appliesTo(path: string): CompiledGuardrail[] {
    return this.compiled.filter((c) => c.applies(path));
  }

  /**
   * Every file that may hold a finding: those whose indexed dependencies or imports break a guardrail, the files
   * forbid-text looks at (their text is only read when diagnosed), and decisions with missing required files.
   */
  pathsToCheck(): Set<string> {
    const paths = new Set<string>();
    if (this.isEmpty) return paths;
    for (const path of this.snapshot.files) if (this.declaresOrForbidsText(path)) paths.add(path);
    for (const f of this.requireFindings()) paths.add(f.path);
    return paths;
  }

  /** Is this path among `pathsToCheck()`? */
  mayHaveFindings(path: string): boolean {
    if (this.isEmpty) return false;
    return this.declaresOrForbidsText(path) || this.requireFindings().some((f) => f.path === path);
  }

  private declaresOrForbidsText(path: string): boolean {
    this.textual ??= this.compiled.filter((c) => c.guardrail.kind === 'forbid-text');
    this.declared ??= this.compiled.filter((c) => c.guardrail.kind !== 'forbid-text' && c.guardrail.kind !== 'require-file');
    if (this.textual.some((c) => c.applies(path))) return this.snapshot.hasFile(path);
    const record = this.snapshot.record(path);
    if (!record || (!record.dependencies && !record.imports)) return false;
    const facts = { dependencies: record.dependencies, imports: record.imports };
    return this.declared.some((c) => c.applies(path) && c.check(path, facts, () => undefined as never).length > 0);
  }

  /**
   * Reads the files forbid-text looks at, once per snapshot, so that {@link findingsOf} without texts counts their
   * violations too (the sidebar asks synchronously; the index holds no file texts).
   */
  loadTexts(read: (path: string) => Promise<string | undefined>): Promise<void> {
    this.textsLoading ??= (async () => {
      const textual = this.compiled.filter((c) => c.guardrail.kind === 'forbid-text');
      const paths = textual.length > 0 ? this.snapshot.files.filter((p) => textual.some((c) => c.applies(p))) : [];
      const texts = new Map<string, string>();
      // A file whose record did not change since an earlier snapshot is not read again.
      const unread: string[] = [];
      for (const p of paths) {
        const record = this.snapshot.record(p);
        const known = record?.forbidText;
        if (known !== undefined) texts.set(p, known);
        else unread.push(p);
      }
      const BATCH = 64;
      for (let i = 0; i < unread.length; i += BATCH) {
        const batch = unread.slice(i, i + BATCH);
        const read1 = await Promise.all(batch.map((p) => read(p).catch(() => undefined)));
        batch.forEach((p, j) => {
          const text = read1[j];
          if (text === undefined || text.length > this.snapshot.settings.maxFileSize) return;
          texts.set(p, text);
          const record = this.snapshot.record(p);
          if (record) record.forbidText = text;
        });
      }
      this.texts = texts;
      this.byDecision.clear();
    })();
    return this.textsLoading;
  }

  /** Every current finding of one decision's guardrails, from the index (forbid-text needs texts: pass them, or load them first). */
  findingsOf(decisionId: string, textOf?: (path: string) => string | undefined): Finding[] {
    const cacheable = !textOf;
    if (cacheable) {
      const hit = this.byDecision.get(decisionId);
      if (hit) return hit;
    }
    const loaded = this.texts;
    const readText = textOf ?? (loaded ? (p: string) => loaded.get(p) : undefined);
    const mine = this.compiled.filter((c) => c.decision.id === decisionId);
    if (mine.length === 0 || !this.severity) return [];
    const out: Finding[] = [];
    for (const path of this.snapshot.files) {
      if (!mine.some((c) => c.applies(path))) continue;
      const record = this.snapshot.record(path);
      const text = mine.some((c) => c.guardrail.kind === 'forbid-text' && c.applies(path)) ? readText?.(path) : undefined;
      out.push(...fileFindings(mine, path, { dependencies: record?.dependencies, imports: record?.imports, text }, this.severity));
    }
    out.push(...this.requireFindings().filter((f) => f.fix?.kind === 'open-decision' && f.fix.decision === decisionId));
    if (cacheable) this.byDecision.set(decisionId, out);
    return out;
  }
}

/** The guardrails of a snapshot: a lazily computed field of it (`snapshot.derived`). */
export function guardrailIndex(snapshot: IndexSnapshot): GuardrailIndex {
  return snapshot.derived(buildGuardrailIndex);
}

/** Guardrail indexes built from every decision, and made from the last snapshot's (tests count them per edit). */
export const guardrailWork = { built: 0, derived: 0 };

/** What one snapshot's guardrail index shares with the next one's: the compiled guardrails and what they depend on. */
export interface GuardrailCore {
  /** The decision graph they were made from (its identity), the settings and the sources' guardrails. */
  graph: object;
  settings: object;
  mounted: object;
  /** The paths of the decisions that have guardrails. */
  guarded: ReadonlySet<string>;
  entries: readonly GuardrailEntry[];
  compiled: readonly CompiledGuardrail[];
  severity: Severity | undefined;
  key: string;
  /** Required files missing from this file list (computed on first use; shared while the list is the same). */
  require: { files: readonly string[]; findings?: Finding[] };
}

function buildGuardrailIndex(snapshot: IndexSnapshot): GuardrailIndex {
  // The core is left on the graph's identity: the next graph (the same, or one made from it by an edit) finds it there.
  const graph = snapshot.decisionGraph;
  const known = (graph.identity.guardrails ?? graph.delta?.previous.guardrails) as GuardrailCore | undefined;
  const index = new GuardrailIndex(snapshot, known && sameGuardrails(known, snapshot) ? known : undefined);
  graph.identity.guardrails = index.core;
  return index;
}

/**
 * Does a snapshot have the guardrails, statuses and severity of an earlier index? Yes when its decision graph is the
 * one they were made from (no decision record changed), or was made from it by editing decisions in place (no
 * status, relation or number changed) none of which has guardrails before or after: typing in code or a title
 * edit keeps them.
 */
function sameGuardrails(core: GuardrailCore, next: IndexSnapshot): boolean {
  if (core.settings !== next.settings || core.mounted !== next.mountedSources) return false;
  const graph = next.decisionGraph;
  if (graph.identity === core.graph) return true;
  if (graph.delta?.previous !== core.graph) return false;
  for (const id of graph.delta.ids) {
    const path = next.decision(id)?.path;
    if (path === undefined || core.guarded.has(path) || next.record(path)?.guardrails?.length || next.mountedSources.guardrails.has(path)) return false;
  }
  return true;
}
