// `.archlens.yml` `sources:` on real repositories: a decision-only log in a sibling checkout and the same log as a
// git repository (a bare repository on disk, cloned over file://) feed the workspace's index read-only, labelled
// with their source; a decision there governs code here through `governs: ["<repository>:<glob>"]`, and staleness
// compares its last change in the log's own history with this repository's commits. The editor's session and
// `archlens check` report the same findings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';
import type { Finding as CoreFinding } from '../../server/src/core/findings';
import { checkFolder } from '../../server/src/core/rules';
import { featureDocument } from '../../server/src/features/context';
import { completion } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { nodeFolderSession } from '../../server/src/session/nodeSession';
import { CustomRequests } from '../../server/src/session/requests';
import { KAFKA, SourceFixtures, checkFindings as check, config, kafka, openFolder as open } from '../helpers/sourceRepos';

const fixtures = new SourceFixtures();
afterEach(() => fixtures.cleanup());
const appRepo = (yml: string) => fixtures.appRepo(yml);
const siblingLog = async (app: Awaited<ReturnType<typeof appRepo>>) => (await fixtures.siblingLog(app)).dir;

const cliKey = (f: Finding) => `${f.path}:${f.line} ${f.code} ${f.message}`;
const coreKey = (f: CoreFinding) => `${f.path}:${f.range.start.line} ${f.code} ${f.message}`;

describe('a sibling checkout as a source', () => {
  it('reads the source\'s git history with the folder\'s own in a language server, not while its first index reads the documents', async () => {
    const app = await appRepo(config('  - name: platform\n    path: ../platform-decisions\n'));
    await siblingLog(app);
    const commands: string[] = [];
    const folder = nodeFolderSession(pathToFileURL(app.dir).href, 'app', {
      trusted: true,
      sourceHistoryWithFolder: true,
      onGitCommand: (args) => commands.push(args.join(' ')),
      now: () => new Date('2025-06-01T00:00:00Z'),
    });
    await folder.startIndex({});
    // Decisions and terms of the source answer without any git process having run for it.
    expect(folder.snapshot.decision(`platform:${KAFKA.replace(/\.md$/, '')}`)?.title).toBe('Ingest through Kafka');
    expect(commands).toEqual([]);
    expect(folder.findings().stale).toEqual([]);
    await folder.readHistory();
    expect(commands.length).toBeGreaterThan(0);
    // Once read, the same findings as a session that read it with the source (the command line's way).
    const eager = await open(app.dir);
    expect(folder.findings().stale.map((f) => f.message)).toEqual(eager.findings().stale.map((f) => f.message));
    expect(folder.findings().stale.map((f) => f.docPath)).toContain(`platform:${KAFKA}`);
  });

  it('indexes its decisions labelled with the source, resolves code references to them, and makes them stale from this repository\'s commits', async () => {
    const app = await appRepo(config('  - name: platform\n    path: ../platform-decisions\n'));
    await siblingLog(app);
    const folder = await open(app.dir);
    const s = folder.snapshot;
    const d = s.decision(`platform:${KAFKA.replace(/\.md$/, '')}`);
    expect(d?.title).toBe('Ingest through Kafka');
    expect(s.sourceOf(d!.path)).toBe('platform');
    // Only the entries naming this repository govern code here, without their prefix.
    expect(d!.governs).toEqual(['src/ingest/**']);
    const [reference] = s.referencesIn('src/ingest/reader.py');
    expect(s.resolve(reference, 'src/ingest/reader.py')?.path).toBe(`platform:${KAFKA}`);
    // The decision's last change is 1 March in the log; only the May commit here came after it.
    const stale = folder.findings().stale;
    expect(stale.map((f) => [f.docPath, f.governedPaths, f.commitCount])).toEqual([[`platform:${KAFKA}`, ['src/ingest/reader.py'], 1]]);
    expect(stale[0].docLastChanged.date.slice(0, 10)).toBe('2025-03-01');
    // The editor's links go to the file in the sibling checkout.
    expect(folder.featureContext().uriOf(`platform:${KAFKA}`)).toBe(pathToFileURL(path.join(path.dirname(app.dir), 'platform-decisions', ...KAFKA.split('/'))).href);

    const session = await checkFolder(s, folder.findings(), { kind: 'folder' }, async () => undefined);
    const cli = await check(app.dir);
    expect(cli.map(cliKey).sort()).toEqual(session.map(coreKey).sort());
    expect(cli.filter((f) => f.code === 'stale-documentation').map((f) => f.path)).toEqual([`platform:${KAFKA}`]);
    // ADR-0015 resolves: no dangling reference, and the log's own problems are not this repository's.
    expect(cli.map((f) => f.code)).not.toContain('unknown-decision');
  });

  it('labels the source\'s decisions in hovers, completion, workspace symbols and the sidebar', async () => {
    const app = await appRepo(config('  - name: platform\n    path: ../platform-decisions\n'));
    await siblingLog(app);
    const folder = await open(app.dir);
    const ctx = folder.featureContext();
    const text = '# see ADR-0015\nBATCH = 10\n';
    const doc = featureDocument('src/ingest/reader.py', pathToFileURL(path.join(app.dir, 'src/ingest/reader.py')).href, 'python', 1, text);
    const shown = hover(ctx, doc, { line: 0, character: 8 });
    expect((shown?.contents as { value: string }).value).toContain('From source *platform* (read-only)');
    const items = completion(ctx, featureDocument('notes.md', pathToFileURL(path.join(app.dir, 'notes.md')).href, 'markdown', 1, 'See ADR-'), { line: 0, character: 8 });
    expect(items.find((i) => i.label === 'ADR-0015 Ingest through Kafka')?.detail).toBe('accepted · from platform');
    const symbols = workspaceSymbols([ctx], 'kafka');
    expect(symbols.find((x) => x.name === 'ADR-0015 Ingest through Kafka')?.containerName).toBe('accepted · platform');
    const sidebar = new CustomRequests(() => [folder], () => folder).decisions({});
    expect(sidebar.map((d) => [d.title, d.source])).toEqual([
      ['Record decisions', 'platform'],
      ['Ingest through Kafka', 'platform'],
    ]);
  });

  it('publishes only the workspace\'s own decisions with archlens export mkdocs (the log has its own site)', async () => {
    const app = await appRepo(config('  - name: platform\n    path: ../platform-decisions\n'));
    await app.commit({ date: '2025-05-02T09:00:00Z', message: 'own 2', files: { 'docs/adr/0002-local-queue.md': '# 2. Use a local queue\n\nAccepted.\n' } });
    await siblingLog(app);
    const out = path.join(path.dirname(app.dir), 'site');
    const code = await runCli(['export', 'mkdocs', app.dir, '--out', out], { stdout: { write: () => undefined }, stderr: { write: () => undefined }, cwd: app.dir });
    expect(code).toBe(0);
    const index = fs.readFileSync(path.join(out, 'index.md'), 'utf8');
    expect(index).toContain('Use a local queue');
    expect(index).not.toContain('platform:');
    expect(index).not.toContain('Ingest through Kafka');
  });

  it('prefers the workspace\'s own decision with the same number', async () => {
    const app = await appRepo(config('  - name: platform\n    path: ../platform-decisions\n'));
    await app.commit({ date: '2025-05-02T09:00:00Z', message: 'own 15', files: { 'docs/adr/0015-local-queue.md': '# 15. Use a local queue\n\nAccepted.\n' } });
    await siblingLog(app);
    const s = (await open(app.dir)).snapshot;
    const [reference] = s.referencesIn('src/ingest/reader.py');
    expect(s.resolve(reference, 'src/ingest/reader.py')?.path).toBe('docs/adr/0015-local-queue.md');
    expect(s.decisions.map((d) => d.path)).toContain(`platform:${KAFKA}`);
    expect(s.problems.map((p) => p.code)).not.toContain('duplicate-number');
  });

  it('reports a path that leaves the parent folder or does not exist at its line in .archlens.yml, and reads nothing there', async () => {
    const app = await appRepo(config('  - name: outside\n    path: ../../\n  - name: missing\n    path: ../no-such-log\n  - name: absolute\n    path: /etc\n'));
    const folder = await open(app.dir);
    const problems = folder.snapshot.problems.filter((p) => p.path === '.archlens.yml').map((p) => [p.line, p.message]);
    expect(problems).toEqual([
      [3, expect.stringMatching(/source 'outside': path '\.\.\/\.\.\/' leaves the folder that holds the workspace/)],
      [5, expect.stringMatching(/source 'missing': path '\.\.\/no-such-log' does not exist/)],
      [7, expect.stringMatching(/source 'absolute': path '\/etc' must be relative/)],
    ]);
    expect(folder.snapshot.decisions).toEqual([]);
    const cli = await check(app.dir);
    expect(cli.filter((f) => f.path === '.archlens.yml').map((f) => f.line)).toEqual([3, 5, 7]);
  });

  it('refuses a sibling reached through a symbolic link that leads elsewhere', async () => {
    const app = await appRepo(config('  - name: linked\n    path: ../linked\n'));
    const elsewhere = fs.mkdtempSync(path.join(path.dirname(path.dirname(app.dir)), 'archlens-elsewhere-'));
    try {
      fs.symlinkSync(elsewhere, path.join(path.dirname(app.dir), 'linked'));
      const folder = await open(app.dir);
      expect(folder.snapshot.problems.filter((p) => p.path === '.archlens.yml').map((p) => [p.line, p.message])).toEqual([
        [3, expect.stringMatching(/leads out of the folder that holds the workspace/)],
      ]);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('reports badly written entries at their line', async () => {
    const app = await appRepo(config('  - name: x\n    path: ../a\n  - name: both\n    path: ../a\n    git: file:///tmp/x.git\n  - name: helper\n    git: "ext::sh -c touch% /tmp/pwned"\n'));
    const folder = await open(app.dir);
    expect(folder.snapshot.problems.filter((p) => p.path === '.archlens.yml').map((p) => [p.line, p.message.replace(/^\.archlens\.yml: /, '')])).toEqual([
      [3, "sources.0: name must be two or more letters, digits, '.', '_' or '-'"],
      [5, "sources.1: source 'both': give either path (a sibling folder) or git (a repository URL)"],
      [8, "sources.2: source 'helper': git must be an https, ssh, git or file URL"],
    ]);
  });
});

describe('a git repository as a source', () => {
  const remoteLog = () => fixtures.remoteLog();

  it('clones into storage, indexes read-only, and reads new decisions only when refreshed', async () => {
    const { app, log, storage } = await remoteLog();
    const commands: string[] = [];
    const folder = await open(app.dir, { storage, onGitCommand: (args) => commands.push(args.find((a) => ['clone', 'fetch', 'checkout', 'log'].includes(a)) ?? '') });
    expect(commands.filter((c) => c === 'clone')).toHaveLength(1);
    expect(folder.snapshot.decisions.map((d) => d.path)).toEqual(['central:docs/adr/0001-record-decisions.md', `central:${KAFKA}`]);
    expect(folder.findings().stale.map((f) => f.docPath)).toEqual([`central:${KAFKA}`]);
    // The clone lives below storage, nowhere else.
    const clone = new URL(folder.featureContext().uriOf(`central:${KAFKA}`)).pathname;
    expect(clone.startsWith(path.join(storage, 'sources'))).toBe(true);

    // The log moves on; the workspace sees it after the refresh, not before.
    await log.commit({ date: '2025-05-15T09:00:00Z', message: 'Kafka: partitions', files: { [KAFKA]: kafka('\n\nPartition by tenant.'), 'docs/adr/0016-tenants.md': '# 16. Partition by tenant\n\nAccepted.\n' } });
    await log.git('push', '-q', 'origin', 'HEAD:main');
    await folder.index.rebuild();
    expect(folder.snapshot.decisions).toHaveLength(2);
    await folder.refreshSources();
    expect(folder.snapshot.decisions.map((d) => d.path)).toContain('central:docs/adr/0016-tenants.md');
    // Its last change in the log (15 May) is after this repository's May commit: no longer stale.
    expect(folder.findings().stale).toEqual([]);
  });

  it('never runs git in an untrusted workspace: nothing cloned, a diagnostic at the entry', async () => {
    const { app, storage } = await remoteLog();
    const commands: (readonly string[])[] = [];
    const folder = await open(app.dir, { trusted: false, storage, onGitCommand: (args) => commands.push(args) });
    await folder.refreshSources();
    expect(commands).toEqual([]);
    expect(fs.existsSync(path.join(storage, 'sources'))).toBe(false);
    expect(folder.snapshot.problems.filter((p) => p.path === '.archlens.yml').map((p) => [p.line, p.message])).toEqual([
      [3, expect.stringMatching(/source 'central': not cloned: Archlens does not run git in an untrusted workspace/)],
    ]);
  });

  it('archlens check clones into --sources-dir and reports what the session reports', async () => {
    const { app, storage } = await remoteLog();
    const cli = await check(app.dir, '--sources-dir', storage);
    expect(cli.filter((f) => f.code === 'stale-documentation').map((f) => f.path)).toEqual([`central:${KAFKA}`]);
    const folder = await open(app.dir, { storage });
    const session = await checkFolder(folder.snapshot, folder.findings(), { kind: 'folder' }, async () => undefined);
    expect(cli.map(cliKey).sort()).toEqual(session.map(coreKey).sort());
  });
});
