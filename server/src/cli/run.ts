// Argument handling and the verbs of the command-line tool. Exit codes: 0 fine, 1 findings at or above
// --fail-on, 2 usage or setup error (with a message).
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import { IndexWorkers, threadsFromEnvironment } from '../adapters/indexWorkers';
import { NodeWorkspace } from '../adapters/nodeWorkspace';
import { ArchitectureIndex } from '../core/archIndex';
import { formatDecisionId } from '../core/lifecycle';
import type { IndexSnapshot } from '../core/snapshot';
import { ARCHLENS_VERSION } from '../version';
import { SOURCES_DIR_USAGE, sourceOptions } from './sources';

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
  --version                Print the version

Run 'archlens <command> --help' for the options of a command.
`;

export class UsageError extends Error {}
/** A folder or repository the command cannot work with (no history for --base, a ref that does not exist). */
export class SetupError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
const text = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;

/** The options of each command; anything else is a usage error (exit 2). Every command also takes --help / -h. */
const OPTIONS: Record<string, Options> = {
  index: { json: flag, 'sources-dir': text },
  check: { base: text, format: text, 'fail-on': text, explain: flag, output: text, 'sources-dir': text },
  why: { json: flag, limit: text },
  graph: { format: text, folders: flag, views: flag, tag: text, status: text, folder: text, output: text, 'sources-dir': text },
  tour: { format: text, output: text, 'sources-dir': text },
  export: { out: text },
  suggest: { json: flag, all: flag },
};

/** Every command, by name: a fixed table (a new command is added here, to OPTIONS and to USAGE), never written at run time. */
const VERBS: ReadonlyMap<string, Verb> = new Map<string, Verb>([
  ['index', indexVerb],
  ['check', (args, io) => import('./check').then((m) => m.checkVerb(args, io))],
  ['why', (args, io) => import('./why').then((m) => m.whyVerb(args, io))],
  ['graph', (args, io) => import('./graph').then((m) => m.graphVerb(args, io))],
  ['tour', (args, io) => import('./tour').then((m) => m.tourVerb(args, io))],
  ['export', (args, io) => import('./export').then((m) => m.exportVerb(args, io))],
  ['suggest', (args, io) => import('./suggest').then((m) => m.suggestVerb(args, io))],
]);

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') {
    io.stdout.write(USAGE);
    return verb ? 0 : 2;
  }
  if (verb === '--version' || verb === '-v') {
    io.stdout.write(`${ARCHLENS_VERSION}\n`);
    return 0;
  }
  const run = VERBS.get(verb);
  if (!run) {
    io.stderr.write(`archlens: unknown command '${verb}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(parseArgs(rest, OPTIONS[verb] ?? {}), io);
  } catch (err) {
    // instanceof, not the class name: a minified bundle renames classes.
    if (err instanceof UsageError || err instanceof SetupError) {
      io.stderr.write(`archlens ${verb}: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}

/**
 * A command's arguments, read strictly by node:util's parseArgs: `--flag value`, `--flag=value`, bare boolean flags,
 * `-h`; `--` ends options (so folders starting with `-` work). An unknown option, a missing value or a value given to
 * a flag is a UsageError (exit 2).
 */
export function parseArgs(argv: string[], options: Options): ParsedArgs {
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(usageMessage(err as Error & { code?: string }));
  }
  const flags = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === false || value === undefined) continue;
    flags.set(name, typeof value === 'string' ? value : true);
  }
  return { positional: parsed.positionals, flags };
}

/** parseArgs' messages name the fix in node's words; ours say what was wrong in one line. */
function usageMessage(err: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' ]*)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? err.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return option && /argument missing/.test(err.message) ? `${option} needs a value` : err.message.split('\n')[0];
    default:
      return err.message.split('\n')[0];
  }
}

/**
 * Resolves the DIR argument, checks it is a folder, and builds its index; with `sources`, the decision logs of its
 * `.archlens.yml` `sources:` join it as they do for `archlens check` (the command takes --sources-dir).
 */
export async function openIndex(args: ParsedArgs, io: CliIO, options: { sources?: boolean; documentsOnly?: boolean } = {}): Promise<{ root: string; index: ArchitectureIndex; snapshot: IndexSnapshot }> {
  if (args.positional.length > 1) throw new UsageError(`expected at most one folder, got ${args.positional.length}`);
  const root = path.resolve(io.cwd, args.positional[0] ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${root} is not a folder`);
  // Loaded when asked for: the session's modules stay out of commands that read no sources.
  const sources = options.sources ? { load: (await import('../session/nodeSession')).nodeSources(root, sourceOptions(args, io)).load, folderName: path.basename(root) } : undefined;
  // A large folder is read and analysed on every core (ARCHLENS_INDEX_THREADS=0 keeps it on one thread).
  const threads = threadsFromEnvironment();
  const bulk = threads === 0 ? undefined : new IndexWorkers(root, threads === undefined ? {} : { threads, minFiles: 0 });
  const index = new ArchitectureIndex(new NodeWorkspace(root), {}, { ...(sources ? { sources } : {}), ...(bulk ? { bulk } : {}), documentsOnly: options.documentsOnly });
  const snapshot = await index.rebuild();
  return { root, index, snapshot };
}

async function indexVerb(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.flags.has('help')) {
    io.stdout.write(`Usage: archlens index [DIR] [--json] [--sources-dir <dir>]\n\nPrints the decisions, glossary terms, views and problems found in DIR (with the decision logs of its .archlens.yml sources).\n\nOptions:\n  --json              The index as JSON\n${SOURCES_DIR_USAGE}`);
    return 0;
  }
  // What it prints (decisions, terms, views, problems) is read from the documents' first pass: no source file is read.
  const { snapshot } = await openIndex(args, io, { sources: true, documentsOnly: true });
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
