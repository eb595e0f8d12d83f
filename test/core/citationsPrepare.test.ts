// The citation index read in the background after the start: in slices, equal to one built at once, kept up to
// date by later snapshots as a built one is; a question meanwhile builds its own, which wins.
import { describe, expect, it } from 'vitest';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import { MemoryWorkspace } from '../../server/src/core/workspace';

function files(n: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; i <= n; i++) {
    const num = String(i).padStart(4, '0');
    out[`docs/adr/${num}-d${i}.md`] = `# ${i}. Decision ${i}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nSee ADR-${String(((i * 7) % n) + 1).padStart(4, '0')}.\n`;
    out[`src/m${i}.py`] = `# ADR-${num} and ADR-${String((i % n) + 1).padStart(4, '0')}\n`;
  }
  return out;
}

/** Who cites each decision, by number. */
function citing(index: { citing(n: number[], ids: string[]): Set<string> }, n: number): string[][] {
  return Array.from({ length: n + 1 }, (_, i) => [...index.citing([i], [])].sort());
}

describe('the citation index read in slices', () => {
  it('gives the index a build at once gives, and is brought up to date by the next snapshot', async () => {
    const idx = new ArchitectureIndex(new MemoryWorkspace(files(300)));
    const first = await idx.rebuild();
    let turns = 0;
    await first.prepareCitations(async () => (turns++, true), 0);
    expect(turns).toBeGreaterThan(2);
    const prepared = first.citations();
    expect(prepared.visited).toBe([...first.recordPaths()].length);
    const fresh = await new ArchitectureIndex(new MemoryWorkspace(files(300))).rebuild();
    expect(citing(prepared, 300)).toEqual(citing(fresh.citations(), 300));
    // An edit: the prepared index follows it, reading the one changed record.
    const edited = await idx.setOverlay('src/m5.py', '# ADR-0042\n');
    expect(edited.citations()).toBe(prepared);
    expect(prepared.visited).toBe(1);
    expect([...prepared.citing([42], [])]).toContain('src/m5.py');
  });

  it('keeps the index a question built meanwhile, and builds nothing when told to stop', async () => {
    const idx = new ArchitectureIndex(new MemoryWorkspace(files(300)));
    const first = await idx.rebuild();
    let asked: unknown;
    await first.prepareCitations(async () => ((asked ??= first.citations()), true), 0);
    expect(first.citations()).toBe(asked);
    const other = await new ArchitectureIndex(new MemoryWorkspace(files(300))).rebuild();
    await other.prepareCitations(async () => false, 0);
    // Nothing was kept: the first question builds the index from every record.
    expect(other.citations().visited).toBe([...other.recordPaths()].length);
  });
});
