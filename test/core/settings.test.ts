import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, normaliseSettings, parseConfigFile, severityOf } from '../../server/src/core/settings';

describe('.archlens.yml', () => {
  it('reads nested and dotted keys into typed settings', () => {
    const { config, problems } = parseConfigFile(
      '.archlens.yml',
      ['decisions:', '  - "architecture/records/*.md"', 'staleness:', '  minDays: 3', '  ignore: ["**/gen/**"]', 'severity:', '  one-sided-relation: off', 'inlayHints.decisions: false', 'inlayHints.maxLength: 30', ''].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(config).toEqual({
      decisions: ['architecture/records/*.md'],
      staleness: { minDays: 3, ignore: ['**/gen/**'] },
      severity: { 'one-sided-relation': 'off' },
      inlayHints: { decisions: false, maxLength: 30 },
    });
  });

  it('reports broken YAML with its line, and keeps going', () => {
    const { config, problems } = parseConfigFile('.archlens.yml', 'decisions:\n  - a\nstaleness: [\n');
    expect(config).toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'bad-config', path: '.archlens.yml', severity: 'error' });
    expect(problems[0].line).toBeGreaterThanOrEqual(3);
  });

  it('reports unknown keys, unknown codes and wrong types at their line', () => {
    const { config, problems } = parseConfigFile('.archlens.yml', 'decisions: 5\nbogus: 1\nseverity:\n  no-such-code: off\nstaleness:\n  minDays: -1\n');
    expect(config).toEqual({});
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, '.archlens.yml: decisions: expected a list of globs'],
      [2, '.archlens.yml: bogus: unknown setting'],
      [4, ".archlens.yml: severity.no-such-code: unknown code 'no-such-code'"],
      [6, '.archlens.yml: staleness.minDays: expected a number of 0 or more'],
    ]);
  });
});

describe('mergeSettings', () => {
  it('layers defaults, then the file, then editor values that differ from the defaults', () => {
    const file = normaliseSettings({ staleness: { minDays: 7, minCommits: 3 }, exclude: ['vendor/**'] });
    // An editor that sends every setting, mostly at their defaults, must not hide the file's values.
    const editor = normaliseSettings({ staleness: { minDays: 0, minCommits: 5 }, exclude: [], 'codeLens.enabled': false });
    const s = mergeSettings(file, editor);
    expect(s.staleness.minDays).toBe(7);
    expect(s.staleness.minCommits).toBe(5);
    expect(s.exclude).toEqual(['vendor/**']);
    expect(s.codeLens.enabled).toBe(false);
    expect(s.staleness.ignore).toEqual(DEFAULT_SETTINGS.staleness.ignore);
  });

  it('turns a code off or changes its severity', () => {
    const s = mergeSettings({ severity: { 'unknown-decision': 'error' } }, { severity: { 'avoided-term': 'off' } });
    expect(severityOf(s, 'unknown-decision')).toBe('error');
    expect(severityOf(s, 'avoided-term')).toBeUndefined();
    expect(severityOf(s, 'duplicate-number')).toBe('warning');
  });
});
