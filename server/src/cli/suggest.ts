// `archlens suggest`: for each standing decision that governs no code yet, the candidate globs with their evidence,
// so a team with an existing decision log can link it to its code on day one (accept in the editor, or copy the
// glob into `governs:`), then check it in CI. Nothing is written.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { openGitHistory } from '../adapters/gitHistory';
import { decisionLabel, isRetired } from '../core/lifecycle';
import type { Decision } from '../core/model';
import type { IndexSnapshot } from '../core/snapshot';
import { governsCandidates, type GovernsCandidate } from '../core/suggest';
import type { GitHistory } from '../core/git';
import { openIndex, type CliIO, type ParsedArgs } from './run';

export const SUGGEST_USAGE = `Usage: archlens suggest [DIR] [--json] [--all]

For each standing decision without \`governs:\`, lists candidate globs of the code it governs, ranked, with the
evidence for each: paths and names in its text that exist, files changed with it, code citing it, view elements it
names. Accept one in the editor (Suggest Governed Code), or add it to the decision's \`governs:\` list.

Options:
  --json   Machine-readable output
  --all    Also decisions that already govern code (candidates beyond what they govern)
`;

export interface DecisionSuggestions {
  id: string;
  path: string;
  line: number;
  label: string;
  governs: string[];
  candidates: GovernsCandidate[];
}

/** The suggestions for a set of decisions of a snapshot; shared by the CLI and the language server. */
export async function suggestionsFor(
  snapshot: IndexSnapshot,
  decisions: readonly Decision[],
  readText: (path: string) => Promise<string | undefined>,
  history: GitHistory | undefined,
): Promise<DecisionSuggestions[]> {
  const out: DecisionSuggestions[] = [];
  for (const d of decisions) {
    const text = (await readText(d.path)) ?? '';
    const candidates = governsCandidates(snapshot, d, text, history);
    out.push({ id: d.id, path: d.path, line: d.line, label: decisionLabel(d), governs: d.governs, candidates });
  }
  return out;
}

export async function suggestVerb(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.flags.has('help')) {
    io.stdout.write(SUGGEST_USAGE);
    return 0;
  }
  const { root, snapshot } = await openIndex(args, io);
  const history = await openGitHistory(root, { trusted: true });
  const wanted = snapshot.decisions.filter((d) => !isRetired(d) && (args.flags.has('all') || d.governs.length === 0));
  const results = await suggestionsFor(snapshot, wanted, (p) => readFile(path.join(root, p), 'utf8').catch(() => undefined), history);
  if (args.flags.has('json')) {
    io.stdout.write(`${JSON.stringify({ decisions: results }, null, 2)}\n`);
    return 0;
  }
  let shown = 0;
  for (const r of results) {
    if (r.candidates.length === 0) continue;
    shown++;
    io.stdout.write(`${r.label} (${r.path})\n`);
    for (const c of r.candidates) {
      io.stdout.write(`  ${c.glob}  score ${c.score.toFixed(1)}, ${c.matches} file${c.matches === 1 ? '' : 's'}\n`);
      for (const e of c.evidence) io.stdout.write(`    - ${e.detail}\n`);
    }
  }
  io.stdout.write(`${shown} of ${results.length} decision(s) without governs have suggestions\n`);
  return 0;
}
