// Argument handling and the verbs of the command-line tool. Exit codes: 0 fine, 1 findings at or above
// --fail-on, 2 usage or setup error (with a message).
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { NodeWorkspace } from '../adapters/nodeWorkspace';
import { ArchitectureIndex } from '../core/archIndex';
import { formatDecisionId } from '../core/lifecycle';
import type { IndexSnapshot } from '../core/snapshot';

export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

export type Verb = (args: ParsedArgs, io: CliIO) => Promise<number>;

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

const USAGE = `Usage: archlens <command> [options]

Commands:
  index [DIR] [--json]     Print the architecture index of DIR (default: the current folder)
  check [DIR] [options]    Run every rule over DIR for CI; exit 1 on findings (see check --help)
  why <question> [DIR]     The decisions that answer a question, with the sentence that answers
  graph [DIR] [--format f] The decision graph as mermaid, dot, svg or json
  tour [DIR]               An architecture tour for newcomers, as markdown or HTML
  export mkdocs [DIR] --out <folder>   Pages for a mkdocs site: decision log, tags, graph, glossary, stale report
  suggest [DIR] [--json]   Suggest the code each decision governs, with the evidence
  help                     Show this help

Run 'archlens <command> --help' for the options of a command.
`;

export class UsageError extends Error {}
/** A folder or repository the command cannot work with (no history for --base, a ref that does not exist). */
export class SetupError extends Error {}

const verbs = new Map<string, Verb>([
  ['index', indexVerb],
  ['check', (args, io) => import('./check').then((m) => m.checkVerb(args, io))],
  ['why', (args, io) => import('./why').then((m) => m.whyVerb(args, io))],
  ['graph', (args, io) => import('./graph').then((m) => m.graphVerb(args, io))],
  ['tour', (args, io) => import('./tour').then((m) => m.tourVerb(args, io))],
  ['export', (args, io) => import('./export').then((m) => m.exportVerb(args, io))],
  ['suggest', (args, io) => import('./suggest').then((m) => m.suggestVerb(args, io))],
]);

/** Lets other modules add verbs (check, …) without this file knowing their rules. */
export function registerVerb(name: string, verb: Verb, usage?: string): void {
  verbs.set(name, verb);
  if (usage) extraUsage.push(usage);
}
const extraUsage: string[] = [];

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') {
    io.stdout.write(usage());
    return verb ? 0 : 2;
  }
  const run = verbs.get(verb);
  if (!run) {
    io.stderr.write(`archlens: unknown command '${verb}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await run(parseArgs(rest), io);
  } catch (err) {
    // instanceof, not the class name: a minified bundle renames classes.
    if (err instanceof UsageError || err instanceof SetupError) {
      io.stderr.write(`archlens ${verb}: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}

function usage(): string {
  return extraUsage.length ? USAGE.replace('  help ', `${extraUsage.join('\n')}\n  help `) : USAGE;
}

/** `--flag value`, `--flag=value` and bare `--flag`; `--` ends options (so folders starting with `-` work). */
export function parseArgs(argv: string[], valued: ReadonlySet<string> = VALUED_FLAGS): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') {
      flags.set('help', true);
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (valued.has(a.slice(2))) {
        if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
        flags.set(a.slice(2), argv[++i]);
      } else flags.set(a.slice(2), true);
    } else positional.push(a);
  }
  return { positional, flags };
}

const VALUED_FLAGS = new Set(['format', 'fail-on', 'base', 'output', 'limit', 'out', 'tag', 'status', 'folder']);


/** Resolves the DIR argument, checks it is a folder, and builds its index. */
export async function openIndex(args: ParsedArgs, io: CliIO): Promise<{ root: string; index: ArchitectureIndex; snapshot: IndexSnapshot }> {
  if (args.positional.length > 1) throw new UsageError(`expected at most one folder, got ${args.positional.length}`);
  const root = path.resolve(io.cwd, args.positional[0] ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${root} is not a folder`);
  const index = new ArchitectureIndex(new NodeWorkspace(root));
  const snapshot = await index.rebuild();
  return { root, index, snapshot };
}

async function indexVerb(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.flags.has('help')) {
    io.stdout.write('Usage: archlens index [DIR] [--json]\n\nPrints the decisions, glossary terms, views and problems found in DIR.\n');
    return 0;
  }
  for (const f of args.flags.keys()) if (f !== 'json') throw new UsageError(`unknown option --${f}`);
  const { snapshot } = await openIndex(args, io);
  if (args.flags.has('json')) {
    io.stdout.write(`${JSON.stringify(snapshot.toJSON(), null, 2)}\n`);
    return 0;
  }
  io.stdout.write(summary(snapshot));
  return 0;
}

function summary(s: IndexSnapshot): string {
  const lines: string[] = [];
  const byStatus = new Map<string, number>();
  for (const d of s.decisions) byStatus.set(d.status ?? 'unknown', (byStatus.get(d.status ?? 'unknown') ?? 0) + 1);
  const statuses = [...byStatus].map(([k, v]) => `${v} ${k}`).join(', ');
  lines.push(`${s.decisions.length} decisions${statuses ? ` (${statuses})` : ''}`);
  lines.push(`${s.terms.length} glossary terms`);
  lines.push(`${s.views.length} views (${s.views.reduce((n, v) => n + v.elements.length, 0)} elements)`);
  lines.push(`${s.problems.length} problems`);
  if (s.decisions.length) {
    lines.push('', 'Decisions:');
    for (const d of s.decisions) {
      const num = d.number !== undefined ? formatDecisionId(d.number) : '        ';
      lines.push(`  ${num}  ${(d.status ?? d.statusText ?? '?').padEnd(10)}  ${d.date ?? '          '}  ${d.title}  (${d.path})`);
    }
  }
  if (s.views.length) {
    lines.push('', 'Views:');
    for (const v of s.views) lines.push(`  ${v.title} [${v.kind}] ${v.elements.length} elements  (${v.path})`);
  }
  if (s.problems.length) {
    lines.push('', 'Problems:');
    for (const p of s.problems) lines.push(`  ${p.path}:${p.line}: ${p.severity} [${p.code}] ${p.message}`);
  }
  return `${lines.join('\n')}\n`;
}
