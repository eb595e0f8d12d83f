// The first read of a YAML glossary without a YAML parser (yamlPlain.ts) gives exactly what the YAML parser gives:
// on generated files mixing plain entries with every value YAML reads otherwise (numbers, booleans, nulls, quotes,
// comments, colons, flow lists of such), on the repository's glossaries and on a generated monorepo's glossary, which
// it reads without the YAML parser.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMonorepo } from '../../../bench/fixtures';
import { parseGlossaryYamlWhole } from '../../../server/src/core/glossary/yaml';
import { glossaryParseWork, parseGlossaryYaml } from '../../../server/src/core/glossary/yamlEntries';
import { plainGlossaryWork } from '../../../server/src/core/glossary/yamlPlain';

const PATH = 'glossary.yml';

const plain = fc.constantFrom('ledger', 'order feed', 'Kafka topic', 'reverse ETL', 'café au lait', "it's", 'C# client', 'SLA', 'x', 'Yes please', 'e-mail');
const tricky = fc.constantFrom('true', 'No', 'null', '~', '123', '1.5', '0x1F', 'a: b', 'a #b', 'ends:', '"quoted"', "'single'", 'x, y', '{a}', '-dash', '? q', '%p', '@at', '`tick`', '|', '>', '', '  ', 'a  b ', 'Off', 'y');
const scalar = fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: tricky });
const value = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`) });
const key = fc.constantFrom('name', 'Name', 'term', 'title', 'definition', 'description', 'def', 'aliases', 'synonyms', 'avoid', 'deprecated', 'notes', 'owner');
const entry = fc.record({
  first: fc.record({ key: fc.constantFrom('name', 'term', 'Name'), value: scalar }),
  rest: fc.array(fc.record({ key, value }), { maxLength: 4 }),
  blankAfter: fc.boolean(),
});

type Entry = { first: { key: string; value: string }; rest: { key: string; value: string }[]; blankAfter: boolean };

function render(entries: Entry[], layout: 'terms' | 'top'): string {
  const indent = layout === 'terms' ? '  ' : '';
  const out: string[] = layout === 'terms' ? ['terms:'] : [];
  for (const e of entries) {
    out.push(`${indent}- ${e.first.key}: ${e.first.value}`);
    for (const f of e.rest) out.push(`${indent}  ${f.key}: ${f.value}`);
    if (e.blankAfter) out.push('');
  }
  return `${out.join('\n')}\n`;
}

describe('YAML glossaries read without the YAML parser', () => {
  it('equal the YAML parser on generated files, refusing what it cannot read', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.constantFrom('terms' as const, 'top' as const), (entries, layout) => {
        const text = render(entries, layout);
        expect(parseGlossaryYaml(PATH, text, 'root')).toEqual(parseGlossaryYamlWhole(PATH, text, 'root'));
      }),
      { numRuns: 400 },
    );
  });

  it('reads plainly written entries without the YAML parser', () => {
    const text = 'terms:\n  - name: Order Feed\n    aliases: [order stream, feed]\n    definition: The stream of placed orders.\n\n  - term: ledger\n    avoid: journal\n';
    const [whole, refused] = [glossaryParseWork.wholeParses, plainGlossaryWork.refused];
    expect(parseGlossaryYaml(PATH, text, 'root')).toEqual(parseGlossaryYamlWhole(PATH, text, 'root'));
    expect(glossaryParseWork.wholeParses - whole).toBe(0);
    expect(plainGlossaryWork.refused - refused).toBe(0);
    // One value YAML reads as a number: the whole file goes to the YAML parser.
    const numeric = text.replace('avoid: journal', 'avoid: 42');
    expect(parseGlossaryYaml(PATH, numeric, 'root')).toEqual(parseGlossaryYamlWhole(PATH, numeric, 'root'));
    expect(glossaryParseWork.wholeParses - whole).toBe(1);
  });

  it("equal the YAML parser on the repository's glossaries", () => {
    for (const file of ['examples/data-platform/glossary.yml']) {
      const text = readFileSync(file, 'utf8');
      expect(parseGlossaryYaml(file, text, '')).toEqual(parseGlossaryYamlWhole(file, text, ''));
    }
  });

  const repo = generateMonorepo({ packages: 1, decisionsPerPackage: 1, viewsPerPackage: 0, sourcesPerPackage: 1, terms: 3000, citingShare: 0, seed: 5 });
  afterAll(() => repo.remove());

  it("a generated monorepo's glossary: read without the YAML parser, equal to it", () => {
    const file = repo.glossaries.find((g) => g.endsWith('.yml'))!;
    const text = readFileSync(`${repo.root}/${file}`, 'utf8');
    const whole = glossaryParseWork.wholeParses;
    const terms = parseGlossaryYaml(file, text, '');
    expect(glossaryParseWork.wholeParses - whole).toBe(0);
    expect(terms.terms.length).toBeGreaterThan(1000);
    expect(terms).toEqual(parseGlossaryYamlWhole(file, text, ''));
  });
});
