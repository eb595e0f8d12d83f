// Validates a value against a schema written in the subset of JSON Schema Archlens uses (jsonSchema.ts): type,
// enum, pattern, minimum, minLength / maxLength, items, minItems / maxItems, properties, required,
// additionalProperties, patternProperties, anyOf and oneOf. It reports every error (nothing stops at the first),
// each with the keyword, the JSON pointer of the value and the schema that holds the keyword, in the order a
// general-purpose validator such as ajv reports them (a test compares the two on random values).
// A general-purpose validator compiles each schema to code first, which cost the server's start more than a
// hundred milliseconds for schemas this small; walking the schema takes microseconds per document.
import type { JsonSchema } from './jsonSchema';

type SchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

/** The schema keywords this validator reads. */
export interface ValidationSchema extends Omit<JsonSchema, 'type' | 'items' | 'properties' | 'additionalProperties' | 'patternProperties' | 'anyOf'> {
  type?: SchemaType | SchemaType[];
  items?: ValidationSchema;
  properties?: Record<string, ValidationSchema>;
  additionalProperties?: boolean | ValidationSchema;
  patternProperties?: Record<string, ValidationSchema>;
  anyOf?: ValidationSchema[];
  oneOf?: ValidationSchema[];
  required?: readonly string[];
  minItems?: number;
  maxItems?: number;
}

export interface SchemaError {
  keyword: string;
  /** JSON pointer of the value (`/deciders/1`); `` for the value itself. */
  instancePath: string;
  params: Record<string, unknown>;
  /** The schema holding the failed keyword (its `errorMessage` words the error). */
  parentSchema: ValidationSchema;
}

/** Every error of `data` against `schema`; empty when it is valid. */
export function validateAgainst(schema: ValidationSchema | JsonSchema | object, data: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  check(schema as ValidationSchema, data, '', errors);
  return errors;
}

const STRING_KEYS = ['maxLength', 'minLength', 'pattern'] as const;
const NUMBER_KEYS = ['minimum'] as const;
const ARRAY_KEYS = ['maxItems', 'minItems', 'items'] as const;
const OBJECT_KEYS = ['required', 'additionalProperties', 'properties', 'patternProperties'] as const;
const GROUPS: { type: SchemaType; keys: readonly (keyof ValidationSchema)[] }[] = [
  { type: 'number', keys: NUMBER_KEYS },
  { type: 'string', keys: STRING_KEYS },
  { type: 'array', keys: ARRAY_KEYS },
  { type: 'object', keys: OBJECT_KEYS },
];

function isType(type: SchemaType, data: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof data === 'string';
    case 'number':
      return typeof data === 'number';
    case 'integer':
      return typeof data === 'number' && !(data % 1) && !Number.isNaN(data);
    case 'boolean':
      return typeof data === 'boolean';
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    case 'object':
      return data !== null && typeof data === 'object' && !Array.isArray(data);
  }
}

const pointer = (path: string, key: string | number) => `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
const patterns = new Map<string, RegExp>();
const regExp = (source: string) => patterns.get(source) ?? patterns.set(source, new RegExp(source, 'u')).get(source)!;
/** Length in code points, as JSON Schema counts it (an emoji is one character). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

function check(schema: ValidationSchema, data: unknown, path: string, errors: SchemaError[]): void {
  const fail = (keyword: string, params: Record<string, unknown> = {}, at = path) => errors.push({ keyword, instancePath: at, params, parentSchema: schema });
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const hasKeys = (keys: readonly (keyof ValidationSchema)[]) => keys.some((k) => schema[k] !== undefined);
  // A single type whose own keywords the schema uses is checked with them; any other type is checked first.
  const groupOfType = types.length === 1 ? GROUPS.find((g) => g.type === types[0] && hasKeys(g.keys)) : undefined;
  if (types.length > 0 && !groupOfType && !types.some((t) => isType(t, data))) fail('type', { type: types.join(',') });
  if (schema.enum !== undefined && !schema.enum.some((v) => v === data)) fail('enum', { allowedValues: schema.enum });
  if (schema.anyOf) branches(schema.anyOf, 'anyOf', (passing) => passing > 0);
  if (schema.oneOf) branches(schema.oneOf, 'oneOf', (passing) => passing === 1);
  for (const group of GROUPS) {
    if (!hasKeys(group.keys)) continue;
    if (!isType(group.type, data)) {
      if (group === groupOfType) fail('type', { type: group.type });
      continue;
    }
    if (group.type === 'number') numberKeywords(data as number);
    else if (group.type === 'string') stringKeywords(data as string);
    else if (group.type === 'array') arrayKeywords(data as unknown[]);
    else objectKeywords(data as Record<string, unknown>);
  }

  function branches(list: ValidationSchema[], keyword: string, valid: (passing: number) => boolean): void {
    const before = errors.length;
    let passing = 0;
    for (const branch of list) {
      const count = errors.length;
      check(branch, data, path, errors);
      if (errors.length === count) passing++;
    }
    // A valid combination keeps none of its branches' errors.
    if (valid(passing)) errors.length = before;
    else fail(keyword, { passing });
  }

  function numberKeywords(n: number): void {
    if (schema.minimum !== undefined && !(n >= schema.minimum)) fail('minimum', { comparison: '>=', limit: schema.minimum });
  }

  function stringKeywords(s: string): void {
    if (schema.maxLength !== undefined && codePoints(s) > schema.maxLength) fail('maxLength', { limit: schema.maxLength });
    if (schema.minLength !== undefined && codePoints(s) < schema.minLength) fail('minLength', { limit: schema.minLength });
    if (schema.pattern !== undefined && !regExp(schema.pattern).test(s)) fail('pattern', { pattern: schema.pattern });
  }

  function arrayKeywords(list: unknown[]): void {
    if (schema.maxItems !== undefined && list.length > schema.maxItems) fail('maxItems', { limit: schema.maxItems });
    if (schema.minItems !== undefined && list.length < schema.minItems) fail('minItems', { limit: schema.minItems });
    if (schema.items) for (let i = 0; i < list.length; i++) check(schema.items, list[i], pointer(path, i), errors);
  }

  function objectKeywords(obj: Record<string, unknown>): void {
    const own = (key: string) => Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined;
    for (const key of schema.required ?? []) if (!own(key)) fail('required', { missingProperty: key });
    const properties = schema.properties ?? {};
    const patternList = Object.entries(schema.patternProperties ?? {}).map(([p, s]) => [regExp(p), s] as const);
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== true) {
      for (const key of Object.keys(obj)) {
        if (Object.prototype.hasOwnProperty.call(properties, key) || patternList.some(([re]) => re.test(key))) continue;
        if (extra === false) fail('additionalProperties', { additionalProperty: key });
        else check(extra, obj[key], pointer(path, key), errors);
      }
    }
    for (const [key, child] of Object.entries(properties)) if (own(key)) check(child, obj[key], pointer(path, key), errors);
    for (const [re, child] of patternList) {
      for (const key of Object.keys(obj)) if (re.test(key)) check(child, obj[key], pointer(path, key), errors);
    }
  }
}
