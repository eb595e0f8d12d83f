// The way back from a published page to the document it is built from (core/publishedDocs.ts documentsAtUrl), the
// inverse of publishedUrl, and the references the scanner keeps for links to pages named like a decision.
import { describe, expect, it } from 'vitest';
import { documentsAtUrl, publishedUrl } from '../../server/src/core/publishedDocs';
import { findDecisionReferences } from '../../server/src/core/references';

const SITE = { url: 'https://platform.example.com/decisions/', docsDir: 'docs', useDirectoryUrls: true };

describe('documentsAtUrl', () => {
  it('reads both page styles mkdocs publishes, and folder pages', () => {
    expect(documentsAtUrl(SITE, 'https://platform.example.com/decisions/adr/0015-use-kafka/')[0]).toBe('docs/adr/0015-use-kafka');
    expect(documentsAtUrl(SITE, 'http://platform.example.com/decisions/adr/0015-use-kafka.html#consequences')[0]).toBe('docs/adr/0015-use-kafka');
    expect(documentsAtUrl(SITE, 'https://platform.example.com/decisions/adr/0016-x/index.html?q=1')).toEqual([
      'docs/adr/0016-x',
      'docs/adr/0016-x/index',
      'docs/adr/0016-x/README',
      'docs/adr/0016-x/readme',
    ]);
    expect(documentsAtUrl({ ...SITE, docsDir: '.' }, 'https://platform.example.com/decisions/adr/caf%C3%A9/')[0]).toBe('adr/café');
  });

  it('is the inverse of publishedUrl', () => {
    for (const useDirectoryUrls of [true, false]) {
      const url = publishedUrl({ siteUrl: SITE.url, docsDir: 'docs', useDirectoryUrls }, 'docs/adr/0015-use kafka.md')!;
      expect(documentsAtUrl(SITE, url)[0]).toBe('docs/adr/0015-use kafka');
    }
  });

  it('names nothing on another host, outside the base path, above it, or with another scheme', () => {
    expect(documentsAtUrl(SITE, 'https://other.example.com/decisions/adr/0015-x/')).toEqual([]);
    expect(documentsAtUrl(SITE, 'https://platform.example.com/blog/0015-x/')).toEqual([]);
    expect(documentsAtUrl(SITE, 'https://platform.example.com/decisions/adr/%2E%2E/%2E%2E/etc/passwd')).toEqual([]);
    expect(documentsAtUrl(SITE, 'command:archlens.open?x')).toEqual([]);
    expect(documentsAtUrl(SITE, 'ftp://platform.example.com/decisions/adr/0015-x/')).toEqual([]);
  });
});

describe('page references', () => {
  it('keeps http(s) URLs of pages named like a numbered decision, bare or as a link, with their number', () => {
    const text = [
      '// https://platform.example.com/decisions/adr/0015-use-kafka/.',
      '// [why](https://platform.example.com/decisions/adr/adr-7-retries.html) and <https://x.example/adr-0042/>',
      '// https://github.com/org/repo/pull/1234 https://x.example/img/0015-diagram.png https://x.example/2021-03/',
    ].join('\n');
    const pages = findDecisionReferences('src/a.ts', text).filter((r) => r.form === 'page');
    expect(pages.map((r) => [r.text, r.number, r.range.start.line])).toEqual([
      ['https://platform.example.com/decisions/adr/0015-use-kafka/', 15, 1],
      ['https://platform.example.com/decisions/adr/adr-7-retries.html', 7, 2],
      ['https://x.example/adr-0042/', 42, 2],
      ['https://x.example/2021-03/', 2021, 3],
    ]);
    expect(pages.every((r) => r.external === r.text)).toBe(true);
  });

  it('keeps every bare page URL of a line, and the ADR id after them', () => {
    const text = '// https://docs.example.com/adr/adr-101-pull/ then https://docs.example.com/adr/adr-111-nop.html, see ADR-0007';
    const refs = findDecisionReferences('src/a.go', text);
    expect(refs.filter((r) => r.form === 'page').map((r) => r.number)).toEqual([101, 111]);
    expect(refs.filter((r) => r.form === 'adr-id').map((r) => r.text)).toEqual(['ADR-0007']);
  });
});
