import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { removeListEntry, rewritePathMentions, type TextChange } from '../../server/src/core/pathFixes';
import { missingCodeFixes } from '../../server/src/features/missingCodeFixes';
import { featureDocument } from '../../server/src/features/context';

function apply(text: string, changes: TextChange[]): string {
  let out = text;
  for (const c of [...changes].sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.newText + out.slice(c.end);
  return out;
}

const DOC = `---
governs:
  - src/ingest/
  - "src/old.py" # the entry point
  - lib/**
---
# Ingest

The reader lives in src/ingest/reader.py and ./src/ingest; src/ingestion and lib/src/ingest are other folders.
`;

describe('path fixes', () => {
  it('rewrites every mention of a renamed folder, files below it included, and nothing else', () => {
    const out = apply(DOC, rewritePathMentions(DOC, 'src/ingest/', 'src/intake/'));
    expect(out).toContain('  - src/intake/\n');
    expect(out).toContain('The reader lives in src/intake/reader.py and ./src/intake; src/ingestion and lib/src/ingest are other folders.');
  });

  it('rewrites a renamed file but not a longer name that starts the same', () => {
    const text = 'see src/old.py, src/old.pyc and src/old.py.\n';
    expect(apply(text, rewritePathMentions(text, 'src/old.py', 'src/new.py'))).toBe('see src/new.py, src/old.pyc and src/new.py.\n');
  });

  it('removes an entry from a governs list, quoted or with a comment, or from an inline list', () => {
    const removed = apply(DOC, [removeListEntry(DOC, 2, 'src/old.py')!]);
    expect(removed).not.toContain('src/old.py"');
    expect(removed).toContain('  - src/ingest/\n  - lib/**\n');
    const inline = '---\ngoverns: [src/a/, "src/b.py", lib/**]\n---\n';
    expect(apply(inline, [removeListEntry(inline, 2, 'src/b.py')!])).toBe('---\ngoverns: [src/a/, lib/**]\n---\n');
    expect(removeListEntry(DOC, 2, 'not/there')).toBeUndefined();
  });

  it('offers the rewrite and the removal as quick fixes of a missing-code-path diagnostic', () => {
    const doc = featureDocument('docs/adr/0001-x.md', 'file:///ws/docs/adr/0001-x.md', 'markdown', 1, DOC);
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } };
    const renamed = missingCodeFixes(doc, { range, message: '', code: 'missing-code-path', source: 'archlens', data: { pattern: 'src/ingest/', renamedTo: 'src/intake/', kind: 'governs' } });
    expect(renamed.map((a) => a.title)).toEqual(["Rewrite 'src/ingest/' to 'src/intake/' (3 mentions)"]);
    const td = TextDocument.create(doc.uri, 'markdown', 1, DOC);
    expect(TextDocument.applyEdits(td, renamed[0].edit!.changes![doc.uri])).toBe(apply(DOC, rewritePathMentions(DOC, 'src/ingest/', 'src/intake/')));
    const gone = missingCodeFixes(doc, { range, message: '', code: 'missing-code-path', source: 'archlens', data: { pattern: 'src/old.py', kind: 'governs' } });
    expect(gone.map((a) => a.title)).toEqual(["Remove 'src/old.py' from governs"]);
    expect(TextDocument.applyEdits(td, gone[0].edit!.changes![doc.uri])).not.toContain('src/old.py');
  });
});
