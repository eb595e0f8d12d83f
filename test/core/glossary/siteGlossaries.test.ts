// Glossaries as documentation sites publish them: `**TERM** - definition` lines in a glossary file, and an
// abbreviations file that mkdocs (pymdownx.snippets `auto_append`) appends to every page of the site.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/src/cli/run';
import { parseGlossaryMarkdown } from '../../../server/src/core/glossary/markdown';
import type { IndexJson } from '../../../server/src/core/snapshot';

const CORPORA = path.resolve(__dirname, '../../../../shared/corpora');

describe('bold term lines in a glossary', () => {
  it('wagov-dtt glossary.md:7 `**ACSC** - Australian Cyber Security Centre`: one term per line, the metadata line is none', () => {
    const text = readFileSync(path.join(CORPORA, 'wagov-dtt/glossary.md'), 'utf8');
    const { terms } = parseGlossaryMarkdown('glossary.md', text, '');
    expect(terms).toHaveLength(41);
    expect(terms[0]).toMatchObject({ term: 'ACSC', definition: 'Australian Cyber Security Centre', line: 7 });
    // Line 21 ends in a backslash hard break instead of two spaces.
    expect(terms.find((t) => t.term === 'DSPF')).toMatchObject({ definition: 'Digital Services Policy Framework (Western Australian Government)', line: 21 });
    expect(terms.map((t) => t.term)).not.toContain('Status');
    // The heading above the lines groups them; it is not a term.
    expect(terms.map((t) => t.term)).not.toContain('Acronyms and Definitions');
  });

  it('reads `**TERM**: definition` and `**TERM:** definition` too', () => {
    const text = ['# Glossary', '', '**CDC**: Change data capture', '**SCD:** Slowly changing dimension', '', '- **DLQ** — Dead letter queue'].join('\n');
    expect(parseGlossaryMarkdown('glossary.md', text, '').terms.map((t) => [t.term, t.definition, t.line])).toEqual([
      ['CDC', 'Change data capture', 3],
      ['SCD', 'Slowly changing dimension', 4],
      ['DLQ', 'Dead letter queue', 6],
    ]);
  });
});

describe('abbreviations a site appends to every page', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  async function termsOf(files: Record<string, string>): Promise<IndexJson['terms']> {
    const root = mkdtempSync(path.join(tmpdir(), 'archlens-abbr-'));
    roots.push(root);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    let out = '';
    await runCli(['index', root, '--json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} }, cwd: root });
    return (JSON.parse(out) as IndexJson).terms;
  }

  const site = {
    'includes/abbreviations.md': '*[CDC]: Change Data Capture\n*[SCD]: Slowly Changing Dimension\n',
    'docs/index.md': '# Home\n\nWe use CDC.\n',
  };

  it('mkdocs.yml `pymdownx.snippets: auto_append`: the file applies to the whole site, not only its folder', async () => {
    const mkdocs = [
      'site_name: Data',
      'markdown_extensions:',
      '  - abbr',
      '  - pymdownx.snippets:',
      '      auto_append:',
      '        - includes/abbreviations.md',
      '  - pymdownx.emoji:',
      '      emoji_index: !!python/name:material.extensions.emoji.twemoji',
      '',
    ].join('\n');
    const terms = await termsOf({ ...site, 'mkdocs.yml': mkdocs });
    expect(terms.map((t) => [t.term, t.scope, t.path])).toEqual([
      ['CDC', '', 'includes/abbreviations.md'],
      ['SCD', '', 'includes/abbreviations.md'],
    ]);
  });

  it('the same in zensical.toml, with a snippets base_path', async () => {
    const toml = ['[project]', 'site_name = "Data"', '', '[project.markdown_extensions.pymdownx.snippets]', 'base_path = ["includes"]', 'auto_append = ["abbreviations.md"]', ''].join('\n');
    const terms = await termsOf({ ...site, 'zensical.toml': toml });
    expect(terms.map((t) => [t.term, t.scope])).toEqual([
      ['CDC', ''],
      ['SCD', ''],
    ]);
  });

  it('without a site configuration the file applies to its own folder only', async () => {
    const terms = await termsOf(site);
    expect(terms.map((t) => [t.term, t.scope])).toEqual([
      ['CDC', 'includes'],
      ['SCD', 'includes'],
    ]);
  });
});
