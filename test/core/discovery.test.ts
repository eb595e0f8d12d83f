import { describe, expect, it } from 'vitest';
import { createDiscoveryContext, glossaryScope } from '../../server/src/core/discovery';
import { DEFAULT_SETTINGS, mergeSettings } from '../../server/src/core/settings';

const ctx = (markers: { path: string; text: string }[] = [], settings = DEFAULT_SETTINGS, above: { levelsUp: number; content: string }[] = []) =>
  createDiscoveryContext(settings, markers, above);

describe('where decisions are found', () => {
  it('finds the conventional folders at any depth, but not their templates, READMEs or indexes', () => {
    const c = ctx();
    for (const p of ['docs/adr/0001-a.md', 'doc/adr/0002-b.md', 'docs/decisions/0003-c.md', 'docs/architecture/decisions/0004-d.md', 'doc/arch/adr-005.md', 'adr/x.md', 'architecture-decision-record/y.md', 'decisions/z.md', 'packages/web/docs/adr/20200101-a.md', 'docs/adr/2024/0009-nested.md']) {
      expect(c.isDecisionPath(p), p).toBe(true);
    }
    for (const p of ['docs/adr/template.md', 'docs/adr/adr-template-minimal.md', 'docs/adr/0000-TEMPLATE.md', 'docs/adr/templates/nygard.md', 'docs/adr/README.md', 'docs/decisions/index.md', 'docs/guide.md', 'src/adr.ts', 'docs/adr/notes.txt']) {
      expect(c.isDecisionPath(p), p).toBe(false);
    }
  });

  it('finds adr-NNN-slug.md files anywhere (arachne keeps them at the top level)', () => {
    expect(ctx().isDecisionPath('adr-007-configuration-updates.md')).toBe(true);
    expect(ctx().isDecisionPath('notes/adr-12_x.md')).toBe(true);
    expect(ctx().isDecisionPath('adrenaline.md')).toBe(false);
  });

  it('follows .adr-dir in the workspace and above it', () => {
    const c = ctx([{ path: '.adr-dir', text: 'architecture/records\n' }]);
    expect(c.isDecisionPath('architecture/records/0001-x.md')).toBe(true);
    expect(c.decisionDirs.has('architecture/records')).toBe(true);
    const nested = ctx([{ path: 'services/api/.adr-dir', text: '../../records' }]);
    expect(nested.isDecisionPath('records/0001-x.md')).toBe(true);
    // The workspace is repo/sub and repo/.adr-dir says sub/adrs: decisions are in adrs/ of the workspace.
    const above = ctx([], DEFAULT_SETTINGS, [{ levelsUp: 1, content: 'sub/adrs' }]);
    expect(above.isDecisionPath('adrs/0001-x.md')).toBe(true);
    const bad = ctx([{ path: '.adr-dir', text: '../../outside' }]);
    expect(bad.problems).toMatchObject([{ code: 'bad-config', path: '.adr-dir', line: 1 }]);
  });

  it('reads .log4brains.yml adrFolder and packages[].adrFolder', () => {
    const c = ctx([
      {
        path: '.log4brains.yml',
        text: 'project:\n  name: x\n  adrFolder: ./records\n  packages:\n    - name: core\n      path: ./packages/core\n      adrFolder: ./packages/core/records\n',
      },
    ]);
    expect([...c.decisionDirs].sort()).toEqual(['packages/core/records', 'records']);
    expect(c.isDecisionPath('packages/core/records/20200101-x.md')).toBe(true);
    const broken = ctx([{ path: '.log4brains.yml', text: 'project: [\n' }]);
    expect(broken.problems[0]).toMatchObject({ code: 'bad-config', path: '.log4brains.yml' });
  });

  it('takes extra globs and exclusions from the configuration', () => {
    const s = mergeSettings({ decisions: ['architecture/rfcs/*.md'], exclude: ['legacy/**'] });
    const c = ctx([], s);
    expect(c.isDecisionPath('architecture/rfcs/use-grpc.md')).toBe(true);
    expect(c.isExcluded('legacy/docs/adr/0001-x.md')).toBe(true);
    expect(c.skipDir('legacy')).toBe(true);
    expect(c.skipDir('node_modules')).toBe(true);
    expect(c.skipDir('src')).toBe(false);
  });

  it('reads mkdocs docs_dir, site_url and site_dir, tolerating mkdocs YAML tags', () => {
    const c = ctx([{ path: 'mkdocs.yml', text: 'site_name: X\nsite_url: https://docs.example.com/\ndocs_dir: documentation\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n' }]);
    expect(c.docsDir).toBe('documentation');
    expect(c.siteUrl).toBe('https://docs.example.com/');
    expect(c.skipDir('site')).toBe(true);
  });
});

describe('glossary scope', () => {
  it('is the whole workspace for root and docs-site glossaries, else the glossary folder', () => {
    expect(glossaryScope('glossary.yml', 'docs')).toBe('');
    expect(glossaryScope('docs/glossary.md', 'docs')).toBe('');
    expect(glossaryScope('docs/includes/abbreviations.md', 'docs')).toBe('');
    expect(glossaryScope('.contextive/definitions.yml', 'docs')).toBe('');
    expect(glossaryScope('serving/glossary.yml', 'docs')).toBe('serving');
  });
});
