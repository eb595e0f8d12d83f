// `.archlens.yml` validated against its JSON schema (core/schemas/config.ts): a wrong value of any key the schema
// declares is reported once, at the line of that key, nested or dotted; unknown keys likewise; and the editor shows
// the same findings as diagnostics on the file.
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_SCHEMA, validateConfig } from '../../server/src/core/schemas/config';
import type { JsonSchema } from '../../server/src/core/schemas/jsonSchema';
import { parseConfigFile } from '../../server/src/core/settings';
import { diagnostics } from '../../server/src/features/diagnostics';
import { featureFixture } from '../features/helpers';

/** Every key the schema declares, dotted, with its schema (mappings with named keys are walked into). */
function leaves(schema: JsonSchema, prefix = ''): [string, JsonSchema][] {
  return Object.entries(schema.properties ?? {}).flatMap(([k, v]) =>
    v.properties ? leaves(v, `${prefix}${k}.`) : ([[`${prefix}${k}`, v]] as [string, JsonSchema][]),
  );
}

/** A YAML scalar that the schema refuses for this key. */
function wrongValue(schema: JsonSchema): string {
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return '{ Shipped: launched }';
  if (schema.enum) return 'not-a-listed-value';
  if (schema.anyOf) return '{ a: 1 }';
  if (schema.type === 'boolean') return '"yes please"';
  if (schema.type === 'number' || schema.type === 'integer') return schema.minimum !== undefined ? String(schema.minimum - 1) : '"many"';
  if (schema.type === 'string') return '[1, 2]';
  if (schema.type === 'array') return '"one string"';
  throw new Error(`no wrong value for ${JSON.stringify(schema)}`);
}

describe('.archlens.yml against its schema', () => {
  it('reports a wrong value of every declared key at its line, written nested', () => {
    const keys = leaves(CONFIG_FILE_SCHEMA).filter(([k]) => !k.startsWith('severity.') || k === 'severity.stale-documentation');
    expect(keys.length).toBeGreaterThan(15);
    for (const [key, schema] of keys) {
      const segments = key.split('.');
      // Two harmless lines first, so the line number is not 1 by chance.
      const lines = ['# repository settings', '# (validated against the schema)'];
      segments.forEach((s, i) => lines.push(`${'  '.repeat(i)}${s}:${i === segments.length - 1 ? ` ${wrongValue(schema)}` : ''}`));
      const { problems } = parseConfigFile('.archlens.yml', `${lines.join('\n')}\n`);
      const expectedKey = schema.additionalProperties ? `${key}.Shipped` : key;
      expect(problems.map((p) => [p.code, p.line, p.message.split(': ')[1]]), key).toEqual([['bad-config', 2 + segments.length, expectedKey]]);
    }
  });

  it('reports the same keys written dotted, and unknown keys at any level', () => {
    const text = [
      'decisions:', //                         1
      '  - docs/adr/*.md', //                  2
      'staleness.minDays: -3', //              3
      'staleness:', //                         4
      '  minCommits: 1', //                    5
      '  minCommmits: 2', //                   6 (a typo)
      'inlayHints.maxLength: 4.5', //          7
      'severity:', //                          8
      '  stale-documentation: loud', //        9
      '  no-such-code: off', //                10
      'statuses:', //                          11
      '  Implemented: accepted', //            12
      '  Done: Shipped', //                    13
      'dates: european', //                    14
      'colour: blue', //                       15
      '',
    ].join('\n');
    const { problems, config } = parseConfigFile('.archlens.yml', text);
    expect(problems.map((p) => `${p.line} ${p.message}`)).toEqual([
      '3 .archlens.yml: staleness.minDays: expected a number of 0 or more',
      '6 .archlens.yml: staleness.minCommmits: unknown setting',
      '7 .archlens.yml: inlayHints.maxLength: expected a whole number of 8 or more',
      '9 .archlens.yml: severity.stale-documentation: expected one of error, warning, information, hint, off',
      "10 .archlens.yml: severity.no-such-code: unknown code 'no-such-code'",
      '13 .archlens.yml: statuses.Done: expected one of accepted, proposed, superseded, deprecated, rejected, draft',
      '14 .archlens.yml: dates: expected one of day-first, month-first',
      '15 .archlens.yml: colour: unknown setting',
    ]);
    // The values that are right are still read.
    expect(config).toMatchObject({ decisions: ['docs/adr/*.md'], staleness: { minCommits: 1 }, statuses: { Implemented: 'accepted' } });
  });

  it('reports a __proto__ key as unknown instead of taking it for the prototype', () => {
    const { problems, config } = parseConfigFile('.archlens.yml', 'codeLens:\n  enabled: false\n__proto__:\n  decisions: 5\n');
    expect(problems.map((p) => `${p.line} ${p.message}`)).toEqual(['3 .archlens.yml: __proto__: unknown setting']);
    expect(config).toEqual({ codeLens: { enabled: false } });
  });

  it('accepts a well-formed file, one glob in place of a list, and status words in any case', () => {
    expect(validateConfig({ decisions: 'records/*.md', staleness: { enabled: false, ignore: ['gen/**'] }, statuses: { Done: 'Accepted' }, 'trace.server': 'off' })).toEqual([]);
  });

  it('shows its findings as diagnostics on .archlens.yml, at their lines', async () => {
    const f = await featureFixture({
      files: {
        '.archlens.yml': ['decisions:', '  - docs/adr/*.md', 'staleness:', '  enabled: sometimes', 'codeLens:', '  enabld: false', ''].join('\n'),
        'docs/adr/0001-use-kafka.md': '# 1. Use Kafka\n\nStatus: accepted\n',
      },
    });
    const found = diagnostics(f.ctx, f.doc('.archlens.yml')).filter((d) => d.code === 'bad-config');
    expect(found.map((d) => [d.range.start.line, d.message])).toEqual([
      [3, '.archlens.yml: staleness.enabled: expected true or false'],
      [5, '.archlens.yml: codeLens.enabld: unknown setting'],
    ]);
  });
});
