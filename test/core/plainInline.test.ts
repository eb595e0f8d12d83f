// plainInline reads markdown without inline markup as its own text, without the parser: the same text the parser
// gives, on the corpora's prose (every paragraph, list item, heading and line of it) and on generated strings made
// of every ASCII punctuation character, line breaks and Unicode spaces.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlineText, parseInline, parseMarkdownDocument, plainInline } from '../../server/src/core/markdown';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');

const parsed = (raw: string) => inlineText(parseInline(raw));

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) markdownFiles(abs, out);
    else if (name.endsWith('.md')) out.push(abs);
  }
  return out;
}

describe('plainInline', () => {
  it('the corpora: every block, heading and line reads as the parser reads it', () => {
    let compared = 0;
    let withoutMarkup = 0;
    for (const file of markdownFiles(CORPORA)) {
      const { outline } = parseMarkdownDocument(readFileSync(file, 'utf8'));
      const raws = [...outline.blocks.filter((b) => b.type !== 'code' && b.type !== 'html').map((b) => b.text), ...outline.headings.map((h) => h.raw)];
      for (const raw of raws) {
        for (const s of [raw, ...raw.split(/\r\n|\r|\n/)]) {
          expect(plainInline(s), `${file}: ${JSON.stringify(s)}`).toBe(parsed(s));
          compared++;
          if (!/[*_~`[\]!&\\<]/.test(s)) withoutMarkup++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    // Prose without markup is the common case the shortcut is for.
    expect(withoutMarkup / compared).toBeGreaterThan(0.3);
  });

  it('property: generated strings of punctuation, spaces and line breaks read as the parser reads them', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const chars = fc.constantFrom(...ascii, 'a', 'b', 'Z', '1', ' ', ' ', '\n', '\r', '\r\n', '\t', '\u00a0', '\u2003', '\u3000', 'é', '\u0000', '\f', '\v', '😀');
    // Whole constructs, which single characters rarely make by chance.
    const constructs = fc.constantFrom('&amp;', '&#65;', '&copy;', '&x;', '**b**', '_i_', '~~s~~', '`c`', '[l](u)', '![i](u)', '[r][r]', '<http://x.y>', '<b>', '\\*', 'a  \n', ' \n ');
    const piece = fc.oneof({ weight: 5, arbitrary: chars }, { weight: 1, arbitrary: constructs });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const raw = parts.join('');
        expect(plainInline(raw)).toBe(parsed(raw));
      }),
      { numRuns: 20_000 },
    );
  });
});
