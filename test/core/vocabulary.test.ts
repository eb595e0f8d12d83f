// One vocabulary per concept: the lifecycle of a decision (core/lifecycle.ts) and paths and globs (core/paths.ts).
// The lint part fails when a second copy of their facts (a retired-status set, `ADR-` + padding, a markdown
// extension set, a glob-character test, a table of relation keywords) appears anywhere else in the sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decisionLabel,
  decisionMessageLabel,
  formatDecisionId,
  isOutdated,
  isRetired,
  isSuperseded,
  relationKindOf,
  successorOf,
} from '../../server/src/core/lifecycle';
import type { Decision } from '../../server/src/core/model';
import { globBase, isGlob, isMarkdownPath, normalizePattern, stripMarkdownExtension } from '../../server/src/core/paths';
import { compileCodePatterns } from '../../server/src/core/globs';
import { makeDecision } from '../helpers/decisions';

const repo = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** Each old duplicate, the module that owns the fact now, and a line of the old code it must catch. */
const DUPLICATES: { what: string; pattern: RegExp; owner: string; example: string }[] = [
  {
    what: 'a set of retired statuses',
    pattern: /\[\s*['"]superseded['"]\s*,\s*['"]deprecated['"]\s*,\s*['"]rejected['"]\s*\]/,
    owner: 'server/src/core/lifecycle.ts',
    example: "const RETIRED = new Set(['superseded', 'deprecated', 'rejected']);",
  },
  {
    what: 'a superseded-or-deprecated test',
    pattern: /status\s*===\s*'superseded'\s*\|\|\s*\w+\.status\s*===\s*'deprecated'/,
    owner: 'server/src/core/lifecycle.ts',
    example: "return d.status === 'superseded' || d.status === 'deprecated' || d.supersededBy.length > 0;",
  },
  {
    what: 'ADR- id formatting',
    pattern: /`ADR-\$\{(?:String|pad)|padStart\(4, '0'\)}`/,
    owner: 'server/src/core/lifecycle.ts',
    example: "return `ADR-${String(d.number).padStart(4, '0')}`;",
  },
  {
    what: 'a markdown extension set',
    pattern: /md\|markdown|['"]\.markdown['"]/,
    owner: 'server/src/core/paths.ts',
    example: "if (!/\\.(md|markdown)$/i.test(path)) return;",
  },
  {
    what: 'a glob-character test',
    pattern: /GLOB_CHARS|\/\[\*\?\[/,
    owner: 'server/src/core/paths.ts',
    example: 'const GLOB_CHARS = /[*?[\\]{}()!]/;',
  },
  {
    what: 'a table of relation keywords',
    pattern: /supercededby|amended\[-_\]\?by|amended\\s\+by|superseded\[-_\]\?by/i,
    owner: 'server/src/core/lifecycle.ts',
    example: 'const RELATION_KEY = /^(supersedes|superseded[-_]?by|amends|amended[-_]?by|replaces)[ \\t]*:(.*)$/i;',
  },
];

describe('one vocabulary', () => {
  it('keeps each fact of the vocabulary in its own module', () => {
    const files = [...sources(path.join(repo, 'server/src')), ...sources(path.join(repo, 'client/src'))];
    const offending: string[] = [];
    for (const file of files) {
      const rel = path.relative(repo, file).split(path.sep).join('/');
      const lines = readFileSync(file, 'utf8').split('\n');
      for (const d of DUPLICATES) {
        if (rel === d.owner) continue;
        lines.forEach((line, i) => {
          if (!line.trimStart().startsWith('//') && !line.trimStart().startsWith('*') && d.pattern.test(line)) {
            offending.push(`${rel}:${i + 1}: ${d.what} (belongs in ${d.owner})`);
          }
        });
      }
    }
    expect(offending).toEqual([]);
  });

  it('recognises each old duplicate (the lint itself works)', () => {
    for (const d of DUPLICATES) expect(d.pattern.test(d.example), d.what).toBe(true);
  });
});

const decision = (id: string, over: Partial<Decision> = {}): Decision => makeDecision({ id, title: id, path: `${id}.md`, format: 'nygard', ...over });

/**
 * Module-level state that holds derived data: a WeakMap or Map filled from inside functions, or a global counter.
 * Derived data is a lazily computed field of what it is derived from (`snapshot.derived`, a getter of the glossary
 * or of the folder's findings), so it lives and dies with it and two sessions in one process never share it.
 */
function moduleCaches(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:export\s+)?(?:const|let)\s+(\w+)(?::[^=]+)?\s*=\s*new\s+(WeakMap|Map|WeakSet|Set)\b/gm)) {
    const name = m[1];
    // Filled at load time only (a lookup table) is a constant; written from inside a function it is a cache.
    if (m[2].startsWith('Weak') || writtenInFunction(text, name)) found.push(name);
  }
  for (const m of text.matchAll(/^let\s+(\w+)\s*=\s*\d+\s*;/gm)) found.push(m[1]);
  return found;
}

/** Is `name` written (set, add, delete, clear) inside a function, rather than by a top-level loop at load time? */
function writtenInFunction(text: string, name: string): boolean {
  const lines = text.split('\n');
  const write = new RegExp(`\\b${name}\\.(?:set|add|delete|clear)\\(`);
  return lines.some((line, i) => {
    if (!write.test(line) || !/^\s/.test(line)) return false;
    // The top-level statement the write belongs to: the nearest line above that starts at column 0.
    let j = i;
    while (j > 0 && (/^\s/.test(lines[j]) || lines[j] === '' || lines[j].startsWith('}'))) j--;
    return !/^(for|if|while|\{)\b/.test(lines[j]);
  });
}

describe('no module-level caches', () => {
  it('keeps derived data on the object it is derived from, not in module state', () => {
    const files = [...sources(path.join(repo, 'server/src')), ...sources(path.join(repo, 'client/src'))];
    const offending = files.flatMap((file) =>
      moduleCaches(readFileSync(file, 'utf8')).map((name) => `${path.relative(repo, file).split(path.sep).join('/')}: ${name}`),
    );
    expect(offending).toEqual([]);
  });

  it('recognises the old caches (the lint itself works)', () => {
    expect(moduleCaches('const indexes = new WeakMap<IndexSnapshot, WhyIndex>();\n')).toEqual(['indexes']);
    expect(moduleCaches('const caches = new Map<string, X>();\nfunction f() {\n  caches.set(k, v);\n}\n')).toEqual(['caches']);
    expect(moduleCaches('let nextDocumentId = 1;\n')).toEqual(['nextDocumentId']);
    // A lookup table filled once at load time is not a cache.
    expect(moduleCaches('const LOOKUP = new Map<string, number>();\nfor (const w of words) LOOKUP.set(w, 1);\n')).toEqual([]);
  });
});

describe('decision lifecycle', () => {
  it('tells retired, superseded and outdated decisions apart', () => {
    const rejected = decision('a', { status: 'rejected' });
    const replaced = decision('b', { status: 'accepted', supersededBy: ['c'] });
    const deprecated = decision('d', { status: 'deprecated' });
    expect([isRetired(rejected), isSuperseded(rejected), isOutdated(rejected)]).toEqual([true, false, true]);
    expect([isRetired(replaced), isSuperseded(replaced), isOutdated(replaced)]).toEqual([false, true, true]);
    expect([isRetired(deprecated), isSuperseded(deprecated), isOutdated(deprecated)]).toEqual([true, true, true]);
    expect(isOutdated(decision('e', { status: 'accepted' }))).toBe(false);
  });

  it('follows a supersede chain to its end and stops at a cycle', () => {
    const all = new Map([
      ['1', decision('1', { supersededBy: ['2'] })],
      ['2', decision('2', { supersededBy: ['3'] })],
      ['3', decision('3', { supersededBy: ['1'] })],
      ['4', decision('4', { supersededBy: ['5'] })],
      ['5', decision('5')],
    ]);
    expect(successorOf(all.get('4')!, (id) => all.get(id))?.id).toBe('5');
    expect(successorOf(all.get('1')!, (id) => all.get(id))?.id).toBe('3');
    expect(successorOf(all.get('5')!, (id) => all.get(id))).toBeUndefined();
  });

  it('writes ids and labels one way', () => {
    expect(formatDecisionId(7)).toBe('ADR-0007');
    expect(formatDecisionId(12345)).toBe('ADR-12345');
    expect(decisionLabel({ number: 7, title: 'Use Kafka' })).toBe('ADR-0007 Use Kafka');
    expect(decisionMessageLabel({ number: 7, title: 'Use Kafka' })).toBe('ADR-0007 (Use Kafka)');
    expect(decisionMessageLabel({ number: undefined, title: 'Use Kafka' })).toBe("'Use Kafka'");
  });

  it('reads relation words however they are written', () => {
    expect(relationKindOf('Superceded by')).toBe('supersededBy');
    expect(relationKindOf('superseded_by')).toBe('supersededBy');
    expect(relationKindOf('Replaces')).toBe('supersedes');
    expect(relationKindOf('amended-by')).toBe('amendedBy');
    expect(relationKindOf('status')).toBeUndefined();
    expect(relationKindOf('constructor')).toBeUndefined();
  });
});

describe('paths and globs', () => {
  it('knows markdown by its extension', () => {
    expect(['a.md', 'B.MARKDOWN', 'c.mdx'].map(isMarkdownPath)).toEqual([true, true, true]);
    expect(['a.txt', 'md', 'a.md.bak'].map(isMarkdownPath)).toEqual([false, false, false]);
    expect(stripMarkdownExtension('docs/adr/0007-x.md')).toBe('docs/adr/0007-x');
  });

  it("decides what is a glob with picomatch's scanner, so a glob and its matcher agree", () => {
    expect(['src/**', '*.ts', 'a/{b,c}', 'a/[bc]', 'file(1).txt', '!tests'].map(isGlob)).toEqual([true, true, true, true, true, true]);
    expect(['connect/debezium/', 'a/b.md', 'a+b.txt', ''].map(isGlob)).toEqual([false, false, false, false]);
    expect(globBase('src/api/**/*.ts')).toBe('src/api/');
    expect(globBase('*.ts')).toBe('');
    expect(normalizePattern(' ./src\\x/ ')).toBe('src/x/');
    // A literal name with a `+` is a path, matched as itself and as a folder.
    const m = compileCodePatterns(['lib/a+b']);
    expect([m('lib/a+b'), m('lib/a+b/c.ts'), m('lib/aab')]).toEqual([true, true, false]);
  });
});
