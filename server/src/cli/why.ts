// `archlens why <question> [DIR]`: the decisions that answer a free-text question, best first, each with the
// sentence that answers and its line. The ranking is the core's (whyIndexOf), shared with the editor command.
import { decisionLabel, decisionStatusText } from '../core/lifecycle';
import { whyIndexOf, type WhyAnswer } from '../core/why/rank';
import { openIndex, UsageError, type CliIO, type ParsedArgs } from './run';

export const WHY_USAGE = `Usage: archlens why <question> [DIR] [--json] [--limit <n>]

The decisions of DIR that answer a question ("why kafka connect", "why not a feature store"), best first, each
with the sentence that answers it and its path:line. Superseded decisions follow the decisions that replaced them.
`;

export async function whyVerb(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.flags.has('help')) {
    io.stdout.write(WHY_USAGE);
    return 0;
  }
  const [question, ...rest] = args.positional;
  if (!question || !question.trim()) throw new UsageError('a question is needed, e.g. archlens why "why kafka connect"');
  const limitFlag = args.flags.get('limit');
  const limit = limitFlag === undefined ? 5 : Number(limitFlag);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive whole number');
  const { snapshot } = await openIndex({ positional: rest, flags: new Map() }, io);
  const answers = whyIndexOf(snapshot).ask(question, limit);
  if (args.flags.has('json')) {
    io.stdout.write(`${JSON.stringify({ question, answers: answers.map(answerJson) }, null, 2)}\n`);
    return 0;
  }
  if (answers.length === 0) {
    io.stdout.write(`No decision answers "${question}".\n`);
    return 0;
  }
  const lines: string[] = [];
  answers.forEach((a, i) => {
    const d = a.decision;
    const status = decisionStatusText(d);
    const via = a.successorOf ? ` (supersedes a match)` : '';
    lines.push(`${i + 1}. ${decisionLabel(d)}${status ? ` [${status}]` : ''}${via}`);
    lines.push(`   ${d.path}:${a.sentence?.line ?? d.line}`);
    if (a.sentence) lines.push(`   ${a.sentence.text}`);
  });
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export function answerJson(a: WhyAnswer) {
  const d = a.decision;
  return {
    id: d.id,
    number: d.number ?? null,
    title: d.title,
    status: decisionStatusText(d) ?? null,
    path: d.path,
    line: a.sentence?.line ?? d.line,
    sentence: a.sentence?.text ?? null,
    section: a.sentence?.section ?? null,
    score: Math.round(a.score * 1000) / 1000,
    supersededBy: d.supersededBy,
    successorOf: a.successorOf ?? null,
  };
}
