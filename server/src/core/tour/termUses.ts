// Counting glossary term uses for the tour: reads the text files of a snapshot through the injected workspace (the
// core never opens files itself), skipping binaries and very large files.
import { isProbablyBinaryPath } from '../discovery';
import type { GlossaryTerm } from '../model';
import type { IndexSnapshot } from '../snapshot';
import { decodeText } from '../text';
import type { WorkspaceFiles } from '../workspace';
import { countTermUses } from './build';

const MAX_FILES = 20_000;
const MAX_BYTES = 512 * 1024;

export async function readTermUses(snapshot: IndexSnapshot, workspace: Pick<WorkspaceFiles, 'readFile'>): Promise<Map<GlossaryTerm, number>> {
  const texts: { path: string; text: string }[] = [];
  for (const path of snapshot.files.slice(0, MAX_FILES)) {
    if (isProbablyBinaryPath(path) || snapshot.context.isExcluded(path)) continue;
    const bytes = await workspace.readFile(path);
    if (!bytes || bytes.length > MAX_BYTES) continue;
    const decoded = decodeText(bytes);
    if (decoded.kind === 'text') texts.push({ path, text: decoded.text });
  }
  return countTermUses(snapshot.glossary, texts);
}
