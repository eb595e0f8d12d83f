// The injection grammars of syntaxes/ tokenised by the real TextMate engine VS Code uses (vscode-textmate with
// the Oniguruma WASM build), on top of small base grammars shaped like the real ones: comments as begin/end
// rules (as in MagicPython and the TypeScript grammar), markdown paragraphs and front matter as regions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const grammarsContributed: { scopeName: string; path: string; injectTo: string[] }[] = manifest.contributes.grammars;

const baseGrammars: Record<string, object> = {
  'source.python': {
    scopeName: 'source.python',
    patterns: [
      { name: 'comment.line.number-sign.python', begin: '(#)', beginCaptures: { 1: { name: 'punctuation.definition.comment.python' } }, end: '$' },
      { name: 'string.quoted.double.python', begin: '"', end: '"' },
      { name: 'keyword.control.python', match: '\\b(def|return|import)\\b' },
    ],
  },
  'source.ts': {
    scopeName: 'source.ts',
    patterns: [
      { name: 'comment.line.double-slash.ts', begin: '//', end: '$' },
      { name: 'comment.block.documentation.ts', begin: '/\\*\\*', end: '\\*/' },
      { name: 'string.quoted.single.ts', begin: "'", end: "'" },
    ],
  },
  'source.yaml': {
    scopeName: 'source.yaml',
    patterns: [
      { match: '^([\\w-]+)(:)', captures: { 1: { name: 'entity.name.tag.yaml' }, 2: { name: 'punctuation.separator.key-value.mapping.yaml' } } },
      { name: 'comment.line.number-sign.yaml', begin: '#', end: '$' },
    ],
  },
  'text.html.markdown': {
    scopeName: 'text.html.markdown',
    patterns: [
      { begin: '\\A---$', end: '^---$', contentName: 'meta.embedded.block.frontmatter', patterns: [{ include: 'source.yaml' }] },
      { name: 'markup.heading.markdown', match: '^(#{1,6})[ \\t]+(.*)$', captures: { 1: { name: 'punctuation.definition.heading.markdown' }, 2: { name: 'entity.name.section.markdown' } } },
      { name: 'markup.inline.raw.string.markdown', match: '`[^`]*`' },
      { name: 'comment.block.html', begin: '<!--', end: '-->' },
    ],
  },
};

let registry: Registry;
beforeAll(async () => {
  const wasm = readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const contributed = grammarsContributed.find((g) => g.scopeName === scopeName);
      if (contributed) {
        const file = path.join(root, contributed.path);
        return parseRawGrammar(readFileSync(file, 'utf8'), file);
      }
      const base = baseGrammars[scopeName];
      return base ? parseRawGrammar(JSON.stringify(base), `${scopeName}.json`) : null;
    },
    // As VS Code does with `injectTo`: the contributed injections of a base grammar.
    getInjections: (scopeName) => grammarsContributed.filter((g) => g.injectTo.includes(scopeName)).map((g) => g.scopeName),
  });
});

interface Token {
  text: string;
  scopes: string[];
}

async function tokenize(scopeName: string, text: string): Promise<Token[][]> {
  const grammar = (await registry.loadGrammar(scopeName)) as IGrammar;
  expect(grammar).toBeTruthy();
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the token whose text is exactly `text` on a line (fails when there is none). */
function scopesOf(lines: Token[][], lineIndex: number, text: string): string[] {
  const token = lines[lineIndex].find((t) => t.text === text);
  if (!token) throw new Error(`no token '${text}' on line ${lineIndex}: ${JSON.stringify(lines[lineIndex].map((t) => t.text))}`);
  return token.scopes;
}

describe('decision references in comments', () => {
  it('marks ADR-0007 in a Python comment, and not in a string or in code', async () => {
    const lines = await tokenize('source.python', ['# see ADR-0007 for why', 'x = "ADR-0007"', 'import ADR-0007'].join('\n'));
    expect(scopesOf(lines, 0, 'ADR-0007')).toEqual(['source.python', 'comment.line.number-sign.python', 'markup.underline.link.adr']);
    expect(lines[1].some((t) => t.scopes.includes('markup.underline.link.adr'))).toBe(false);
    expect(lines[2].some((t) => t.scopes.includes('markup.underline.link.adr'))).toBe(false);
  });

  it('marks `ADR 7`, `adr-007` and the number of an @adr tag in TypeScript comments', async () => {
    const lines = await tokenize('source.ts', ['// ADR 7 and adr-007', '/** @adr 12 */', "const s = 'ADR 7';"].join('\n'));
    expect(scopesOf(lines, 0, 'ADR 7')).toEqual(['source.ts', 'comment.line.double-slash.ts', 'markup.underline.link.adr']);
    expect(scopesOf(lines, 0, 'adr-007')).toEqual(['source.ts', 'comment.line.double-slash.ts', 'markup.underline.link.adr']);
    expect(scopesOf(lines, 1, '@adr')).toEqual(['source.ts', 'comment.block.documentation.ts', 'storage.type.class.adr']);
    expect(scopesOf(lines, 1, '12')).toEqual(['source.ts', 'comment.block.documentation.ts', 'markup.underline.link.adr']);
    expect(lines[2].some((t) => t.scopes.includes('markup.underline.link.adr'))).toBe(false);
  });

  it('leaves look-alikes alone, as the server does: ADRs, ADR_12, CADR-7, versions, dates and hex', async () => {
    const text = '# ADRs ADR_12 CADR-7 padre-7 ADR 2.0 ADR 2021-03-04 ADR 0x1F ADR7 @adr: address';
    const [line] = await tokenize('source.python', text);
    expect(line.filter((t) => t.scopes.some((s) => s.endsWith('.adr'))).map((t) => t.text)).toEqual([]);
  });

  it('marks references in YAML comments through the injected comment scope', async () => {
    const [line] = await tokenize('source.yaml', ['retries: 3 # ADR-0008'].join('\n'));
    expect(scopesOf([line], 0, 'ADR-0008')).toEqual(['source.yaml', 'comment.line.number-sign.yaml', 'markup.underline.link.adr']);
  });
});

describe('decision references in markdown', () => {
  it('marks references in prose and in an HTML comment', async () => {
    const lines = await tokenize('text.html.markdown', ['The batch ([ADR-0003](0003-x.md)) ends with ADR 7.', '<!-- ADR-0012 -->'].join('\n'));
    expect(scopesOf(lines, 0, 'ADR-0003')).toEqual(['text.html.markdown', 'markup.underline.link.adr']);
    expect(scopesOf(lines, 0, 'ADR 7')).toEqual(['text.html.markdown', 'markup.underline.link.adr']);
    expect(scopesOf(lines, 1, 'ADR-0012')).toEqual(['text.html.markdown', 'comment.block.html', 'markup.underline.link.adr']);
  });
});

describe('decision statuses in decision files', () => {
  it('marks the status in front matter and keeps the YAML key', async () => {
    const lines = await tokenize('text.html.markdown', ['---', 'status: Superseded by ADR-0007', 'date: 2024-05-14', '---', '', '# Title'].join('\n'));
    expect(scopesOf(lines, 1, 'Superseded')).toEqual(['text.html.markdown', 'meta.embedded.block.frontmatter', 'keyword.other.status.superseded.adr']);
    expect(scopesOf(lines, 1, 'ADR-0007')).toEqual(['text.html.markdown', 'meta.embedded.block.frontmatter', 'markup.underline.link.adr']);
    expect(lines[2].some((t) => t.scopes.some((s) => s.startsWith('keyword.other.status')))).toBe(false);
  });

  it('marks `Status: Accepted`, `* Status: proposed`, `**Status**: Deprecated` and a metadata table row', async () => {
    const lines = await tokenize('text.html.markdown', ['Status: Accepted', '* Status: proposed', '**Status**: Deprecated', '| Status | Rejected |', 'Status: unknown'].join('\n'));
    expect(scopesOf(lines, 0, 'Accepted')).toEqual(['text.html.markdown', 'keyword.other.status.accepted.adr']);
    expect(scopesOf(lines, 1, 'proposed')).toEqual(['text.html.markdown', 'keyword.other.status.proposed.adr']);
    expect(scopesOf(lines, 2, 'Deprecated')).toEqual(['text.html.markdown', 'keyword.other.status.deprecated.adr']);
    expect(scopesOf(lines, 3, 'Rejected')).toEqual(['text.html.markdown', 'keyword.other.status.rejected.adr']);
    expect(lines[4].some((t) => t.scopes.some((s) => s.startsWith('keyword.other.status')))).toBe(false);
  });

  it('marks the first word under a `## Status` heading (adr-tools), and only that line', async () => {
    const lines = await tokenize('text.html.markdown', ['# 3. Nightly batch', '', '## Status', '', 'Superseded by [7. Kafka](0007-x.md)', '', 'Accepted later in prose.'].join('\n'));
    expect(scopesOf(lines, 2, '##')).toEqual(['text.html.markdown', 'markup.heading.markdown', 'punctuation.definition.heading.markdown']);
    expect(scopesOf(lines, 4, 'Superseded')).toEqual(['text.html.markdown', 'keyword.other.status.superseded.adr']);
    expect(lines[6].some((t) => t.scopes.some((s) => s.startsWith('keyword.other.status')))).toBe(false);
  });

  it('ends the status region at a line that states no status', async () => {
    const lines = await tokenize('text.html.markdown', ['## Status', 'We have not decided yet.', 'Accepted'].join('\n'));
    expect(lines[1].some((t) => t.scopes.some((s) => s.startsWith('keyword.other.status')))).toBe(false);
    expect(lines[2].some((t) => t.scopes.some((s) => s.startsWith('keyword.other.status')))).toBe(false);
  });

  it('does not inject statuses into code files', async () => {
    const [line] = await tokenize('source.python', '# Status: accepted');
    expect(line.some((t) => t.scopes.some((s) => s.startsWith('keyword.other.status')))).toBe(false);
  });
});
