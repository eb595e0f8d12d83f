// "Suggest Governed Code" as the picker shows it: one item per candidate glob, its evidence as the detail line.
// Pure (no vscode import), so it is tested on real protocol data.
import type { SuggestGovernsResult } from '../../../server/src/protocol';

export interface GovernsPickItem {
  label: string;
  description: string;
  detail: string;
  glob: string;
}

export function governsPickItems(result: SuggestGovernsResult): GovernsPickItem[] {
  return result.candidates.map((c) => ({
    label: c.glob,
    description: `${c.matches} file${c.matches === 1 ? '' : 's'} · score ${c.score.toFixed(1)}`,
    detail: c.evidence.slice(0, 3).join(' · ') + (c.evidence.length > 3 ? ` · and ${c.evidence.length - 3} more` : ''),
    glob: c.glob,
  }));
}

/** What to tell the user when there is nothing to pick. */
export function noSuggestionMessage(result: SuggestGovernsResult): string {
  if (!result.decision) return 'Archlens: open a decision record to suggest the code it governs.';
  return result.governs.length > 0
    ? `Archlens: nothing to suggest for ${result.decision} beyond what it governs already.`
    : `Archlens: no evidence in ${result.decision} or its history points at code in this workspace.`;
}
