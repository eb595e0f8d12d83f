// Links in code to a decision log's published pages (`.archlens.yml` `sources:` with `site:`, or the log's own
// mkdocs.yml site_url) resolve to the source's decision: go to definition, hover, document links, and the decision
// is cited by the file. Both page styles mkdocs publishes (`…/0015-x/` and `…/0015-x.html`) are read, by the path
// mapping of core/publishedDocs.ts; anything else (another host, a page that is no decision) stays unresolved.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { featureDocument } from '../../server/src/features/context';
import { definition } from '../../server/src/features/definition';
import { documentLinks } from '../../server/src/features/documentLinks';
import { hover } from '../../server/src/features/hover';
import type { FolderSession } from '../../server/src/session/folderSession';
import { KAFKA, LOG, SourceFixtures, checkFindings, config, openFolder } from '../helpers/sourceRepos';

const fixtures = new SourceFixtures();
afterEach(() => fixtures.cleanup());

const SITE = 'https://platform.example.com/decisions/';
/** Code citing decision 15 by its published page, in both URL styles, and two links that are not its pages. */
const WRITER = [
  `# Why Kafka: ${SITE}adr/0015-ingest-through-kafka/`,
  `# (old style: <https://platform.example.com/decisions/adr/0015-ingest-through-kafka.html#consequences>)`,
  `# elsewhere: https://other.example.com/decisions/adr/0015-ingest-through-kafka/`,
  `# not a page: ${SITE}adr/0099-no-such-decision/`,
  'SEND = True',
  '',
].join('\n');

async function withSite(entry: string, logFiles: Record<string, string> = {}): Promise<{ folder: FolderSession; dir: string }> {
  const app = await fixtures.appRepo(config(`  - name: platform\n    path: ../platform-decisions\n${entry}`), { 'src/ingest/writer.py': WRITER });
  await fixtures.siblingLog(app, [{ ...LOG[0], files: { ...LOG[0].files, ...logFiles } }]);
  return { folder: await openFolder(app.dir), dir: app.dir };
}

function writerDoc(dir: string) {
  return featureDocument('src/ingest/writer.py', pathToFileURL(path.join(dir, 'src/ingest/writer.py')).href, 'python', 1, WRITER);
}

const read = (folder: FolderSession) => async (p: string) => {
  const uri = folder.featureContext().uriOf(p);
  return fs.readFileSync(new URL(uri), 'utf8');
};

describe('links to a source\'s published pages', () => {
  it('resolve through site: to the decision: definition, hover, document links and citations', async () => {
    const { folder, dir } = await withSite(`    site: ${SITE}\n`);
    const ctx = folder.featureContext();
    const doc = writerDoc(dir);
    const decisionUri = ctx.uriOf(`platform:${KAFKA}`);
    expect(decisionUri).toBe(pathToFileURL(path.join(path.dirname(dir), 'platform-decisions', ...KAFKA.split('/'))).href);

    // Both URL styles link to the decision; the other host and the missing page link to nothing.
    const links = documentLinks(ctx, doc);
    expect(links.map((l) => [l.range.start.line, l.target?.split('#')[0]])).toEqual([
      [0, decisionUri],
      [1, decisionUri],
    ]);
    expect(links.every((l) => l.target?.startsWith('file:'))).toBe(true);

    const at = (line: number) => ({ line, character: WRITER.split('\n')[line].indexOf('http') + 12 });
    const defs = await definition(ctx, doc, at(0), read(folder));
    expect(defs?.map((d) => [d.uri, d.range.start.line])).toEqual([[decisionUri, 7]]);
    expect((await definition(ctx, doc, at(1), read(folder)))?.[0].uri).toBe(decisionUri);
    expect(await definition(ctx, doc, at(2), read(folder))).toBeNull();
    const shown = hover(ctx, doc, at(0));
    expect((shown?.contents as { value: string }).value).toContain('Ingest through Kafka');
    expect((shown?.contents as { value: string }).value).toContain('From source *platform* (read-only)');

    // The decision is cited by the file (references, the sidebar's "cited by"), by both links (1-based lines).
    const citing = folder.snapshot.citationsOf(`platform:${KAFKA.replace(/\.md$/, '')}`).map((c) => [c.path, c.reference.range.start.line]);
    expect(citing).toEqual([
      ['src/ingest/reader.py', 1],
      ['src/ingest/writer.py', 1],
      ['src/ingest/writer.py', 2],
    ]);

    // An unresolved page is another site's: never an unknown-decision finding.
    expect((await checkFindings(dir)).filter((f) => f.code === 'unknown-decision')).toEqual([]);
  });

  it('read the site from the log\'s mkdocs.yml (site_url, docs_dir) when the entry gives no site:', async () => {
    // The page path is the file's path below docs_dir, whichever URL style the site uses.
    const { folder, dir } = await withSite('', { 'mkdocs.yml': `site_name: Platform\nsite_url: ${SITE}\ndocs_dir: docs\nuse_directory_urls: false\n` });
    const links = documentLinks(folder.featureContext(), writerDoc(dir));
    expect(links.map((l) => l.range.start.line)).toEqual([0, 1]);
  });

  it('resolve nothing without a site, and refuse a site that is not http(s)', async () => {
    const { folder, dir } = await withSite('');
    expect(documentLinks(folder.featureContext(), writerDoc(dir)).map((l) => l.range.start.line)).toEqual([]);
    // ADR-0015 itself still resolves; the pages of an unknown site are nobody's.
    const bad = await withSite('    site: "command:workbench.action.quit"\n');
    expect(bad.folder.snapshot.problems.filter((p) => p.path === '.archlens.yml').map((p) => [p.line, p.message.replace(/^\.archlens\.yml: /, '')])).toEqual([
      [3, "sources.0: source 'platform': site must be an http or https URL"],
    ]);
  });
});
