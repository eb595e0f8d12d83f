// The architecture tour as a document for a wiki or a first-day email: markdown or a standalone HTML page. Built
// from the core's Tour; every piece of document text is escaped for the format.
import type { Tour } from '../core/tour/build';
import { escapeHtml, escapeMarkdown, relativeUrl } from './links';

/**
 * Where a tour's link to a file goes: a URL, or undefined for no link (a document of a decision log kept elsewhere
 * with no page to point at). By default, the path relative to the folder the tour is written for.
 */
export type TourHref = (path: string, line: number) => string | undefined;

const relative: TourHref = (path, line) => relativeUrl(path, '', line);

export function tourMarkdown(tour: Tour, href: TourHref = relative): string {
  const out = [`# ${escapeMarkdown(tour.title)}`, ''];
  const link = (text: string, path: string, line: number) => {
    const url = href(path, line);
    return url === undefined ? escapeMarkdown(text) : `[${escapeMarkdown(text)}](${url})`;
  };
  tour.steps.forEach((step, i) => {
    out.push(`## ${i + 1}. ${escapeMarkdown(step.title)}`, '', escapeMarkdown(step.text), '');
    out.push(`Open: ${link(`${step.path}${step.line > 1 ? `:${step.line}` : ''}`, step.path, step.line)}`, '');
    for (const item of step.items) {
      out.push(`- ${link(item.label, item.path, item.line)}${item.detail ? ` — ${escapeMarkdown(item.detail)}` : ''}`);
    }
    if (step.items.length) out.push('');
  });
  return `${out.join('\n').trimEnd()}\n`;
}

export function tourHtml(tour: Tour, href: TourHref = relative): string {
  const link = (html: string, path: string, line: number) => {
    const url = href(path, line);
    return url === undefined ? html : `<a href="${escapeHtml(url)}">${html}</a>`;
  };
  const out = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    `<title>${escapeHtml(tour.title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.5;padding:0 1rem}li{margin:.2rem 0}.detail{color:#555}</style>',
    '</head>',
    '<body>',
    `<h1>${escapeHtml(tour.title)}</h1>`,
  ];
  tour.steps.forEach((step, i) => {
    out.push(`<section id="${escapeHtml(step.id)}">`, `<h2>${i + 1}. ${escapeHtml(step.title)}</h2>`, `<p>${escapeHtml(step.text)}</p>`);
    out.push(`<p>Open: ${link(`${escapeHtml(step.path)}${step.line > 1 ? `:${step.line}` : ''}`, step.path, step.line)}</p>`);
    if (step.items.length) {
      out.push('<ul>');
      for (const item of step.items) {
        const detail = item.detail ? ` <span class="detail">— ${escapeHtml(item.detail)}</span>` : '';
        out.push(`<li>${link(escapeHtml(item.label), item.path, item.line)}${detail}</li>`);
      }
      out.push('</ul>');
    }
    out.push('</section>');
  });
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}
