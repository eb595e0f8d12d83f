// Published-docs URLs, with the example's real mkdocs.yml (its `!!python/name:` tag must not stop the read).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVerdict } from '../../client/src/model/publishedDocs';
import { publishedUrl, readMkdocsConfig } from '../../server/src/core/publishedDocs';
import { EXAMPLE_ROOT } from './fixtures';

const example = readMkdocsConfig(readFileSync(path.join(EXAMPLE_ROOT, 'mkdocs.yml'), 'utf8'));

describe('mkdocs.yml', () => {
  it('reads site_url and docs_dir of the example, whose python tags yaml cannot resolve', () => {
    expect(example).toEqual({ siteUrl: 'https://data-platform.example.com/', docsDir: 'docs', useDirectoryUrls: true });
  });

  it('falls back to mkdocs defaults on broken or hostile input', () => {
    for (const text of ['', 'site_url: [unclosed', '- a list', '\u0000\u0001binary', 'a: &x [*x]']) {
      expect(readMkdocsConfig(text)).toEqual({ docsDir: 'docs', useDirectoryUrls: true });
    }
    expect(readMkdocsConfig('docs_dir: ./site-src/\nuse_directory_urls: false\n')).toEqual({ docsDir: 'site-src', useDirectoryUrls: false });
  });
});

describe('page URLs', () => {
  it('maps a page to its directory URL', () => {
    expect(publishedUrl(example, 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md')).toBe('https://data-platform.example.com/adr/0007-kafka-connect-and-debezium-for-cdc/');
    expect(publishedUrl(example, 'docs/glossary.md')).toBe('https://data-platform.example.com/glossary/');
  });

  it('maps index.md and README.md to their folder', () => {
    expect(publishedUrl(example, 'docs/index.md')).toBe('https://data-platform.example.com/');
    expect(publishedUrl(example, 'docs/architecture/index.md')).toBe('https://data-platform.example.com/architecture/');
    expect(publishedUrl(example, 'docs/adr/README.md')).toBe('https://data-platform.example.com/adr/');
  });

  it('uses .html pages when use_directory_urls is false', () => {
    const flat = { ...example, useDirectoryUrls: false };
    expect(publishedUrl(flat, 'docs/adr/0001-x.md')).toBe('https://data-platform.example.com/adr/0001-x.html');
    expect(publishedUrl(flat, 'docs/index.md')).toBe('https://data-platform.example.com/index.html');
  });

  it('prefers the publishedDocsUrl setting and adds the missing slash', () => {
    expect(publishedUrl(example, 'docs/glossary.md', 'https://docs.internal/platform')).toBe('https://docs.internal/platform/glossary/');
  });

  it('has no URL outside docs_dir, for non-markdown files, or without a base URL', () => {
    expect(publishedUrl(example, 'README.md')).toBeUndefined();
    expect(publishedUrl(example, 'docs/includes/abbreviations.txt')).toBeUndefined();
    expect(publishedUrl({ docsDir: 'docs', useDirectoryUrls: true }, 'docs/glossary.md')).toBeUndefined();
  });

  it('escapes spaces and other URL characters in page names', () => {
    expect(publishedUrl(example, 'docs/adr/0001 first #1.md')).toBe('https://data-platform.example.com/adr/0001%20first%20%231/');
  });
});

describe('opening published docs', () => {
  it('opens http and https pages in a trusted workspace', () => {
    expect(openVerdict('https://data-platform.example.com/adr/x/', true)).toEqual({ open: 'https://data-platform.example.com/adr/x/' });
    expect(openVerdict('http://docs.internal/adr/x/', true)).toEqual({ open: 'http://docs.internal/adr/x/' });
  });

  it('refuses every other scheme a site_url or the setting could name, with a message', () => {
    for (const base of ['file:///etc/', 'vscode://ms-vscode.remote/', 'command:workbench.action.terminal.new?', 'javascript:alert(1)//', 'ms-msdt:/id', 'data:text/html,x', 'not a url']) {
      const site = readMkdocsConfig(`site_url: "${base}"\n`);
      const url = publishedUrl(site, 'docs/adr/0001-x.md');
      expect(url, base).toBeDefined();
      const verdict = openVerdict(url!, true);
      expect(verdict, base).toHaveProperty('refused');
      expect('refused' in verdict && verdict.refused, base).toMatch(/http/);
    }
  });

  it('opens nothing in an untrusted workspace, not even a web page', () => {
    const verdict = openVerdict('https://data-platform.example.com/', false);
    expect(verdict).toHaveProperty('refused');
    expect('refused' in verdict && verdict.refused).toMatch(/trusted workspace/);
  });

  it('maps no file to a page when docs_dir points outside the site', () => {
    const site = readMkdocsConfig('site_url: https://x.example/\ndocs_dir: ../../etc\n');
    expect(publishedUrl(site, 'docs/adr/0001-x.md')).toBeUndefined();
    expect(publishedUrl(site, '../../etc/passwd.md')).toBeUndefined();
  });
});
