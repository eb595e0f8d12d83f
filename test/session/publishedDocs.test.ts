// Open in Published Docs is answered by the server: the nearest mkdocs.yml above the file, and the
// publishedDocsUrl setting of .archlens.yml (which the client could not see and the server used to ignore).
import { describe, expect, it } from 'vitest';
import { publishedDocs } from '../../server/src/session/publishedDocsRequest';
import { memoryFolder } from './memory';

const URI = 'file:///memory/site';

describe('where a file is published', () => {
  it('maps a page with the nearest mkdocs.yml, per site of a monorepo', async () => {
    const { folder } = memoryFolder(URI, {
      'mkdocs.yml': 'site_url: https://docs.example.com/\n',
      'docs/adr/0001-use-kafka.md': '# 1. Use Kafka\n',
      'services/billing/mkdocs.yml': 'site_url: https://billing.example.com/\nuse_directory_urls: false\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n',
      'services/billing/docs/adr/0002-invoices.md': '# 2. Invoices\n',
    });
    await folder.startIndex({});
    expect(await publishedDocs(folder, { uri: `${URI}/docs/adr/0001-use-kafka.md` })).toEqual({ url: 'https://docs.example.com/adr/0001-use-kafka/' });
    expect(await publishedDocs(folder, { uri: `${URI}/services/billing/docs/adr/0002-invoices.md` })).toEqual({
      url: 'https://billing.example.com/adr/0002-invoices.html',
    });
    expect((await publishedDocs(folder, { uri: `${URI}/README.md` })).message).toMatch(/not a page of the site/);
  });

  it("uses .archlens.yml's publishedDocsUrl over the site's site_url", async () => {
    const { folder } = memoryFolder(URI, {
      '.archlens.yml': 'publishedDocsUrl: https://internal.example.com/platform\n',
      'mkdocs.yml': 'site_url: https://docs.example.com/\n',
      'docs/glossary.md': '# Glossary\n',
    });
    await folder.startIndex({});
    expect(await publishedDocs(folder, { uri: `${URI}/docs/glossary.md` })).toEqual({ url: 'https://internal.example.com/platform/glossary/' });
  });

  it('says why there is no page: no mkdocs.yml and no setting, or a file outside the workspace', async () => {
    const { folder } = memoryFolder(URI, { 'docs/glossary.md': '# Glossary\n' });
    await folder.startIndex({});
    expect((await publishedDocs(folder, { uri: `${URI}/docs/glossary.md` })).message).toMatch(/no mkdocs.yml found/);
    expect((await publishedDocs(folder, { uri: 'file:///elsewhere/x.md' })).message).toMatch(/open a documentation file/);
  });
});
