// The front matter of a decision record: the keys Archlens reads, what each means, and what a value must look like.
// One schema for validation, completion and hover. Other keys are allowed: teams add their own.
import { DECISION_STATUSES } from '../model';
import type { JsonSchema } from './jsonSchema';

const DATE: JsonSchema = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  errorMessage: 'a date is written YYYY-MM-DD',
};

/** A person: a name, optionally with an e-mail address in angle brackets; no markup, no list inside. */
const PERSON: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 120,
  pattern: '^[^\\[\\]()<>@,;*_`#|]+( <[^<>\\s@]+@[^<>\\s@]+>)?$',
  errorMessage: 'a person is written as a name, optionally followed by <e-mail>, e.g. "Priya Raman" or "Priya Raman <priya@example.com>"',
};

const PEOPLE = (description: string): JsonSchema => ({
  description,
  anyOf: [{ type: 'array', items: PERSON }, PERSON],
  examples: [['Priya Raman', 'Kwame Mensah']],
});

const DECISION_REFS = (description: string): JsonSchema => ({
  description,
  anyOf: [{ type: 'array', items: { type: 'string', minLength: 1 } }, { type: 'string', minLength: 1 }],
  examples: ['ADR-0003', ['ADR-0003', '0004-medallion-layers']],
});

export const FRONT_MATTER_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    title: { type: 'string', minLength: 1, description: 'The title of the decision, when it is not the first heading.' },
    status: {
      description:
        'Where the decision stands. `superseded` and `deprecated` decisions no longer govern code; a reference to one is reported with its successor.',
      type: 'string',
      enum: DECISION_STATUSES,
    },
    date: { ...DATE, description: 'When the decision was made, as YYYY-MM-DD.', examples: ['2024-05-14'] },
    deciders: PEOPLE('Who made the decision (MADR 2 and 3 call them `deciders`).'),
    'decision-makers': PEOPLE('Who made the decision (MADR 4).'),
    consulted: PEOPLE('Whose opinion was sought (two-way communication).'),
    informed: PEOPLE('Who is kept up to date (one-way communication).'),
    tags: { description: 'Free tags, for grouping and search.', anyOf: [{ type: 'array', items: { type: 'string', minLength: 1 } }, { type: 'string' }] },
    governs: {
      description:
        'Globs (from the workspace root) of the code this decision governs: the code lens on those files names the decision, and changes to them make it stale. Each glob must match at least one file.',
      anyOf: [{ type: 'array', items: { type: 'string', minLength: 1 } }, { type: 'string', minLength: 1 }],
      examples: [['connect/debezium/**', 'deploy/helm/kafka-connect/**']],
    },
    supersedes: DECISION_REFS('The decisions this one replaces (their id, number or file name).'),
    'superseded-by': DECISION_REFS('The decision that replaces this one.'),
    amends: DECISION_REFS('The decisions this one changes without replacing them.'),
    'amended-by': DECISION_REFS('The decisions that change this one.'),
    reviewed: { ...DATE, description: 'The date someone checked the decision still matches its code: changes before it do not make the decision stale.' },
    'reviewed-commit': {
      type: 'string',
      pattern: '^[0-9a-f]{7,64}$',
      errorMessage: 'a commit hash: 7 to 64 hexadecimal digits',
      description: 'The commit at which the decision was last checked against its code (written by *Mark as reviewed*).',
    },
  },
};
