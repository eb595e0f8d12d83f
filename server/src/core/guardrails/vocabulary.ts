// The guardrail vocabulary: what a decision may write under `guardrails:` in its front matter. One JSON schema per
// kind is the single description of the vocabulary: it validates each entry (an invalid one is a problem on its
// line) and the editor completes front matter from it. Patterns are globs (picomatch) or literal text; there are no
// regular expressions a decision could make the server backtrack on.
import type { TextRange } from '../model';
import { ECOSYSTEMS, type Ecosystem } from '../manifests/model';

export const GUARDRAIL_KINDS = ['forbid-dependency', 'forbid-import', 'forbid-text', 'require-file', 'adopt-dependency'] as const;
export type GuardrailKind = (typeof GUARDRAIL_KINDS)[number];

interface GuardrailBase {
  kind: GuardrailKind;
  /** 1-based line of the entry in the decision. */
  line: number;
  /** The entry's range in the decision. */
  range: TextRange;
  /** Why, in one line, when the entry says; otherwise messages quote the decision. */
  reason?: string;
  /** What to use instead, named in every finding of the guardrail. */
  replacement?: string;
}

/** A package that must not appear in any dependency manifest (or in those under `in`). */
export interface ForbidDependency extends GuardrailBase {
  kind: 'forbid-dependency';
  name: string;
  ecosystem?: Ecosystem;
  in?: string[];
}

/** Code under `from` must not import `module` (a module and everything below it, or a glob over module names). */
export interface ForbidImport extends GuardrailBase {
  kind: 'forbid-import';
  from: string[];
  module: string;
}

/** Files under `in` must not contain `text` (literal, case-sensitive). */
export interface ForbidText extends GuardrailBase {
  kind: 'forbid-text';
  in: string[];
  text: string;
}

/** A file must exist: a path, or a glob whose folder part names folders that must each hold a file matching its name. */
export interface RequireFile extends GuardrailBase {
  kind: 'require-file';
  path: string;
}

/**
 * The package a decision brings in. Allowed while the decision stands; once it is rejected, deprecated or
 * superseded every manifest that still declares it is flagged, naming the replacement.
 */
export interface AdoptDependency extends GuardrailBase {
  kind: 'adopt-dependency';
  name: string;
  ecosystem?: Ecosystem;
}

export type Guardrail = ForbidDependency | ForbidImport | ForbidText | RequireFile | AdoptDependency;

const text = (description: string) => ({ type: 'string', minLength: 1, maxLength: 500, description });
const globs = (description: string) => ({
  description,
  oneOf: [text(description), { type: 'array', items: text(description), minItems: 1, maxItems: 50 }],
});
const common = {
  reason: text('Why, in one line; shown in every finding of this guardrail.'),
  replacement: text('What to use instead; named in every finding of this guardrail.'),
};
const ecosystem = { enum: [...ECOSYSTEMS], description: 'Only manifests of this ecosystem.' };
const packageName = text('Package name, compared as its ecosystem does (great_expectations = great-expectations on PyPI); a glob is allowed.');

/** The schema of each kind's value; the short form (a string) is allowed where the schema says. */
export const GUARDRAIL_SCHEMAS: Record<GuardrailKind, { description: string; schema: object }> = {
  'forbid-dependency': {
    description: 'A package that must not appear in any dependency manifest (package.json, requirements, pyproject, go.mod, pom.xml, Gradle, Cargo, Chart.yaml, Dockerfile, compose, Terraform, dbt packages).',
    schema: {
      oneOf: [
        packageName,
        {
          type: 'object',
          properties: { name: packageName, ecosystem, in: globs('Only manifests whose path matches these globs.'), ...common },
          required: ['name'],
          additionalProperties: false,
        },
      ],
    },
  },
  'forbid-import': {
    description: 'Code under `from` must not import `module` (Python, TS/JS, Go, Java/Kotlin, dbt ref()/source()).',
    schema: {
      type: 'object',
      properties: {
        from: globs('Files whose imports are checked (globs relative to the workspace root).'),
        module: text('Module name: covers the module and everything below it (`airflow` covers `airflow.models`); a glob over module names is allowed; dbt sources are `source:<source>.<table>`.'),
        ...common,
      },
      required: ['from', 'module'],
      additionalProperties: false,
    },
  },
  'forbid-text': {
    description: 'Files under `in` must not contain `text` (literal, case-sensitive).',
    schema: {
      type: 'object',
      properties: { in: globs('Files checked (globs relative to the workspace root).'), text: text('Literal text, not a regular expression.'), ...common },
      required: ['in', 'text'],
      additionalProperties: false,
    },
  },
  'require-file': {
    description: 'A file that must exist; with a glob folder part (`dbt/models/**/schema.yml`), every such folder holding files must hold one.',
    schema: {
      oneOf: [
        text('Path or glob relative to the workspace root.'),
        { type: 'object', properties: { path: text('Path or glob relative to the workspace root.'), ...common }, required: ['path'], additionalProperties: false },
      ],
    },
  },
  'adopt-dependency': {
    description: 'The package this decision brings in: flagged wherever it is still declared once the decision is rejected, deprecated or superseded.',
    schema: {
      oneOf: [
        packageName,
        { type: 'object', properties: { name: packageName, ecosystem, ...common }, required: ['name'], additionalProperties: false },
      ],
    },
  },
};

/** The schema of the whole `guardrails:` list, for editors (front-matter completion and validation). */
export function guardrailsSchema(): object {
  return {
    type: 'array',
    description: 'Rules this decision asks the editor and CI to check. See the README, "Guardrails".',
    items: {
      oneOf: GUARDRAIL_KINDS.map((kind) => ({
        type: 'object',
        description: GUARDRAIL_SCHEMAS[kind].description,
        properties: { [kind]: GUARDRAIL_SCHEMAS[kind].schema },
        required: [kind],
        additionalProperties: false,
      })),
    },
  };
}

/** One line naming a guardrail, for trees and pickers: `forbid-import source:* from dbt/models/marts/**`. */
export function describeGuardrail(g: Guardrail): string {
  switch (g.kind) {
    case 'forbid-dependency':
      return `forbid-dependency ${g.name}${g.ecosystem ? ` (${g.ecosystem})` : ''}${g.in ? ` in ${g.in.join(', ')}` : ''}`;
    case 'adopt-dependency':
      return `adopt-dependency ${g.name}${g.ecosystem ? ` (${g.ecosystem})` : ''}`;
    case 'forbid-import':
      return `forbid-import ${g.module} from ${g.from.join(', ')}`;
    case 'forbid-text':
      return `forbid-text "${g.text}" in ${g.in.join(', ')}`;
    case 'require-file':
      return `require-file ${g.path}`;
  }
}
