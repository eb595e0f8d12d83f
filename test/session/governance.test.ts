// One answer to "which decisions govern this file?" across the fronts that ask it: the "For this file" request,
// the code lens, Find References and change review read the snapshot's governance index, so a superseded decision
// that still lists `governs` globs governs nothing in any of them.
import { describe, expect, it } from 'vitest';
import { findUndocumentedChanges } from '../../server/src/core/changeReview';
import { codeLens } from '../../server/src/features/codeLens';
import { featureDocument } from '../../server/src/features/context';
import { decisionReferences } from '../../server/src/features/references';
import { CustomRequests } from '../../server/src/session/requests';
import { memoryFolder } from './memory';

const URI = 'file:///memory/governance';

function madr(title: string, status: string, governs: string[], extra = ''): string {
  return `---\nstatus: ${status}\n${extra}governs:\n${governs.map((g) => `  - ${g}\n`).join('')}---\n\n# ${title}\n\nWe decided.\n`;
}

const FILES = {
  'docs/adr/0001-nightly-batch.md': madr('Nightly batch ingestion', 'superseded', ['src/ingest/**'], 'superseded-by: 0002-streaming\n'),
  'docs/adr/0002-streaming.md': madr('Streaming ingestion', 'accepted', ['src/ingest/**'], 'supersedes: 0001-nightly-batch\n'),
  'docs/architecture/pipeline-view.md': '---\nview: pipeline\ntitle: Pipeline view\n---\n\n# Pipeline view\n\n## Element Catalog\n\n### Ingestion\n\nCode: `src/ingest/`\n',
  'src/ingest/job.py': 'print("ingest")\n',
};

describe('the governance index as every front sees it', () => {
  it('gives the same governing decisions to For this file, the code lens, references and change review', async () => {
    const { folder } = memoryFolder(URI, FILES);
    await folder.startIndex({});
    const path = 'src/ingest/job.py';
    const s = folder.snapshot;
    const governing = s.governance.decisionsGoverning(path);
    expect(governing.map((d) => d.title)).toEqual(['Streaming ingestion']);

    const requests = new CustomRequests(() => [folder], () => folder);
    const forFile = requests.forFile({ uri: `${URI}/${path}` });
    expect(forFile.governedBy.map((d) => d.uri)).toEqual([`${URI}/docs/adr/0002-streaming.md`]);

    const ctx = folder.featureContext();
    const lenses = codeLens(ctx, featureDocument(path, `${URI}/${path}`, 'python', 1, FILES[path]));
    const governedLens = lenses.find((l) => l.command?.title.startsWith('Governed by'));
    expect(governedLens?.command?.title).toBe('Governed by ADR-0002');

    const retired = s.decisions.find((d) => d.title === 'Nightly batch ingestion')!;
    const standing = governing[0];
    const uris = async (d: typeof retired) => (await decisionReferences(ctx, d, false, async () => undefined)).map((l) => l.uri);
    expect(await uris(retired)).not.toContain(`${URI}/${path}`);
    expect(await uris(standing)).toContain(`${URI}/${path}`);

    expect(forFile.elements.map((e) => e.element)).toEqual(['Ingestion']);
    const review = findUndocumentedChanges({ decisions: s.decisions, views: s.views, changed: [path], settings: s.settings.staleness, governance: s.governance });
    expect(review.map((u) => u.docPath).sort()).toEqual(['docs/adr/0002-streaming.md', 'docs/architecture/pipeline-view.md']);
  });
});
