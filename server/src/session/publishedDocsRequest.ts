// Open in Published Docs, answered by the server: the nearest mkdocs.yml above the file within its folder and the
// publishedDocsUrl setting as the session merged it (.archlens.yml, then the editor), mapped by core/publishedDocs.ts.
import { publishedPage, siteRootsAbove } from '../core/publishedDocs';
import { decodeText } from '../core/text';
import type { FolderSession } from './folderSession';
import type { PublishedDocsParams, PublishedDocsResult } from '../protocol';

export async function publishedDocs(folder: FolderSession | undefined, p: PublishedDocsParams): Promise<PublishedDocsResult> {
  const path = folder && typeof p.uri === 'string' ? folder.pathOf(p.uri) : undefined;
  if (!folder || path === undefined) return { message: 'Archlens: open a documentation file of the workspace to find its published page.' };
  const override = folder.snapshot.settings.publishedDocsUrl.trim();
  for (const root of siteRootsAbove(path)) {
    const bytes = await folder.workspace.readFile(root ? `${root}/mkdocs.yml` : 'mkdocs.yml');
    const decoded = bytes ? decodeText(bytes) : undefined;
    if (decoded?.kind === 'text') return publishedPage(path, { root, text: decoded.text }, override);
  }
  return publishedPage(path, undefined, override);
}
