// The status bar's wording for each state the server reports.
import { describe, expect, it } from 'vitest';
import type { StatusParams } from '../../server/src/protocol';
import { folderName, historyOffReason, statusBarView } from '../../client/src/model/statusBar';

const ready = (over: Partial<StatusParams> = {}): StatusParams => ({
  folder: 'file:///work/data-platform',
  state: 'ready',
  decisions: 16,
  terms: 43,
  views: 4,
  problems: 3,
  stale: 2,
  history: { state: 'ready' },
  limited: false,
  version: 7,
  ...over,
});

describe('status bar', () => {
  it('shows decisions, terms and stale counts when ready', () => {
    const v = statusBarView([ready()]);
    expect(v.text).toBe('$(book) Archlens: 16 decisions · 43 terms · 2 stale');
    expect(v.tooltip).toContain('data-platform: 16 decisions, 43 terms, 4 views, 3 problems, 2 stale');
    expect(v.tooltip.split('\n').at(-1)).toBe('Click to open the Decisions view.');
  });

  it('adds the stale findings of the active file', () => {
    expect(statusBarView([ready()], 1).text).toBe('$(book) Archlens: 16 decisions · 43 terms · 2 stale (1 in this file)');
    expect(statusBarView([ready()], 0).text).toBe('$(book) Archlens: 16 decisions · 43 terms · 2 stale');
  });

  it('uses the singular for one', () => {
    expect(statusBarView([ready({ decisions: 1, terms: 1, stale: 0 })]).text).toBe('$(book) Archlens: 1 decision · 1 term · 0 stale');
  });

  it('spins while any folder is indexing', () => {
    expect(statusBarView([ready({ state: 'indexing' })]).text).toBe('$(sync~spin) Archlens: indexing');
    expect(statusBarView([ready(), ready({ folder: 'file:///b', state: 'indexing' })]).text).toBe('$(sync~spin) Archlens: indexing (1/2 folders)');
    expect(statusBarView([]).text).toBe('$(sync~spin) Archlens: starting');
  });

  it('sums several folders', () => {
    const v = statusBarView([ready(), ready({ folder: 'file:///work/api', decisions: 4, terms: 7, stale: 1 })]);
    expect(v.text).toBe('$(book) Archlens: 20 decisions · 50 terms · 3 stale');
    expect(v.tooltip).toContain('api: 4 decisions');
  });

  it('drops the stale count and explains why when history is off', () => {
    const v = statusBarView([ready({ stale: 0, history: { state: 'off', reason: 'not-a-repository' } })]);
    expect(v.text).toBe('$(book) Archlens: 16 decisions · 43 terms');
    expect(v.tooltip).toContain('Staleness checks are off: the folder is not a git repository.');
  });

  it('says limited mode in an untrusted workspace', () => {
    const v = statusBarView([ready({ limited: true, stale: 0, history: { state: 'off', reason: 'untrusted' } })]);
    expect(v.text).toBe('$(shield) Archlens (limited mode): 16 decisions · 43 terms');
    expect(v.tooltip).toContain('Limited mode: the workspace is not trusted');
  });

  it('flags a folder whose indexing failed', () => {
    const v = statusBarView([ready({ state: 'error', message: 'EACCES: permission denied' })]);
    expect(v.severity).toBe('error');
    expect(v.text.startsWith('$(error) ')).toBe(true);
    expect(v.tooltip).toContain('data-platform: indexing failed: EACCES: permission denied');
  });

  it('names folders and unknown history reasons readably', () => {
    expect(folderName('file:///work/my%20repo/')).toBe('my repo');
    expect(historyOffReason('weird', 'x')).toBe('weird (x)');
    expect(historyOffReason('shallow')).toBe('the repository is a shallow clone');
  });
});
