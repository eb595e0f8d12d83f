// The glossary parsers' front door: which files are glossaries, and one parser per format. Every parser returns
// terms with 1-based lines of the term's name and never throws; unreadable entries become 'bad-glossary' problems.
import { isMarkdownPath, stripMarkdownExtension } from '../paths';

export type { GlossaryParseResult } from './markdown';
export { parseGlossaryMarkdown } from './markdown';
export { parseGlossaryYaml } from './yamlEntries';
export { parseAbbreviations } from './abbreviations';

const YAML_EXT = /\.ya?ml$/;

/**
 * True for files the index reads as glossaries (names compared case-insensitively):
 * `glossary.md`, `glossary-*.md`, `*-glossary.md`, any `.md` in a `glossary/` folder below a `docs/` folder,
 * `glossary.yml`, `.glossary.yml`, `*.glossary.yml`, `.contextive/definitions.yml` (and `.yaml`), and
 * `includes/abbreviations.md` (mkdocs snippets).
 */
export function isGlossaryPath(path: string): boolean {
  // Asked of every file of the workspace: the name alone rules out almost all of them, without splitting the path.
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1).toLowerCase();
  const markdown = isMarkdownPath(name);
  if (!markdown && !YAML_EXT.test(name)) return false;
  const parentStart = slash > 0 ? path.lastIndexOf('/', slash - 1) + 1 : 0;
  const parent = slash > 0 ? path.slice(parentStart, slash).toLowerCase() : '';
  if (markdown) {
    const stem = stripMarkdownExtension(name);
    if (stem === 'glossary' || stem.startsWith('glossary-') || stem.endsWith('-glossary')) return true;
    if (parent === 'includes' && stem === 'abbreviations') return true;
    // docs/**/glossary/*.md: the `docs` folder may itself be nested (monorepo packages).
    return parent === 'glossary' && path.slice(0, parentStart).toLowerCase().split('/').includes('docs');
  }
  const stem = name.replace(YAML_EXT, '');
  if (stem === 'glossary' || stem === '.glossary' || stem.endsWith('.glossary')) return true;
  return parent === '.contextive' && stem === 'definitions';
}
