import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, inlinePlainText, markdownLink, toPlainText, toSafeMarkdown, type LinkPolicy } from '../../server/src/core/safeMarkdown';

// The editor's view of a hover: a CommonMark renderer (and a GFM-ish one with autolinking) that would follow any
// link, show any image and pass any HTML. Its own link filter is off, so nothing is hidden from the check.
const commonmark = new MarkdownIt('commonmark', { html: true });
commonmark.validateLink = () => true;
const gfm = new MarkdownIt('default', { html: true, linkify: true });
gfm.validateLink = () => true;

interface Rendered {
  links: string[];
  images: string[];
  html: string[];
}

function walk(tokens: Token[], out: Rendered): Rendered {
  for (const t of tokens) {
    if (t.type === 'link_open') out.links.push(t.attrGet('href') ?? '');
    if (t.type === 'image') out.images.push(t.attrGet('src') ?? '');
    if (t.type === 'html_inline' || t.type === 'html_block') out.html.push(t.content);
    if (t.children) walk(t.children, out);
  }
  return out;
}
const rendered = (md: MarkdownIt, text: string) => walk(md.parse(text, {}), { links: [], images: [], html: [] });

/** A policy like the hover's: web links and relative paths are kept (the latter under file:///ws/), the rest refused. */
function recordingPolicy(): { policy: LinkPolicy; approved: string[] } {
  const approved: string[] = [];
  const policy: LinkPolicy = (href) => {
    let target: string | undefined;
    if (/^https?:\/\//i.test(href)) target = href;
    else if (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('/') && !href.includes('..')) target = `file:///ws/docs/${href}`;
    if (target) approved.push(target);
    return target;
  };
  return { policy, approved };
}

/** The href a renderer sees for a target Archlens emits. */
const emitted = (target: string) => rendered(commonmark, markdownLink('x', target)).links[0];

const HOSTILE = 'We use `Kafka\n- [docs](command:workbench.action.quit) `';

describe('safe markdown for hovers', () => {
  it('does not let a code span that CommonMark closes at a list item hide a command link', () => {
    const out = toSafeMarkdown(HOSTILE);
    expect(rendered(commonmark, HOSTILE).links).toEqual(['command:workbench.action.quit']);
    expect(rendered(commonmark, out).links).toEqual([]);
    expect(out).toBe('We use \\`Kafka\n\n- docs \\`');
  });

  it('keeps web links and workspace links, turns every other scheme, images and HTML into text', () => {
    const { policy, approved } = recordingPolicy();
    const src = [
      'See [the article](https://example.com/a_(b)) and [the runbook](runbook.md).',
      'Not [this](command:x), [that](vscode://foo), [js](javascript:alert(1)), [data](data:text/html,x), <command:y>.',
      '![pixel](https://tracker.example/p.png) <img src="https://t/x.png"> <a href="command:z">raw</a>',
      '',
      '<div onclick="x">block <b>html</b></div>',
    ].join('\n');
    const out = toSafeMarkdown(src, policy);
    const r = rendered(gfm, out);
    expect(r.images).toEqual([]);
    expect(r.html).toEqual([]);
    expect(r.links).toEqual(approved.map(emitted));
    expect(approved).toEqual(['https://example.com/a_(b)', 'file:///ws/docs/runbook.md']);
    expect(out).toContain('[the article](https://example.com/a_%28b%29)');
    expect(toPlainText(out)).not.toContain('command:x');
    expect(out).toContain('pixel');
    expect(out).toContain('block html');
  });

  it('keeps emphasis, code, lists, quotes, fences and tables readable', () => {
    const out = toSafeMarkdown('# Title\n\nWe **will** use `cdc.<db>`.\n\n1. one\n2. two\n\n> quoted\n\n```sql\nselect ``` from t\n```\n\n| a | b |\n|---|---|\n| c | d |');
    expect(out.split('\n\n')).toEqual([
      '**Title**',
      'We **will** use `cdc.<db>`.',
      '1. one\n2. two',
      '> quoted',
      '````\nselect ``` from t\n````',
      '| a | b |\n| --- | --- |\n| c | d |',
    ]);
  });

  it('does not let a ! in the text turn an emitted link into an image', () => {
    const out = toSafeMarkdown('[a]: https://ok.example\n\nSee ![a](command:x', (h) => h);
    expect(rendered(commonmark, out)).toEqual({ links: ['https://ok.example'], images: [], html: [] });
  });

  it('keeps two code spans side by side apart, so the HTML of the second stays code', () => {
    // Found by the property below: `b` followed by ``[r]`<a …>`` merged into one backtick run.
    const out = toSafeMarkdown('[`b`](command:x?%5B1%5D)````[r]`<a href="command:x">````');
    for (const md of [commonmark, gfm]) expect(rendered(md, out)).toEqual({ links: [], images: [], html: [] });
    expect(out).toContain('<a href="command:x">');
  });

  it('keeps HTML after a web address as text, even where autolinking takes the escaping backslash', () => {
    // Found by the property below: GFM's autolink took `\\` into the address and `<img …>` became HTML.
    const out = toSafeMarkdown('[a](https://example.com/p\\<img src=x onerror=y>');
    for (const md of [commonmark, gfm]) expect(rendered(md, out).html).toEqual([]);
    expect(toPlainText(out)).toContain('<img src=x onerror=y>');
  });

  it('keeps a refused link whose text is code apart from the code span before it', () => {
    // Found by the property below: the link's text `b` followed a code span and merged with its closing fence.
    const out = toSafeMarkdown('\\```[`b`](command:x?%5B1%5D)``[`b`](command:x?%5B1%5D)');
    for (const md of [commonmark, gfm]) expect(rendered(md, out)).toEqual({ links: [], images: [], html: [] });
  });

  it('keeps a code span after a web address apart from it, so autolinking cannot take its opening fence', () => {
    // Found by the property below: GFM's autolink took the backtick into the address and the HTML became live.
    const out = toSafeMarkdown('[a](https://example.com/p``<a href="command:x">``');
    for (const md of [commonmark, gfm]) expect(rendered(md, out).html).toEqual([]);
  });

  it('escapes what would start a block at the beginning of a line', () => {
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('[x](command:foo)')).toBe('\\[x\\](command:foo)');
    expect(rendered(commonmark, escapeMarkdown('- [x](command:foo) <b>')).links).toEqual([]);
  });

  it('never yields a link or image Archlens did not put there, for any markdown', () => {
    const word = fc.constantFrom('We', 'use', 'Kafka', 'docs', 'x', '', ' ', '\\', '&#91;', '&lt;', '*', '_', '|', '!', '~');
    const ticks = fc.integer({ min: 1, max: 4 }).map((n) => '`'.repeat(n));
    const scheme = fc.constantFrom('command:x?%5B1%5D', 'https://example.com/p', 'http://a.b', 'vscode://ext/x', 'javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'runbook.md', '../../etc/passwd', '//evil.example/x', 'COMMAND:y', ' command:z ', '<command:w>');
    const link = fc.tuple(fc.constantFrom('[a](', '[a]( ', '![i](', '[`b`](', '[![i](x)](', '<'), scheme, fc.constantFrom(')', ' "t")', '>', '')).map(([o, s, c]) => o + s + c);
    const html = fc.constantFrom('<a href="command:x">', '</a>', '<img src=x onerror=y>', '<div>', '</div>', '<!-- c -->', '<script>', '<br>');
    const block = fc.constantFrom('\n', '\n\n', '\n- ', '\n> ', '\n1. ', '\n    ', '\n```\n', '\n~~~\n', '\n# ', '\n[r]: command:ref\n', '\n[a]: https://ok.example\n', '\n| a | b |\n|---|---|\n| ');
    const piece = fc.oneof(word, ticks, link, html, block, fc.constantFrom('[r]', '[a]', '[r][]', ' '));
    const markdown = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

    fc.assert(
      fc.property(fc.oneof(markdown, fc.constant(HOSTILE)), (src) => {
        const { policy, approved } = recordingPolicy();
        const out = toSafeMarkdown(src, policy);
        const allowed = new Set(approved.map(emitted));
        for (const md of [commonmark, gfm]) {
          const r = rendered(md, out);
          expect(r.images).toEqual([]);
          expect(r.html).toEqual([]);
          for (const href of r.links) {
            expect(href).not.toMatch(/^\s*command:/i);
            if (md === commonmark) expect(allowed.has(href), `${href} in ${JSON.stringify(out)}`).toBe(true);
            // Autolinking turns web addresses in text into links; it never makes any other scheme.
            else expect(href, JSON.stringify(out)).toMatch(/^(https?:\/\/|file:\/\/\/ws\/|\/\/|mailto:)/);
          }
        }
        const plain = toPlainText(src, { oneLine: true });
        expect(plain).not.toContain('\n');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('plain text for pickers, trees and status', () => {
  it('drops every marker and keeps the words', () => {
    const src = 'We **will** use `cdc.*`, see [this article](https://x.example) ![diagram](d.png).\n\n- one\n- <b>two</b>\n\n> quoted';
    expect(toPlainText(src, { oneLine: true })).toBe('We will use cdc.*, see this article diagram. • one • two quoted');
    expect(toPlainText(src)).toBe('We will use cdc.*, see this article diagram.\n• one\n• two\nquoted');
    expect(inlinePlainText('Use **Kafka** [Connect](https://k.example)')).toBe('Use Kafka Connect');
  });
});
