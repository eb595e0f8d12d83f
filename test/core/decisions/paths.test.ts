import { describe, expect, it } from 'vitest';
import { decisionNumberFromPath, isDecisionTemplate } from '../../../server/src/core/decisions/parse';

describe('decisionNumberFromPath', () => {
  it.each([
    ['docs/adr/0007-use-postgres.md', 7],
    ['docs/adr/adr-007-use-postgres.md', 7],
    ['ADR-7-use-postgres.md', 7],
    ['adr_0012.md', 12],
    ['adr0003-x.md', 3],
    ['7-x.md', 7],
    ['0000-use-markdown.md', 0],
    ['0001.md', 1],
    ['docs/decisions/0042 Use Kafka.md', 42],
  ])('%s -> %i', (path, n) => {
    expect(decisionNumberFromPath(path)).toBe(n);
  });

  it.each([
    'docs/adr/20201028-links.md', // log4brains: a date, not a number
    'docs/adr/2020-01-02-use-x.md',
    'docs/adr/adr_with_a_WeIrd-filename.md',
    'docs/adr/use-postgres.md',
    'docs/adr/README.md',
    '100percent.md',
  ])('%s has no number', (path) => {
    expect(decisionNumberFromPath(path)).toBeUndefined();
  });
});

describe('isDecisionTemplate', () => {
  it.each([
    'docs/adr/template.md',
    'docs/decisions/adr-template.md',
    'template/adr-template-bare-minimal.md',
    'docs/architecture/decisions/0000-TEMPLATE.md',
    'docs/adr/templates/nygard.md',
    'docs/adr/nygard-template.md',
    'docs/adr/Template.markdown',
  ])('%s is a template', (path) => {
    expect(isDecisionTemplate(path)).toBe(true);
  });

  it.each([
    'docs/adr/0007-use-postgres.md',
    'arachne/adr-014-project-templates.md', // a decision about templates
    'docs/adr/0014-project-template.md',
    'docs/adr/20201028-links.md',
    'docs/templated/0001-x.md',
  ])('%s is not a template', (path) => {
    expect(isDecisionTemplate(path)).toBe(false);
  });
});
