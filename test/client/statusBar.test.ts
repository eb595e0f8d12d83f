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
  it('says ready with the stale count, and lists each folder with its state and counts', () => {
    const v = statusBarView([ready()]);
    expect(v.text).toBe('$(book) Archlens: ready · 2 stale');
    expect(v.tooltip.split('\n')[0]).toBe('data-platform: ready — 16 decisions, 43 terms, 4 views, 3 problems, 2 stale');
    expect(v.tooltip.split('\n').at(-1)).toBe('Click to open the Decisions view.');
  });

  it('adds the stale findings of the active file', () => {
    expect(statusBarView([ready()], 1).text).toBe('$(book) Archlens: ready · 2 stale (1 in this file)');
    expect(statusBarView([ready()], 0).text).toBe('$(book) Archlens: ready · 2 stale');
  });

  it('uses the singular for one', () => {
    expect(statusBarView([ready({ decisions: 1, terms: 1, views: 1, problems: 1, stale: 0 })]).tooltip).toContain('1 decision, 1 term, 1 view, 1 problem, 0 stale');
  });

  it('counts files while indexing, summed over the folders that report a count', () => {
    expect(statusBarView([ready({ state: 'indexing', progress: { done: 120, total: 254 } })]).text).toBe('$(sync~spin) Archlens: indexing 120/254');
    expect(statusBarView([ready({ state: 'indexing' })]).text).toBe('$(sync~spin) Archlens: indexing');
    const two = statusBarView([ready(), ready({ folder: 'file:///b', state: 'indexing', progress: { done: 3, total: 10 } })]);
    expect(two.text).toBe('$(sync~spin) Archlens: indexing 3/10 (1/2 folders)');
    expect(two.tooltip.split('\n').slice(0, 3)).toEqual([
      'data-platform: ready — 16 decisions, 43 terms, 4 views, 3 problems, 2 stale',
      'b: indexing (3/10 files)',
      'Click to open the Decisions view.',
    ]);
    expect(statusBarView([]).text).toBe('$(sync~spin) Archlens: starting');
  });

  it('says it is reading history instead of showing a stale count that would drop and come back', () => {
    const pending = ready({ stale: 0, history: { state: 'off', reason: 'pending', message: 'Reading git history…' } });
    const v = statusBarView([pending]);
    expect(v.text).toBe('$(sync~spin) Archlens: reading history');
    expect(v.text).not.toMatch(/stale/);
    expect(v.tooltip.split('\n')[0]).toBe('data-platform: reading git history — 16 decisions, 43 terms, 4 views, 3 problems');
    // One folder still reading: the whole says so; the other folder's state is in the tooltip.
    const mixed = statusBarView([ready(), { ...pending, folder: 'file:///work/api' }]);
    expect(mixed.text).toBe('$(sync~spin) Archlens: reading history');
    expect(mixed.tooltip).toContain('data-platform: ready — 16 decisions');
    expect(mixed.tooltip).toContain('api: reading git history — 16 decisions');
  });

  it('sums the stale counts of several ready folders', () => {
    const v = statusBarView([ready(), ready({ folder: 'file:///work/api', decisions: 4, terms: 7, stale: 1 })]);
    expect(v.text).toBe('$(book) Archlens: ready · 3 stale');
    expect(v.tooltip).toContain('api: ready — 4 decisions');
  });

  it('drops the stale count and explains why when history is off', () => {
    const v = statusBarView([ready({ stale: 0, history: { state: 'off', reason: 'not-a-repository' } })]);
    expect(v.text).toBe('$(book) Archlens: ready');
    expect(v.tooltip).toContain('Staleness checks are off: the folder is not a git repository.');
  });

  it('says limited mode in an untrusted workspace', () => {
    const v = statusBarView([ready({ limited: true, stale: 0, history: { state: 'off', reason: 'untrusted' } })]);
    expect(v.text).toBe('$(shield) Archlens (limited mode): ready');
    expect(v.tooltip).toContain('Limited mode: the workspace is not trusted');
  });

  it('flags a folder whose indexing failed', () => {
    const v = statusBarView([ready({ state: 'error', message: 'EACCES: permission denied' })]);
    expect(v.severity).toBe('error');
    expect(v.text).toBe('$(error) Archlens: indexing failed · 2 stale');
    expect(v.tooltip).toContain('data-platform: indexing failed: EACCES: permission denied');
  });

  it('names folders and unknown history reasons readably', () => {
    expect(folderName('file:///work/my%20repo/')).toBe('my repo');
    expect(historyOffReason('weird', 'x')).toBe('weird (x)');
    expect(historyOffReason('shallow')).toBe('the repository is a shallow clone');
  });
});
