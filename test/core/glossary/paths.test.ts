import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isGlossaryPath } from '../../../server/src/core/glossary/parse';

describe('isGlossaryPath', () => {
  it.each([
    'glossary.md',
    'GLOSSARY.md',
    'docs/Glossary.md',
    'glossary-payments.md',
    'docs/payments-glossary.md',
    'docs/glossary/billing.md',
    'docs/architecture/glossary/terms.md',
    'packages/api/docs/glossary/a.md',
    'glossary.yml',
    'glossary.yaml',
    'svc/.glossary.yml',
    'svc/payments.glossary.yaml',
    '.contextive/definitions.yml',
    'app/.contextive/definitions.yaml',
    'docs/includes/abbreviations.md',
    'includes/abbreviations.md',
  ])('%s is a glossary', (p) => expect(isGlossaryPath(p)).toBe(true));

  it.each([
    'README.md',
    'docs/glossaryish.md',
    'glossary.txt',
    'glossary/terms.md',
    'docs/glossary/nested/x.md',
    'src/glossary.ts',
    'definitions.yml',
    'docs/abbreviations.md',
    'contextive/definitions.yml',
    'my.glossary.md',
  ])('%s is not a glossary', (p) => expect(isGlossaryPath(p)).toBe(false));
});

describe('isGlossaryPath against its definition by path segments', () => {
  // The definition the rule is written from: every segment lower-cased, the name and its parent compared.
  function bySegments(path: string): boolean {
    const parts = path.toLowerCase().split('/');
    const name = parts[parts.length - 1];
    const parent = parts.length > 1 ? parts[parts.length - 2] : '';
    if (/\.(?:md|markdown|mdx)$/i.test(name)) {
      const stem = name.replace(/\.(?:md|markdown|mdx)$/i, '');
      if (stem === 'glossary' || stem.startsWith('glossary-') || stem.endsWith('-glossary')) return true;
      if (parent === 'includes' && stem === 'abbreviations') return true;
      return parent === 'glossary' && parts.slice(0, -2).includes('docs');
    }
    if (/\.ya?ml$/.test(name)) {
      const stem = name.replace(/\.ya?ml$/, '');
      if (stem === 'glossary' || stem === '.glossary' || stem.endsWith('.glossary')) return true;
      return parent === '.contextive' && stem === 'definitions';
    }
    return false;
  }
  const segment = fc.constantFrom('docs', 'Docs', 'glossary', 'GLOSSARY', 'includes', '.contextive', 'src', 'a', 'glossary-x');
  const name = fc.constantFrom('glossary.md', 'Glossary.MD', 'glossary-terms.md', 'team-glossary.markdown', 'glossary.mdx', 'abbreviations.md', 'x.md', 'glossary.yml', '.glossary.yaml', 'x.glossary.yml', 'definitions.yml', 'definitions.yaml', 'glossary.YML', 'main.py', 'glossary');
  it('agrees on generated paths', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), name, (dirs, file) => {
        const path = [...dirs, file].join('/');
        expect(isGlossaryPath(path), path).toBe(bySegments(path));
      }),
      { numRuns: 2000 },
    );
  });
});
