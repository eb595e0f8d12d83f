import { describe, expect, it } from 'vitest';
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
