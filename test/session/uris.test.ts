// Paths to URIs: the per-folder shortcut (uriMaker) spells every path exactly as pathToUri does, plain segments
// appended as they are and anything else (spaces, `%`, `#`, non-ASCII, `.` and `..`) through the full conversion.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathToUri, uriMaker } from '../../server/src/session/uris';

const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_.-]{1,8}$/),
  fc.constantFrom('.', '..', 'a b', '100%', 'c#', 'ü', 'x?y', '日本', '.hidden', 'a..b', '[id]', '@scope', "it's"),
);

describe('uriMaker', () => {
  for (const folder of ['file:///work/repo', 'file:///work/my%20repo', 'file:///tmp/a%23b/', 'file:///']) {
    it(`gives pathToUri's URI for every path below ${folder}`, () => {
      const uriOf = uriMaker(folder);
      fc.assert(
        fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
          const rel = segments.join('/');
          expect(uriOf(rel)).toBe(pathToUri(folder, rel));
        }),
        { numRuns: 300 },
      );
    });
  }
});
