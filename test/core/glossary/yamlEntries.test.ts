// A YAML glossary parsed again entry by entry after an edit gives exactly what parsing the whole file gives: on the
// repository's glossaries, on generated lists of terms under random edits (entries changed, added, removed, moved,
// with comments, blank lines, block and quoted scalars), and on files the cut must refuse (anchors, tags, several
// documents, other shapes), where it falls back to the whole parse. An edit of one entry parses one entry.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { glossaryParseWork, parseGlossaryYaml, parseGlossaryYamlByEntry, splitEntries, type EntryCache, type GlossaryCaches } from '../../../server/src/core/glossary/yamlEntries';
import { parseGlossaryYamlWhole } from '../../../server/src/core/glossary/yaml';

const PATH = 'glossary.yml';

/** Parses `before` then `after` by entry with one cache; the second must equal the whole parse of `after`. */
function expectSameAsWhole(before: string, after: string): void {
  const cache: EntryCache = new Map();
  expect(parseGlossaryYamlByEntry(PATH, before, 'root', cache)).toEqual(parseGlossaryYamlWhole(PATH, before, 'root'));
  expect(parseGlossaryYamlByEntry(PATH, after, 'root', cache)).toEqual(parseGlossaryYamlWhole(PATH, after, 'root'));
}

const word = fc.constantFrom('ledger', 'feed', 'batch', 'order', 'Kafka', 'SLA', 'bronze layer', 'reverse ETL', 'dbt', 'café', 'x');
const phrase = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));

/** One entry of a list of terms, written in one of the styles glossaries use (the first line starts with `- `). */
const entry = fc.record({
  name: phrase,
  definition: fc.option(phrase, { nil: undefined }),
  style: fc.constantFrom('plain', 'quoted', 'block', 'folded-lines', 'bare', 'no-name', 'empty-item'),
  aliases: fc.option(fc.array(word, { maxLength: 3 }), { nil: undefined }),
  avoid: fc.option(fc.array(word, { maxLength: 2 }), { nil: undefined }),
  comment: fc.boolean(),
  blank: fc.boolean(),
});
type Entry = typeof entry extends fc.Arbitrary<infer T> ? T : never;

function render(e: Entry, indent: string): string {
  const pad = `${indent}  `;
  const lines: string[] = [];
  if (e.style === 'bare') lines.push(`${indent}- ${e.name}`);
  else if (e.style === 'empty-item') lines.push(`${indent}-`);
  else {
    lines.push(e.style === 'no-name' ? `${indent}- definition: ${e.definition ?? 'none'}` : `${indent}- name: ${e.name}`);
    if (e.aliases) lines.push(`${pad}aliases: [${e.aliases.join(', ')}]`);
    if (e.avoid) lines.push(`${pad}avoid:`, ...e.avoid.map((a) => `${pad}  - ${a}`));
    if (e.definition && e.style !== 'no-name') {
      if (e.style === 'quoted') lines.push(`${pad}definition: "${e.definition}, \\"quoted\\""`);
      else if (e.style === 'block') lines.push(`${pad}definition: |`, `${pad}  ${e.definition}`, `${pad}  - not an entry`);
      else if (e.style === 'folded-lines') lines.push(`${pad}definition: ${e.definition}`, `${pad}  continued on a second line`);
      else lines.push(`${pad}definition: ${e.definition}`);
    }
  }
  if (e.comment) lines.push(`${indent}# a comment after the entry`);
  if (e.blank) lines.push('');
  return lines.join('\n');
}

const shape = fc.constantFrom(
  { header: 'terms:\n', indent: '  ' },
  { header: 'terms:\n', indent: '' },
  { header: '# The glossary\nglossary: # the list\n', indent: '    ' },
  { header: '', indent: '' },
);

/** An edit of a list of entries: change, add, remove or move one. */
const edit = fc.record({ kind: fc.constantFrom('change', 'add', 'remove', 'move'), at: fc.nat(), to: fc.nat(), entry });

function applyEdit(list: Entry[], e: { kind: string; at: number; to: number; entry: Entry }): Entry[] {
  const out = [...list];
  const at = out.length === 0 ? 0 : e.at % out.length;
  if (e.kind === 'add' || out.length === 0) out.splice(at, 0, e.entry);
  else if (e.kind === 'change') out[at] = e.entry;
  else if (e.kind === 'remove') out.splice(at, 1);
  else out.splice(e.to % out.length, 0, ...out.splice(at, 1));
  return out;
}

describe('a YAML glossary parsed entry by entry', () => {
  it('equals the whole parse on generated glossaries under random edits', () => {
    fc.assert(
      fc.property(shape, fc.array(entry, { minLength: 1, maxLength: 12 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (s, entries, edits) => {
        const text = (list: Entry[]) => `${s.header}${list.map((e) => render(e, s.indent)).join('\n')}\n`;
        let list = entries;
        const cache: EntryCache = new Map();
        expect(parseGlossaryYamlByEntry(PATH, text(list), 'root', cache)).toEqual(parseGlossaryYamlWhole(PATH, text(list), 'root'));
        for (const e of edits) {
          list = applyEdit(list, e);
          expect(parseGlossaryYamlByEntry(PATH, text(list), 'root', cache)).toEqual(parseGlossaryYamlWhole(PATH, text(list), 'root'));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("equals the whole parse on the repository's glossaries, with each entry edited in turn", () => {
    const files = ['examples/data-platform/glossary.yml', 'examples/data-platform/serving/glossary.yml', 'test/fixtures/hostile/glossary.yml', 'test/fixtures/hostile/docs/bomb.glossary.yml'];
    let split = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const entries = splitEntries(text.replace(/\r\n?/g, '\n'));
      if (entries) split++;
      for (const e of entries ?? [{ text: '', line: 1 }]) {
        const lines = text.split('\n');
        lines[e.line - 1] = `${lines[e.line - 1]} edited`;
        expectSameAsWhole(text, lines.join('\n'));
      }
      expectSameAsWhole(text, text.replace(/definition:/, 'definition: changed,'));
    }
    // The example's glossaries are plain lists (cut into entries); the hostile ones are not.
    expect(split).toBeGreaterThanOrEqual(2);
  });

  it('parses only the edited entry of a large list', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `term number ${i}`);
    const text = `terms:\n${names.map((n) => `  - name: ${n}\n    aliases: [${n.replace(/ /g, '-')}]\n    definition: The meaning of ${n}.`).join('\n')}\n`;
    const cache: EntryCache = new Map();
    parseGlossaryYamlByEntry(PATH, text, 'root', cache);
    const edited = text.replace('definition: The meaning of term number 1000.', 'definition: The meaning of term number 1000.\n    avoid: [feeds]');
    const work = { ...glossaryParseWork };
    const result = parseGlossaryYamlByEntry(PATH, edited, 'root', cache);
    expect(glossaryParseWork.entriesParsed - work.entriesParsed).toBe(1);
    expect(glossaryParseWork.wholeParses - work.wholeParses).toBe(0);
    expect(result).toEqual(parseGlossaryYamlWhole(PATH, edited, 'root'));
    expect(result.terms.find((t) => t.term === 'term number 1000')?.avoid).toEqual(['feeds']);
    // A line added above moves every later term's line without parsing it again.
    const shifted = edited.replace('terms:\n', 'terms:\n  # a new first line\n');
    const before = glossaryParseWork.entriesParsed;
    expect(parseGlossaryYamlByEntry(PATH, shifted, 'root', cache)).toEqual(parseGlossaryYamlWhole(PATH, shifted, 'root'));
    expect(glossaryParseWork.entriesParsed - before).toBe(0);
  });

  it('reads a file again after the start with one whole parse, not one parse per entry, and shares it out to the entries', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `term number ${i}`);
    const text = `terms:\n${names.map((n) => `  - name: ${n}\n    definition: The meaning of ${n}.`).join('\n')}\n  - name: term number 7\n    definition: The meaning of term number 7.\n`;
    const cache: EntryCache = new Map();
    const edited = text.replace('The meaning of term number 5.', 'The meaning of term number 5, edited.');
    const work = { ...glossaryParseWork };
    expect(parseGlossaryYamlByEntry(PATH, edited, 'root', cache)).toEqual(parseGlossaryYamlWhole(PATH, edited, 'root'));
    expect(glossaryParseWork.wholeParses - work.wholeParses).toBe(1);
    expect(glossaryParseWork.entriesParsed - work.entriesParsed).toBe(0);
    // The shares are each entry's own: the next edit parses the edited entry alone, and a repeated entry follows its first.
    const again = edited.replace('The meaning of term number 1500.', 'The meaning of term number 1500, edited.');
    const next = { ...glossaryParseWork };
    expect(parseGlossaryYamlByEntry(PATH, again, 'root', cache)).toEqual(parseGlossaryYamlWhole(PATH, again, 'root'));
    expect(glossaryParseWork.entriesParsed - next.entriesParsed).toBe(1);
    expect(glossaryParseWork.wholeParses - next.wholeParses).toBe(0);
  });

  it('shares the first read out to the entries, so the first edit parses the edited entry alone, plain or not', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `term number ${i}`);
    const plain = `terms:\n${names.map((n) => `  - name: ${n}\n    definition: The meaning of ${n}.`).join('\n')}\n`;
    // Quoted values and a comment after a value: not read plainly, parsed whole at the first read.
    const quoted = plain.replace('definition: The meaning of term number 3.', 'definition: "The meaning of term number 3." # quoted');
    for (const text of [plain, quoted]) {
      const caches: GlossaryCaches = new Map();
      expect(parseGlossaryYaml(PATH, text, 'root', caches)).toEqual(parseGlossaryYamlWhole(PATH, text, 'root'));
      const edited = text.replace('The meaning of term number 500.', 'The meaning of term number 500, edited.');
      const work = { ...glossaryParseWork };
      expect(parseGlossaryYaml(PATH, edited, 'root', caches)).toEqual(parseGlossaryYamlWhole(PATH, edited, 'root'));
      expect(glossaryParseWork.wholeParses - work.wholeParses).toBe(0);
      expect(glossaryParseWork.entriesParsed - work.entriesParsed).toBe(1);
    }
  });

  it('falls back to the whole parse where the cut is not safe', () => {
    const unsafe = [
      'terms:\n  - &a\n    name: one\n  - *a\n',
      'terms:\n  - name: one\n    definition: !!str tagged\n',
      '%YAML 1.2\n---\nterms:\n  - name: one\n',
      'terms:\n  - name: one\n---\nterms:\n  - name: two\n',
      'terms: [{ name: one }, { name: two }]\n',
      'contexts:\n  - name: c\n    terms:\n      - name: one\n',
      'one: the first\ntwo: the second\n',
      'terms:\n  - name: one\nother: 1\n',
      'terms:\n\t- name: one\n',
    ];
    for (const text of unsafe) {
      expect(splitEntries(text)).toBeUndefined();
      expectSameAsWhole(text, text.replace('one', 'uno'));
    }
    // A quoted scalar across what looks like an entry's start: the cut is made, the first part does not parse
    // alone, and the whole file is parsed instead.
    const quoted = 'terms:\n  - name: "one\n  - name: two"\n';
    expect(splitEntries(quoted)).toHaveLength(2);
    const whole = glossaryParseWork.wholeParses;
    expectSameAsWhole(quoted, quoted.replace('one', 'uno'));
    expect(glossaryParseWork.wholeParses - whole).toBe(2);
  });
});
