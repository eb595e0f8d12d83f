// The decision graph's text formats on hostile titles: a title can never close a mermaid label, add a mermaid
// directive (click, style), break out of a dot string or inject SVG markup.
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildGraphPicture, codeFolderOf } from '../../../server/src/core/graph/build';
import { toDot, toMermaid } from '../../../server/src/core/graph/render';
import { toSvg } from '../../../server/src/core/graph/svg';
import type { Decision } from '../../../server/src/core/model';
import { makeDecision } from '../../helpers/decisions';

const decision = (n: number, title: string, over: Partial<Decision> = {}): Decision =>
  makeDecision({ id: `docs/adr/000${n}-x`, number: n, title, status: 'accepted', path: `docs/adr/000${n}-x.md`, ...over });

const HOSTILE = 'Use "quotes"]) --> x\nclick n0 "javascript:alert(1)" <script>&amp; #35; \\"';

describe('decision graph formats', () => {
  const graph = buildGraphPicture({ decisions: [decision(1, HOSTILE, { supersedes: ['docs/adr/0002-x'] }), decision(2, 'Old', { status: 'superseded', supersededBy: ['docs/adr/0001-x'] })], views: [] });

  it('mermaid: the label stays one quoted string with entity codes', () => {
    const text = toMermaid(graph);
    const lines = text.split('\n');
    // One node line per decision, one edge, class definitions: no line was added by the title.
    expect(lines.filter((l) => /^ {2}n\d/.test(l))).toHaveLength(3);
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/^\s*click /m);
    const label = /n0\("([^"]*)"\)/.exec(text)![1];
    expect(label).toContain('#quot;quotes#quot;');
    expect(label).toContain('#lt;script#gt;');
  });

  it('dot: quotes and backslashes escaped inside the string', () => {
    const dot = toDot(graph);
    const line = dot.split('\n').find((l) => l.includes('"docs/adr/0001-x" [label='))!;
    expect(line).toContain('label="ADR-0001 Use \\"quotes\\"]) --> x click n0 \\"javascript:alert(1)\\" <script>&amp; #35; \\\\\\""');
  });

  it('svg: well-formed, with the title as text', () => {
    const svg = toSvg(graph);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script>');
  });

  it('names the folder a governs pattern points at', () => {
    expect(codeFolderOf('connect/debezium/**')).toBe('connect/debezium');
    expect(codeFolderOf('./serving/api/**/*.py')).toBe('serving/api');
    expect(codeFolderOf('airflow/dags/reverse_etl_sync.py')).toBe('airflow/dags');
    expect(codeFolderOf('deploy/helm/')).toBe('deploy/helm');
    expect(codeFolderOf('**/*.sql')).toBeUndefined();
  });
});
