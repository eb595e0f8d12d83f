// The targets of a code lens with several (decisions that govern a file, views that document it, stale documents),
// checked before they become quick pick items: command arguments can come from anywhere that runs a command.
import type { LensTarget } from '../../../server/src/protocol';

export interface LensPickItem {
  label: string;
  description?: string;
  target: LensTarget;
}

/** Well-formed targets only; labels cannot turn into icons (`$(…)` is icon syntax in a quick pick). */
export function lensPickItems(arg: unknown): LensPickItem[] {
  if (!Array.isArray(arg)) return [];
  const items: LensPickItem[] = [];
  for (const t of arg) {
    if (!t || typeof t !== 'object') continue;
    const { label, description, uri, line, action } = t as Record<string, unknown>;
    if (typeof label !== 'string' || typeof uri !== 'string' || typeof line !== 'number') continue;
    if (action !== 'open' && action !== 'showChanges') continue;
    if (!/^file:/.test(uri)) continue;
    const target: LensTarget = { label, uri, line, action, ...(typeof description === 'string' ? { description } : {}) };
    items.push({ label: noIcons(label), description: typeof description === 'string' ? noIcons(description) : undefined, target });
  }
  return items;
}

function noIcons(s: string): string {
  return s.replace(/\$\(/g, '$\u200b(');
}
