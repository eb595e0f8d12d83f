// `archlens index`, `graph` and `tour` read `.archlens.yml` `sources:` as `archlens check` does, through the same
// options (cli/sources.ts): a sibling checkout, or a git repository cloned into --sources-dir (default the user's
// cache) and fetched on every run. Real repositories: the log as a sibling clone, or a bare repository on disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KAFKA, LOG, SIBLING, SourceFixtures, checkFindings, config } from '../helpers/sourceRepos';
import { cli } from './helpers';

const fixtures = new SourceFixtures();
afterEach(() => fixtures.cleanup());

async function sibling(entry = ''): Promise<string> {
  const app = await fixtures.appRepo(entry ? config(`  - name: platform\n    path: ../platform-decisions\n${entry}`) : SIBLING);
  await fixtures.siblingLog(app, LOG);
  return app.dir;
}

const ok = async (args: string[], cwd: string) => {
  const run = await cli(args, cwd);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
};

describe('commands that read sources', () => {
  it('archlens index lists the source\'s decisions with their source path', async () => {
    const dir = await sibling();
    const json = JSON.parse(await ok(['index', dir, '--json'], dir)) as { decisions: { path: string; title: string }[] };
    expect(json.decisions.map((d) => d.path)).toEqual(['platform:docs/adr/0001-record-decisions.md', `platform:${KAFKA}`]);
    expect(await ok(['index', dir], dir)).toMatch(/0015 {2}accepted.*Ingest through Kafka {2}\(platform:docs\/adr\/0015-ingest-through-kafka\.md\)/);
  });

  it('archlens graph draws them', async () => {
    const dir = await sibling();
    const graph = JSON.parse(await ok(['graph', dir, '--format', 'json', '--folders'], dir)) as { nodes: { label: string }[] };
    expect(graph.nodes.map((n) => n.label)).toEqual(expect.arrayContaining(['ADR-0015 Ingest through Kafka', 'src/ingest/']));
  });

  it('archlens tour links them to the sibling checkout, or to the log\'s published page', async () => {
    const dir = await sibling();
    const tour = await ok(['tour', dir], dir);
    expect(tour).toContain(`- [ADR-0015 Ingest through Kafka](./../platform-decisions/${KAFKA}#L8) — cited 1 time from code`);
    const published = await sibling('    site: https://platform.example.com/decisions/\n');
    const html = await ok(['tour', published, '--format', 'html'], published);
    expect(html).toContain('<a href="https://platform.example.com/decisions/adr/0015-ingest-through-kafka/">ADR-0015 Ingest through Kafka</a>');
  });

  it('clone a git source into --sources-dir, or the user\'s cache, as archlens check does', async () => {
    const { app, storage } = await fixtures.remoteLog();
    const titles = async (...args: string[]) => (JSON.parse(await ok(['index', app.dir, '--json', ...args], app.dir)) as { decisions: { path: string }[] }).decisions.map((d) => d.path);
    expect(await titles('--sources-dir', storage)).toEqual(['central:docs/adr/0001-record-decisions.md', `central:${KAFKA}`]);
    expect(fs.readdirSync(path.join(storage, 'sources'))).toHaveLength(1);

    const cache = path.join(path.dirname(app.dir), 'cache');
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cache;
    try {
      const graph = JSON.parse(await ok(['graph', app.dir, '--format', 'json'], app.dir)) as { nodes: { label: string }[] };
      expect(graph.nodes.map((n) => n.label)).toContain('ADR-0015 Ingest through Kafka');
      const clones = fs.readdirSync(path.join(cache, 'archlens', 'sources'));
      expect(clones).toHaveLength(1);
      // check reads the same clone: one folder, the same name.
      expect((await checkFindings(app.dir)).filter((f) => f.code === 'stale-documentation').map((f) => f.path)).toEqual([`central:${KAFKA}`]);
      expect(fs.readdirSync(path.join(cache, 'archlens', 'sources'))).toEqual(clones);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
