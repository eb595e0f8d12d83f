// Where a documentation file is published: mkdocs.yml's `site_url` (or the `publishedDocsUrl` setting, from
// .archlens.yml or the editor), `docs_dir` and `use_directory_urls`, mapped the way mkdocs builds its pages.
// The server answers Open in Published Docs with this (session/publishedDocsRequest.ts), so the setting the repository gives is the
// one used and the client reads no mkdocs.yml of its own.
import { parseDocument } from 'yaml';
import { isMarkdownPath, stripMarkdownExtension } from './paths';
import { dirname } from './text';

export interface MkdocsSite {
  siteUrl?: string;
  docsDir: string;
  useDirectoryUrls: boolean;
}

/** A site whose pages links in code may name: its base URL (http or https) and the layout of its pages. */
export interface PublishedSite {
  url: string;
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
  if (typeof o.docs_dir === 'string' && o.docs_dir.trim()) site.docsDir = normalizeDir(o.docs_dir.trim()).replace(/\/+$/, '');
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
  if (site.docsDir === '..' || site.docsDir.startsWith('../') || site.docsDir.startsWith('/')) return undefined;
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

/** `./a/b/` -> `a/b`, `a/../b` -> `b`, `.` -> `.`; a path leaving the folder keeps its leading `..`. */
function normalizeDir(dir: string): string {
  const out: string[] = [];
  const absolute = dir.startsWith('/');
  for (const part of dir.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** The folders to look for a site's mkdocs.yml in, nearest first (monorepos keep several sites). */
export function siteRootsAbove(path: string): string[] {
  const roots: string[] = [];
  let dir = dirname(path);
  for (;;) {
    roots.push(dir);
    if (dir === '') return roots;
    dir = dirname(dir);
  }
}

/** The answer to "where is this file published?": a URL, or why there is none. */
export function publishedPage(path: string, mkdocs: { root: string; text: string } | undefined, override: string): { url?: string; message?: string } {
  if (!mkdocs) {
    const url = override ? publishedUrl({ docsDir: 'docs', useDirectoryUrls: true }, path, override) : undefined;
    return url ? { url } : { message: 'Archlens: no mkdocs.yml found for this file, and archlens.publishedDocsUrl is not set.' };
  }
  const site = readMkdocsConfig(mkdocs.text);
  const pathInSite = mkdocs.root ? path.slice(mkdocs.root.length + 1) : path;
  const url = publishedUrl(site, pathInSite, override);
  if (url) return { url };
  return {
    message:
      site.siteUrl || override
        ? `Archlens: ${path} is not a page of the site (docs_dir is ${site.docsDir}).`
        : 'Archlens: mkdocs.yml has no site_url; set it, or the archlens.publishedDocsUrl setting.',
  };
}

/**
 * The documents a published page can be built from, as paths without the markdown extension, nearest first; empty
 * when `url` is not a page of the site (another host, outside its base path, not http or https). The inverse of
 * publishedUrl, for both URL styles whatever the site uses (`<base>adr/0007-x/` and `<base>adr/0007-x.html`): a
 * page is `<docs_dir>/<page>.md`, or `<docs_dir>/<page>/index.md` or `README.md`. Query and fragment are ignored.
 */
export function documentsAtUrl(site: PublishedSite, url: string): string[] {
  const base = webUrl(site.url);
  const page = webUrl(url);
  if (!base || !page || base.host !== page.host) return [];
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  if (!page.pathname.startsWith(basePath)) return [];
  let rel: string;
  try {
    rel = page.pathname.slice(basePath.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return [];
  }
  rel = rel.replace(/(^|\/)index\.html$/i, '$1').replace(/\.html$/i, '').replace(/\/+$/, '');
  if (rel.split('/').some((s) => s === '' || s === '.' || s === '..')) return rel === '' ? indexPages(site.docsDir, '') : [];
  const prefix = site.docsDir === '.' || site.docsDir === '' ? '' : `${site.docsDir}/`;
  return [`${prefix}${rel}`, ...indexPages(site.docsDir, rel)];
}

function indexPages(docsDir: string, rel: string): string[] {
  const dir = [docsDir === '.' ? '' : docsDir, rel].filter(Boolean).join('/');
  return ['index', 'README', 'readme'].map((n) => (dir ? `${dir}/${n}` : n));
}

/** An http(s) URL, parsed; http and https name the same page. */
function webUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
