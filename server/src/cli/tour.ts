// `archlens tour [DIR]`: the architecture tour the editor's walkthrough shows, as a markdown or HTML document.
import * as path from 'node:path';
import { NodeWorkspace } from '../adapters/nodeWorkspace';
import { buildTour } from '../core/tour/build';
import { readTermUses } from '../core/tour/termUses';
import { tourHtml, tourMarkdown } from '../publish/tour';
import { writeOutput } from './output';
import { openIndex, UsageError, type CliIO, type ParsedArgs } from './run';

export const TOUR_USAGE = `Usage: archlens tour [DIR] [--format markdown|html] [--output <file>]

An architecture tour of DIR for a newcomer: the overview, each view with its elements and their code, the
decisions the code cites most, the supersede chains, and the glossary terms used most. Links are relative to DIR.
`;

export async function tourVerb(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.flags.has('help')) {
    io.stdout.write(TOUR_USAGE);
    return 0;
  }
  const format = String(args.flags.get('format') ?? 'markdown');
  if (format !== 'markdown' && format !== 'html') throw new UsageError('--format must be markdown or html');
  const output = args.flags.get('output');
  const { root, snapshot } = await openIndex(args, io);
  const uses = await readTermUses(snapshot, new NodeWorkspace(root));
  const tour = buildTour(snapshot, uses, path.basename(root));
  await writeOutput(format === 'html' ? tourHtml(tour) : tourMarkdown(tour), typeof output === 'string' ? output : undefined, io);
  return 0;
}
