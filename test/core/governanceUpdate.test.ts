// The governance index of a snapshot is made from the last snapshot's: a decision keeps its compiled globs while
// they do not change, so a title edit compiles none, and the answers are those of an index made anew. Every
// compilation is counted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import { GovernanceIndex } from '../../server/src/core/governance';
import type { IndexSnapshot } from '../../server/src/core/snapshot';

const compiled = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../server/src/core/globs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/core/globs')>();
  return { ...actual, compileCodePatterns: (patterns: readonly string[]) => (compiled.count++, actual.compileCodePatterns(patterns)) };
});

const EXAMPLE = path.resolve(__dirname, '../../examples/data-platform');
const ADR7 = 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md';
const GOVERNED = 'connect/debezium/orders-postgres-source.json';

/** Every answer of the index, over every file of the snapshot. */
function answers(s: IndexSnapshot, index: GovernanceIndex): unknown {
  return s.files.map((f) => [f, index.decisionsGoverning(f).map((d) => [d.id, d.title]), index.elementsDocumenting(f).map((e) => e.element.name)]);
}

describe('the governance index across edits', () => {
  it('compiles no glob for a title edit, one decision for a governs edit, and answers as an index made anew', async () => {
    const text = readFileSync(path.join(EXAMPLE, ADR7), 'utf8');
    const idx = new ArchitectureIndex(new NodeWorkspace(EXAMPLE));
    const first = await idx.rebuild();
    expect(first.governance.decisionsGoverning(GOVERNED).map((d) => d.path)).toContain(ADR7);
    const whole = compiled.count;
    expect(whole).toBeGreaterThan(5);

    const retitled = await idx.setOverlay(ADR7, text.replace('# Kafka Connect and Debezium', '# Kafka Connect with Debezium'));
    let before = compiled.count;
    const titles = retitled.governance.decisionsGoverning(GOVERNED).map((d) => d.title);
    expect(compiled.count - before).toBe(0);
    expect(titles).toContain('Kafka Connect with Debezium for change data capture');
    expect(answers(retitled, retitled.governance)).toEqual(answers(retitled, new GovernanceIndex(retitled.decisions, retitled.views, retitled.files)));

    const regoverned = await idx.setOverlay(ADR7, text.replace('  - connect/debezium/**\n', ''));
    before = compiled.count;
    expect(regoverned.governance.decisionsGoverning(GOVERNED).map((d) => d.path)).not.toContain(ADR7);
    expect(compiled.count - before).toBe(1);
    expect(answers(regoverned, regoverned.governance)).toEqual(answers(regoverned, new GovernanceIndex(regoverned.decisions, regoverned.views, regoverned.files)));

    // Typing in code: the same decisions, views and files, the same index.
    const typed = await idx.setOverlay(GOVERNED, '{}\n');
    expect(typed.governance).toBe(regoverned.governance);
  });
});
