// The schema of `.archlens.yml`: which keys exist, what each accepts. It validates the file (validate.ts) and,
// with the descriptions the editor settings declare added by features/yamlSchema.ts, drives completion and
// hover. A manifest test checks that package.json's settings declare the same types, enums and minimums.
import { DECISION_STATUSES } from '../model';
import { PROBLEM_CODES } from '../problems';
import { SOURCES_SCHEMA } from '../sources';
import { typeText, type JsonSchema } from './jsonSchema';
import { validateAgainst, type SchemaError } from './validate';

const GLOBS: JsonSchema = {
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  errorMessage: 'expected a list of globs',
};
const SEVERITY: JsonSchema = { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'] };
const BOOLEAN: JsonSchema = { type: 'boolean' };
const COUNT: JsonSchema = { type: 'number', minimum: 0 };

export const CONFIG_FILE_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    decisions: GLOBS,
    glossaries: GLOBS,
    views: GLOBS,
    exclude: GLOBS,
    severity: {
      type: 'object',
      additionalProperties: false,
      unknownKey: 'code',
      properties: Object.fromEntries(Object.keys(PROBLEM_CODES).map((code) => [code, SEVERITY])),
    },
    staleness: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: BOOLEAN, minDays: COUNT, minCommits: COUNT, ignore: GLOBS, botAuthors: GLOBS },
    },
    inlayHints: {
      type: 'object',
      additionalProperties: false,
      properties: {
        decisions: BOOLEAN,
        terms: BOOLEAN,
        maxLength: { type: 'integer', minimum: 8, errorMessage: 'expected a whole number of 8 or more' },
      },
    },
    codeLens: { type: 'object', additionalProperties: false, properties: { enabled: BOOLEAN } },
    maxFileSize: COUNT,
    diagnostics: {
      type: 'object',
      additionalProperties: false,
      properties: { maxPerFile: { type: 'integer', minimum: 1, errorMessage: 'expected a whole number of 1 or more' } },
    },
    publishedDocsUrl: { type: 'string' },
    dates: {
      type: 'string',
      enum: ['day-first', 'month-first'],
      description: 'How to read a date such as `05/06/2023` in decisions: `day-first` (5 June) or `month-first` (May 6).',
    },
    sources: SOURCES_SCHEMA,
    repository: {
      type: 'string',
      description: 'This repository\'s name as decisions in a source write it (`governs: ["<name>:src/**"]`); the folder\'s name when absent.',
    },
    statuses: {
      type: 'object',
      description: 'Status words of this repository mapped onto the lifecycle, e.g. `Implemented: accepted`.',
      examples: [{ Implemented: 'accepted' }],
      additionalProperties: {
        type: 'string',
        enum: DECISION_STATUSES,
        errorMessage: `expected one of ${DECISION_STATUSES.join(', ')}`,
      },
    },
  },
};

/** A finding of the validator: the dotted key it is about and what is wrong, in words. */
export interface ConfigError {
  key: string;
  message: string;
}

/**
 * The schema over dotted keys (`staleness.minDays`), which is how the settings reader sees a file whether it nests
 * (`staleness: { minDays }`) or writes the dotted key; a group on its own (`severity: {}`) is a mapping.
 */
function flatSchema(schema: JsonSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const patternProperties: Record<string, JsonSchema> = {};
  const walk = (s: JsonSchema, prefix: string) => {
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      const dotted = prefix + key;
      if (child.type === 'object') {
        properties[dotted] = { type: 'object' };
        walk(child, `${dotted}.`);
        if (typeof child.additionalProperties === 'object') patternProperties[`^${dotted.replace(/\./g, '\\.')}\\.`] = child.additionalProperties;
      } else properties[dotted] = child;
    }
  };
  walk(schema, '');
  return { type: 'object', properties, patternProperties, additionalProperties: false };
}

let flatConfigSchema: JsonSchema | undefined;

/** Leaves of a plain object as dotted keys; lists and empty mappings are leaves. */
export function flattenObject(obj: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  // No prototype: a `__proto__:` key in the file is a key like any other, reported, never the object's prototype.
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      Object.assign(out, Object.keys(v).length === 0 ? { [key]: v } : flattenObject(v as Record<string, unknown>, key));
    } else out[key] = v;
  }
  return out;
}

/** Like flattenObject, but only into the mappings the schema declares: `decisions: { a: 1 }` stays one wrong value. */
function flattenGroups(obj: Record<string, unknown>, schema: JsonSchema | undefined, prefix = ''): Record<string, unknown> {
  // No prototype: a `__proto__:` key in the file is a key like any other, reported, never the object's prototype.
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    // A dotted key (`staleness.minDays: 3`) already names the leaf the flat schema knows.
    const group = k.includes('.') ? undefined : schema?.properties?.[k];
    if (group?.type === 'object' && v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.keys(v).length > 0) {
      Object.assign(out, flattenGroups(v as Record<string, unknown>, group, key));
    } else out[key] = v;
  }
  return out;
}

/** Validates the settings of a `.archlens.yml` (as parsed YAML) against the schema: one error per key. */
export function validateConfig(data: Record<string, unknown>): ConfigError[] {
  const flat = flattenGroups(data, CONFIG_FILE_SCHEMA);
  // `trace.*` settings concern only the editor; a file may carry them (copied from settings.json) harmlessly.
  for (const key of Object.keys(flat)) if (key.startsWith('trace.')) delete flat[key];
  // Status words map onto the lifecycle whatever their case (`Implemented: Accepted`), as the reader takes them.
  for (const [key, value] of Object.entries(flat)) if (key.startsWith('statuses.') && typeof value === 'string') flat[key] = value.toLowerCase();
  const schema = (flatConfigSchema ??= flatSchema(CONFIG_FILE_SCHEMA));
  const errors = validateAgainst(schema, flat);
  if (errors.length === 0) return [];
  const byKey = new Map<string, ConfigError>();
  for (const e of errors) {
    const error = describe(e, schema);
    if (error && !byKey.has(error.key)) byKey.set(error.key, error);
  }
  return [...byKey.values()];
}

function describe(e: SchemaError, schema: JsonSchema): ConfigError | undefined {
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const dot = key.lastIndexOf('.');
    const group = dot > 0 ? CONFIG_FILE_SCHEMA.properties?.[key.slice(0, key.indexOf('.'))] : undefined;
    return { key, message: group?.unknownKey ? `unknown ${group.unknownKey} '${key.slice(dot + 1)}'` : 'unknown setting' };
  }
  // `/staleness.minDays` or `/decisions/0`: the dotted key is the pointer's first segment.
  const key = e.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
  if (!key) return undefined;
  const flat = schema.properties?.[key] ?? Object.entries(schema.patternProperties ?? {}).find(([p]) => new RegExp(p).test(key))?.[1];
  if (!flat) return undefined;
  return { key, message: flat.errorMessage ?? `expected ${typeText(flat).replace(/`/g, '')}` };
}
