// The schema validator (core/schemas/validate.ts) against ajv, a general-purpose JSON Schema validator, on random
// values shaped like what people write in `.archlens.yml`, decision front matter and guardrails: the same errors
// (keyword, value pointer, missing or unknown key), in the same order, so every message built from them is too.
import Ajv, { type ErrorObject } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GUARDRAIL_KINDS, GUARDRAIL_SCHEMAS, guardrailsSchema } from '../../server/src/core/guardrails/vocabulary';
import { CONFIG_FILE_SCHEMA } from '../../server/src/core/schemas/config';
import { FRONT_MATTER_SCHEMA } from '../../server/src/core/schemas/frontMatter';
import { validateAgainst, type SchemaError } from '../../server/src/core/schemas/validate';

/** Every key any of the schemas names, so random objects hit declared keys as often as unknown ones. */
function keysOf(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) keysOf(s, out);
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'properties' || k === 'patternProperties') for (const p of Object.keys(v as object)) out.add(p);
      if (k === 'required') for (const p of v as string[]) out.add(p);
      keysOf(v, out);
    }
  }
  return out;
}

const SCHEMAS: [string, object][] = [
  ['.archlens.yml', CONFIG_FILE_SCHEMA],
  ['front matter', FRONT_MATTER_SCHEMA],
  ['guardrails list', guardrailsSchema()],
  ...GUARDRAIL_KINDS.map((k) => [k, GUARDRAIL_SCHEMAS[k].schema] as [string, object]),
];
const KEYS = [...new Set(SCHEMAS.flatMap(([, s]) => [...keysOf(s)]))];

const scalar = fc.oneof(
  fc.constantFrom('', 'accepted', 'pypi', 'npm', 'warning', 'off', '2024-05-14', '14/05/2024', 'Priya Raman', 'Priya <p@x.io>', '[x](y)', 'a/b/**', 'abc1234', 'x'.repeat(130)),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -3, max: 12 }),
  fc.constantFrom(0.5, 7.25),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 4 }), tie('object')),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 4 })), tie('value'), { maxKeys: 5 }),
})).value;

/** Values shaped by the schema (its keys, nested; its branches), with a random value in place of any of them. */
function shaped(schema: any, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return scalar;
  const options: fc.Arbitrary<unknown>[] = [scalar];
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) options.push(shaped(branch, depth + 1));
  if (schema.items) options.push(fc.array(shaped(schema.items, depth + 1), { maxLength: 3 }));
  if (schema.properties || schema.patternProperties || typeof schema.additionalProperties === 'object') {
    const children: [string, any][] = Object.entries(schema.properties ?? {});
    if (typeof schema.additionalProperties === 'object') children.push(['Custom', schema.additionalProperties]);
    options.push(
      fc.tuple(...children.map(([k, child]) => fc.option(shaped(child, depth + 1).map((v) => [k, v] as const), { freq: 3 })), fc.option(fc.tuple(fc.string({ maxLength: 4 }), scalar))).map(
        (pairs) => Object.fromEntries(pairs.filter((p): p is readonly [string, unknown] => p !== null)),
      ),
    );
  }
  return fc.oneof(...options);
}

const ajv = new Ajv({ allErrors: true, strict: false });
const theirs = (e: ErrorObject) => [e.keyword, e.instancePath, (e.params as Record<string, unknown>).missingProperty ?? (e.params as Record<string, unknown>).additionalProperty ?? ''];
const ours = (e: SchemaError) => [e.keyword, e.instancePath, e.params.missingProperty ?? e.params.additionalProperty ?? ''];

describe('schema validation', () => {
  for (const [name, schema] of SCHEMAS) {
    it(`reports what ajv reports, in its order: ${name}`, () => {
      const validate = ajv.compile(schema);
      fc.assert(
        fc.property(fc.oneof(value, fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }), shaped(schema)), (data) => {
          validate(data);
          expect(validateAgainst(schema, data).map(ours)).toEqual((validate.errors ?? []).map(theirs));
        }),
        { numRuns: 600 },
      );
    });
  }

  it('names the schema holding the failed keyword, whose message words the error', () => {
    const errors = validateAgainst(FRONT_MATTER_SCHEMA, { reviewed: '14/05/2024', deciders: ['Priya Raman', '**Kwame**'] });
    expect(errors.find((e) => e.instancePath === '/reviewed')?.parentSchema.errorMessage).toBe('a date is written YYYY-MM-DD');
    expect(errors.find((e) => e.instancePath === '/deciders/1' && e.keyword === 'pattern')?.parentSchema.errorMessage).toMatch(/^a person is written/);
    expect(validateAgainst(FRONT_MATTER_SCHEMA, { reviewed: '2024-05-14', deciders: ['Priya Raman'] })).toEqual([]);
  });
});
