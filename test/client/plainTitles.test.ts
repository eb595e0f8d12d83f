// Decision titles as people see them: the Decisions tree's rows and tooltips, picker labels and details, and the
// heading of a decision's hover, on real decision logs whose titles are written with markup (`# 2. Use \`aws-eks\`
// Terraform module`), and on titles given in front matter. Every one is plain text made from the parsed markdown.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionLabel, decisionTooltip, oneLine } from '../../client/src/model/decisions';
import { nodeFolderSession } from '../../server/src/session/nodeSession';
import { CustomRequests } from '../../server/src/session/requests';
import type { DecisionItem } from '../../server/src/protocol';
import { decisionMarkdown } from '../../server/src/features/markdownText';
import type { FolderSession } from '../../server/src/session/folderSession';
import { featureFixture } from '../features/helpers';
import { runCli } from '../../server/src/cli/run';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
/** Markup a reader must never see in a title: emphasis, code spans, links, HTML tags, entities, line breaks. */
const MARKUP = /\*\*|__|`|\]\(|<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;|[\n⏎]/i;

/** The first H1 of a file as written, when it carries markup. */
function markedUpHeading(root: string, p: string): string | undefined {
  const h1 = readFileSync(path.join(root, p), 'utf8').split('\n').find((l) => /^# /.test(l));
  return h1 && MARKUP.test(h1) ? h1 : undefined;
}

interface Corpus {
  folder: FolderSession;
  decisions: DecisionItem[];
  root: string;
}

const corpora = new Map<string, Corpus>();

beforeAll(async () => {
  for (const name of ['govuk-infrastructure', 'cometbft', 'flux2']) {
    const root = path.join(CORPORA, name);
    const folder = nodeFolderSession(pathToFileURL(root).toString(), name, { trusted: false, now: () => new Date('2025-01-01T00:00:00Z') });
    await folder.start({});
    const requests = new CustomRequests(() => [folder], () => folder);
    corpora.set(name, { folder, decisions: requests.decisions({}), root });
  }
}, 60_000);

describe('titles written with markup in real decision logs', () => {
  it('are found in each corpus (the test reads the headings off the files)', () => {
    for (const [name, { decisions, root }] of corpora) {
      const marked = decisions.filter((d) => markedUpHeading(root, d.path));
      expect(marked.length, name).toBeGreaterThan(0);
    }
  });

  it('show as plain text in the tree, its tooltip and the pickers', () => {
    for (const [name, { decisions }] of corpora) {
      for (const d of decisions) {
        expect(d.title, `${name} ${d.path}`).not.toMatch(MARKUP);
        expect(decisionLabel(d)).not.toMatch(MARKUP);
        expect(decisionTooltip(d).split('\n\n')[0]).toBe(decisionLabel(d));
        expect(oneLine(d.summary)).not.toMatch(/[\n⏎]/);
        for (const r of [...d.supersedes, ...d.supersededBy, ...d.amends, ...d.amendedBy]) expect(r.label).not.toMatch(MARKUP);
      }
    }
  });

  it('keep the words of the heading, without its markup', () => {
    const govuk = corpora.get('govuk-infrastructure')!.decisions;
    expect(govuk.find((d) => d.number === 2)?.title).toBe('Use aws-eks Terraform module');
    expect(govuk.find((d) => d.number === 9)?.title).toBe('Use external-dns for DNS record management');
    const cometbft = corpora.get('cometbft')!.decisions;
    expect(cometbft.find((d) => d.path.endsWith('adr-111-nop-mempool.md'))?.title).toBe('nop Mempool');
    const flux = corpora.get('flux2')!.decisions;
    expect(flux.find((d) => d.path.endsWith('0005-artifact-revision-and-digest/README.md'))?.title).toBe('Artifact Revision format and introduction of Digest');
  });

  it('head the hover as escaped text, which renders as the plain title', () => {
    for (const [name, { folder, decisions, root }] of corpora) {
      const ctx = folder.featureContext();
      for (const item of decisions.filter((d) => markedUpHeading(root, d.path))) {
        const decision = folder.snapshot.decision(item.id)!;
        const heading = decisionMarkdown(ctx, decision).split('\n\n')[0];
        // Bold around backslash-escaped text: removing the escapes gives back the label, markup-free.
        expect(heading, name).toMatch(/^\*\*.*\*\*$/);
        expect(heading.slice(2, -2).replace(/\\(.)/g, '$1')).toBe(decisionLabel(item));
      }
    }
  });
});

describe('sentences that answer Why…?', () => {
  it('read as plain text, reference-style links included (`[ADR067][adr067]` in CometBFT)', async () => {
    let stdout = '';
    const code = await runCli(['why', 'why cometbft nop mempool', path.join(CORPORA, 'cometbft'), '--json', '--limit', '10'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => {} },
      cwd: CORPORA,
    });
    expect(code).toBe(0);
    const answers = (JSON.parse(stdout) as { answers: { sentence?: string; path: string }[] }).answers;
    for (const a of answers) expect(a.sentence ?? '', a.path).not.toMatch(/\]\[|\]\(|`|\*\*/);
    const lanes = answers.find((a) => a.path.endsWith('adr-118-mempool-lanes.md'));
    expect(lanes?.sentence, JSON.stringify(answers)).toContain('specified in Tendermint Core ADR067 and deprecated');
  });
});

describe('titles given in front matter or a view', () => {
  it('are read as inline markdown, like a heading', async () => {
    const f = await featureFixture({
      files: {
        'docs/adr/0001-use-kafka.md': ['---', 'title: Use **Kafka** for [events](https://example.com) <br/> &amp; `replay`', 'status: accepted', '---', '', 'We use Kafka.', ''].join('\n'),
        'docs/adr/0002-jekyll.md': ['---', 'title: ADR-002', 'description: Keep `schemas` in a *registry*', 'status: accepted', '---', '', 'Text.', ''].join('\n'),
        'docs/architecture/deployment.md': ['---', 'view: deployment', 'title: The `prod` **deployment**', '---', '', '# Deployment View', ''].join('\n'),
      },
    });
    const titles = f.snapshot.decisions.map((d) => d.title).sort();
    expect(titles).toEqual(['Keep schemas in a registry', 'Use Kafka for events & replay']);
    expect(f.snapshot.views.map((v) => v.title)).toEqual(['The prod deployment']);
  });
});
