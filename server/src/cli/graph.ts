// `archlens graph [DIR]`: the decision graph of DIR as mermaid, Graphviz dot, SVG or JSON, built and drawn by the
// core (core/graph), the same picture the editor's Decision Graph panel shows.
import { buildGraphPicture, graphSourceOf } from '../core/graph/build';
import { toDot, toJson, toMermaid } from '../core/graph/render';
import { toSvg } from '../core/graph/svg';
import { openIndex, UsageError, type CliIO, type ParsedArgs } from './run';
import { writeOutput } from './output';
import { SOURCES_DIR_USAGE } from './sources';

export const GRAPH_USAGE = `Usage: archlens graph [DIR] [options]

Draws the decisions of DIR (coloured by status) with their supersedes, amends and relates edges.

Options:
  --format <f>       mermaid (default), dot, svg, json
  --folders          Add the code folders the decisions govern
  --views            Add the architecture views and what they cite
  --tag <tag>        Only decisions with this tag
  --status <s>       Only decisions with this status
  --folder <path>    Only decisions in this folder or governing code in it
  --output <file>    Write to a file instead of standard output
${SOURCES_DIR_USAGE}`;

const RENDER = { mermaid: toMermaid, dot: toDot, svg: toSvg, json: toJson } as const;

export async function graphVerb(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.flags.has('help')) {
    io.stdout.write(GRAPH_USAGE);
    return 0;
  }
  const format = String(args.flags.get('format') ?? 'mermaid');
  if (!(format in RENDER)) throw new UsageError(`--format must be one of ${Object.keys(RENDER).join(', ')}`);
  const text = (name: string) => {
    const v = args.flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const { snapshot } = await openIndex(args, io, { sources: true });
  const picture = buildGraphPicture(graphSourceOf(snapshot), {
    folders: args.flags.has('folders'),
    views: args.flags.has('views'),
    tag: text('tag'),
    status: text('status'),
    folder: text('folder'),
  });
  await writeOutput(RENDER[format as keyof typeof RENDER](picture), text('output'), io);
  return 0;
}
