// The report formats on crafted findings: the escaping GitHub's runner requires, and fingerprints that stay put when
// lines move but tell two equal findings in one file apart.
import { describe, expect, it } from 'vitest';
import { formatGithub, formatGitlab, formatSarif, formatText, type Finding } from '../../server/src/cli/formats';

const finding = (over: Partial<Finding> = {}): Finding => ({
  path: 'docs/adr/0001-x.md',
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 12,
  severity: 'warning',
  code: 'unknown-decision',
  message: 'Unknown decision ADR-0042',
  ...over,
});

describe('formatGithub', () => {
  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    const out = formatGithub([
      finding({ path: 'odd,dir/a:b%c.md', message: '100% of it: changed, twice\r\nsecond line\n', severity: 'error', code: 'x:y,z' }),
    ]);
    expect(out).toBe(
      '::error file=odd%2Cdir/a%3Ab%25c.md,line=3,col=5,endLine=3,endColumn=12,title=archlens x%3Ay%2Cz::100%25 of it: changed, twice%0D%0Asecond line%0A\n',
    );
    // Exactly one command: nothing the message holds can start a second one.
    expect(out.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('escapes % before the others, so an escape already in the text is not decoded by the runner', () => {
    expect(formatGithub([finding({ message: 'literal %0A stays' })])).toContain('::literal %250A stays\n');
  });

  it('maps information and hint to notice', () => {
    const out = formatGithub([finding({ severity: 'information' }), finding({ severity: 'hint' }), finding({ severity: 'warning' })]);
    expect(out.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::notice', '::notice', '::warning']);
  });
});

describe('fingerprints', () => {
  const prints = (fs: Finding[]) => (JSON.parse(formatGitlab(fs)) as { fingerprint: string }[]).map((i) => i.fingerprint);

  it('do not change when a finding moves to another line', () => {
    expect(prints([finding({ line: 3 })])).toEqual(prints([finding({ line: 40, endLine: 40 })]));
  });

  it('differ for the same message twice in one file, and in SARIF too', () => {
    const twice = [finding({ line: 3 }), finding({ line: 9, endLine: 9 })];
    const [a, b] = prints(twice);
    expect(a).not.toBe(b);
    // The first occurrence keeps the fingerprint it has alone, so adding a second does not re-open the first.
    expect(a).toBe(prints([finding()])[0]);
    const sarif = JSON.parse(formatSarif(twice, '0.0.0'));
    const partial = sarif.runs[0].results.map((r: { partialFingerprints: { archlens: string } }) => r.partialFingerprints.archlens);
    expect(partial).toEqual([a, b]);
  });

  it('differ by code, path and message', () => {
    const base = prints([finding()])[0];
    expect(prints([finding({ code: 'avoided-term' })])[0]).not.toBe(base);
    expect(prints([finding({ path: 'other.md' })])[0]).not.toBe(base);
    expect(prints([finding({ message: 'other' })])[0]).not.toBe(base);
  });
});

describe('formatGitlab and formatText', () => {
  it('gitlab severities: error major, warning minor, the rest info', () => {
    const issues = JSON.parse(formatGitlab([finding({ severity: 'error' }), finding({ severity: 'warning', message: 'b' }), finding({ severity: 'information', message: 'c' }), finding({ severity: 'hint', message: 'd' })]));
    expect(issues.map((i: { severity: string }) => i.severity)).toEqual(['major', 'minor', 'info', 'info']);
    expect(issues[0].location).toEqual({ path: 'docs/adr/0001-x.md', lines: { begin: 3, end: 3 } });
  });

  it('an empty report is an empty array, and text says there is nothing', () => {
    expect(JSON.parse(formatGitlab([]))).toEqual([]);
    expect(formatText([], ['a note'])).toBe('note: a note\n0 findings (0 errors, 0 warnings, 0 info, 0 hints)\n');
  });

  it('text indents the --explain lines under their finding', () => {
    const out = formatText([finding({ explain: 'changes since abc1234 (2025-01-01):\n a.py | 2 +-\n 1 file changed\n' })], []);
    expect(out.split('\n').slice(0, 4)).toEqual([
      'docs/adr/0001-x.md:3:5: warning [unknown-decision] Unknown decision ADR-0042',
      '    changes since abc1234 (2025-01-01):',
      '     a.py | 2 +-',
      '     1 file changed',
    ]);
  });
});
