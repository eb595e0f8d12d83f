// `archlens tour [DIR]`: the architecture tour the editor's walkthrough shows, as a markdown or HTML document.
import * as path from 'node:path';
import { NodeWorkspace } from '../adapters/nodeWorkspace';
import { buildTour } from '../core/tour/build';
import { readTermUses } from '../core/tour/termUses';
import { publishedUrl } from '../core/publishedDocs';
import { splitSourcePath, type LoadedSource } from '../core/sources';
import { relativeUrl } from '../publish/links';
import { tourHtml, tourMarkdown, type TourHref } from '../publish/tour';
import { writeOutput } from './output';
import { openIndex, UsageError, type CliIO, type ParsedArgs } from './run';
import { SOURCES_DIR_USAGE } from './sources';

export const TOUR_USAGE = `Usage: archlens tour [DIR] [--format markdown|html] [--output <file>] [--sources-dir <dir>]

An architecture tour of DIR for a newcomer: the overview, each view with its elements and their code, the
decisions the code cites most, the supersede chains, and the glossary terms used most. Links are relative to DIR.

Options:
${SOURCES_DIR_USAGE}`;

export async function tourVerb(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.flags.has('help')) {
    io.stdout.write(TOUR_USAGE);
    return 0;
  }
  const format = String(args.flags.get('format') ?? 'markdown');
  if (format !== 'markdown' && format !== 'html') throw new UsageError('--format must be markdown or html');
  const output = args.flags.get('output');
  const { root, index, snapshot } = await openIndex(args, io, { sources: true });
  const uses = await readTermUses(snapshot, new NodeWorkspace(root));
  const tour = buildTour(snapshot, uses, path.basename(root));
  const href = sourceHref(root, index.sources.loaded);
  await writeOutput(format === 'html' ? tourHtml(tour, href) : tourMarkdown(tour, href), typeof output === 'string' ? output : undefined, io);
  return 0;
}

/**
 * Links to documents of `.archlens.yml` sources: the log's published page when it has a site, else the file in a
 * sibling checkout (relative to DIR), else none (a clone in the cache is no place to send a reader).
 */
function sourceHref(root: string, sources: readonly LoadedSource[]): TourHref {
  return (p, line) => {
    const split = splitSourcePath(sources.map((s) => s.spec), p);
    if (!split) return relativeUrl(p, '', line);
    const source = sources.find((s) => s.spec.name === split.name);
    const page = source?.site ? publishedUrl({ siteUrl: source.site.url, docsDir: source.site.docsDir, useDirectoryUrls: source.site.useDirectoryUrls }, split.path) : undefined;
    if (page) return page;
    if (!source?.root || source.spec.path === undefined) return undefined;
    return relativeUrl(path.relative(root, path.join(source.root, ...split.path.split('/'))).split(path.sep).join('/'), '', line);
  };
}
