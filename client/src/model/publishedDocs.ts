// Opening a published page: the server says where a file is published (PublishedDocsRequest, from mkdocs.yml and
// the publishedDocsUrl setting); the client decides whether the editor may open that address.

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
