// Real parsers (JSON, TOML, XML, YAML) give the names in a manifest but not where they are written. A name is
// found again in the text after an anchor (its section), as a whole token, so a diagnostic lands on the name.
import { parse as parseToml } from 'smol-toml';
import type { TextRange } from '../model';
import { LineIndex } from '../text';

const NAME_CHAR = /[A-Za-z0-9_.\-@/]/;

export class ManifestText {
  readonly lines: LineIndex;
  /** Where the last name was found after each anchor, so a name written twice is found twice. */
  private readonly cursors = new Map<string, number>();

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }

  rangeOf(start: number, length: number): TextRange {
    return { start: this.lines.positionAt(start), end: this.lines.positionAt(start + length) };
  }

  /** The offset where an anchor (a section header or key) is first written, or 0. */
  anchor(...candidates: string[]): number {
    for (const c of candidates) {
      const i = this.text.indexOf(c);
      if (i >= 0) return i;
    }
    return 0;
  }

  /**
   * The range of `name` as a whole token after `from` (the next one each time the same name and anchor are asked);
   * when it is not written literally there (a normalised name, say) the line of the anchor.
   */
  find(name: string, from = 0): TextRange {
    const cursorKey = `${from}\u0000${name}`;
    let i = Math.max(from, this.cursors.get(cursorKey) ?? from);
    for (;;) {
      i = this.text.indexOf(name, i);
      if (i < 0) break;
      const before = i > 0 ? this.text[i - 1] : ' ';
      const after = this.text[i + name.length] ?? ' ';
      if (!NAME_CHAR.test(before) && (!NAME_CHAR.test(after) || after === '@')) {
        this.cursors.set(cursorKey, i + name.length);
        return this.rangeOf(i, name.length);
      }
      i += name.length;
    }
    const pos = this.lines.positionAt(from);
    return { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: this.lines.lineText(pos.line).length } };
  }
}

/** A TOML manifest's top-level table, or undefined when it does not parse (a broken manifest declares nothing). */
export function parseTomlTable(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
