// Where a documentation file is published: mkdocs.yml's `site_url` (or the `archlens.publishedDocsUrl`
// setting), `docs_dir` and `use_directory_urls`, mapped the way mkdocs builds its pages.
import { posix } from 'node:path';
import { parseDocument } from 'yaml';
import { isMarkdownPath, stripMarkdownExtension } from '../../../server/src/protocol';

export interface MkdocsSite {
  siteUrl?: string;
  docsDir: string;
  useDirectoryUrls: boolean;
}

/** Reads the three keys that decide page URLs. Never throws: mkdocs files carry `!!python/name:` tags. */
export function readMkdocsConfig(text: string): MkdocsSite {
  const site: MkdocsSite = { docsDir: 'docs', useDirectoryUrls: true };
  let data: unknown;
  try {
    const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'silent' });
    data = doc.toJS({ maxAliasCount: 50 });
  } catch {
    return site;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return site;
  const o = data as Record<string, unknown>;
  if (typeof o.site_url === 'string' && o.site_url.trim()) site.siteUrl = o.site_url.trim();
  if (typeof o.docs_dir === 'string' && o.docs_dir.trim()) site.docsDir = posix.normalize(o.docs_dir.trim()).replace(/\/+$/, '');
  if (typeof o.use_directory_urls === 'boolean') site.useDirectoryUrls = o.use_directory_urls;
  return site;
}

/**
 * The published URL of a workspace-relative markdown file, or undefined when it is not a page of the site
 * (outside docs_dir, not markdown, or no base URL). `docs/adr/0007-x.md` -> `<base>adr/0007-x/`;
 * `index.md` and `README.md` are their folder's page.
 */
export function publishedUrl(site: MkdocsSite, path: string, baseOverride?: string): string | undefined {
  const base = (baseOverride?.trim() || site.siteUrl)?.trim();
  if (!base) return undefined;
  // A docs_dir outside the site's folder holds no page of the workspace.
  if (site.docsDir === '..' || site.docsDir.startsWith('../') || posix.isAbsolute(site.docsDir)) return undefined;
  const prefix = site.docsDir === '.' || site.docsDir === '' ? '' : `${site.docsDir}/`;
  if (!path.startsWith(prefix) || !isMarkdownPath(path)) return undefined;
  const page = stripMarkdownExtension(path.slice(prefix.length));
  const segments = page.split('/');
  const last = segments[segments.length - 1];
  const isIndex = /^(index|readme)$/i.test(last);
  let rel: string;
  if (isIndex) {
    const dir = segments.slice(0, -1);
    rel = dir.length ? `${dir.map(encodeURIComponent).join('/')}/` : '';
    if (!site.useDirectoryUrls) rel += 'index.html';
  } else {
    rel = segments.map(encodeURIComponent).join('/') + (site.useDirectoryUrls ? '/' : '.html');
  }
  return `${base.endsWith('/') ? base : `${base}/`}${rel}`;
}

/** What Open in published docs may do with a URL built from mkdocs.yml or the setting. */
export type OpenVerdict = { open: string } | { refused: string };

/**
 * Only web pages are opened, and only in a trusted workspace: mkdocs.yml comes with the repository, and a
 * `site_url` of `command:`, `vscode:`, `file:` or `javascript:` would make the editor run or open something else.
 */
export function openVerdict(url: string, trusted: boolean): OpenVerdict {
  if (!trusted) return { refused: 'Archlens opens published docs only in a trusted workspace: the address comes from the repository.' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { refused: `Archlens: "${url}" is not a web address; set site_url in mkdocs.yml or the archlens.publishedDocsUrl setting to an http or https URL.` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { refused: `Archlens does not open ${parsed.protocol} addresses: only http and https published docs are opened (from mkdocs.yml's site_url or the archlens.publishedDocsUrl setting).` };
  }
  return { open: parsed.href };
}
