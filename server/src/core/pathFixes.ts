// The fixes for documentation that names code which moved or went: rewrite every mention of a renamed path (a
// folder's mentions include the files below it), or take a gone path out of a `governs:` list. Pure text edits in
// offsets, so the language server and any other front apply them the same way.

export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

const PATH_CHAR = /[A-Za-z0-9_.\-/@~+]/;

/**
 * Every mention of `from` in `text` as a whole path or as the folder of a longer path, rewritten to `to`. A trailing
 * slash on either is ignored, so `src/ingest/` and `src/ingest` find the same mentions. `src/ingestion` is not a
 * mention of `src/ingest`.
 */
export function rewritePathMentions(text: string, from: string, to: string): TextChange[] {
  const old = from.replace(/\/+$/, '');
  const now = to.replace(/\/+$/, '');
  if (!old || old === now) return [];
  const out: TextChange[] = [];
  for (let i = text.indexOf(old); i >= 0; i = text.indexOf(old, i + old.length)) {
    const before = i > 0 ? text[i - 1] : '';
    const after = text[i + old.length] ?? '';
    // `./src/x` and `(src/x)` are mentions; `lib/src/x` and `src/xy` are other paths.
    if (before && PATH_CHAR.test(before) && !(before === '/' && text[i - 2] === '.')) continue;
    if (after && after !== '/' && PATH_CHAR.test(after) && !(after === '.' && !PATH_CHAR.test(text[i + old.length + 1] ?? ' '))) continue;
    out.push({ start: i, end: i + old.length, newText: now });
  }
  return out;
}

/**
 * Takes `pattern` out of the YAML list that starts at 1-based `line` (`governs:` followed by `- item` lines, or an
 * inline `[a, b]` list on that line). Undefined when the entry is not found there as written.
 */
export function removeListEntry(text: string, line: number, pattern: string): TextChange | undefined {
  const lines = text.split('\n');
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += l.length + 1;
  }
  const first = line - 1;
  if (first < 0 || first >= lines.length) return undefined;
  const entry = (raw: string) => raw.trim().replace(/^(['"])(.*)\1$/, '$2');
  // An inline list on the key's line.
  const key = lines[first];
  const inline = /^(\s*[\w.-]+\s*:\s*)\[(.*)\]\s*$/.exec(key);
  if (inline) {
    const items = inline[2].split(',');
    const kept = items.filter((x) => entry(x) !== pattern);
    if (kept.length === items.length) return undefined;
    const newLine = `${inline[1]}[${kept.map((x) => x.trim()).join(', ')}]`;
    return { start: offsets[first], end: offsets[first] + key.length, newText: newLine };
  }
  for (let i = first + 1; i < lines.length && i < first + 500; i++) {
    const l = lines[i].replace(/\r$/, '');
    const item = /^\s*-\s+(.*?)\s*(#.*)?$/.exec(l);
    if (!item) {
      if (l.trim() === '' || l.trim().startsWith('#')) continue;
      break;
    }
    if (entry(item[1]) === pattern) return { start: offsets[i], end: offsets[i] + lines[i].length + 1, newText: '' };
  }
  return undefined;
}
