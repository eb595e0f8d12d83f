// "Why…?" and the architecture tour: quick picks over the server's answers (archlens/why, archlens/tour), each
// entry opening the real file at the line that answers. Text from documents is shown as plain text only.
import * as vscode from 'vscode';
import { TourRequest, WhyRequest, type TourStepData, type WhyAnswerItem } from '../../../server/src/protocol';
import { openAt } from '../editor';
import type { Session } from '../session';

/** Quick pick labels render `$(name)` as an icon: document text must not. */
export function plainLabel(s: string): string {
  return s.replace(/\$\(/g, '$\u200b(');
}

export function whyItem(a: WhyAnswerItem): vscode.QuickPickItem & { answer: WhyAnswerItem } {
  const replaced = a.supersededBy.length ? ` · superseded by ${a.supersededBy.map((d) => d.label.split(' ')[0]).join(', ')}` : '';
  return {
    label: `$(law) ${plainLabel(a.label)}`,
    description: `${a.status ?? ''}${replaced}`,
    detail: a.sentence ? plainLabel(a.sentence) : vscode.workspace.asRelativePath(vscode.Uri.parse(a.uri)),
    alwaysShow: true,
    answer: a,
  };
}

/** Archlens: Why…? — type a question, get the decisions that answer it; Enter opens the answering line. */
export async function why(session: Session, question?: unknown): Promise<void> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { answer: WhyAnswerItem }>();
  qp.title = 'Archlens: Why…?';
  qp.placeholder = 'Ask why: "why kafka connect", "why not a managed feature store"';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  let generation = 0;
  const ask = async (q: string) => {
    const mine = ++generation;
    if (!q.trim()) {
      qp.items = [];
      return;
    }
    qp.busy = true;
    const answers = (await session.request(WhyRequest, { question: q, limit: 10 })) ?? [];
    if (mine !== generation) return;
    qp.busy = false;
    qp.items = answers.map(whyItem);
  };
  const done = new Promise<void>((resolve) => {
    qp.onDidChangeValue((v) => void ask(v));
    qp.onDidAccept(() => {
      const picked = qp.selectedItems[0];
      qp.hide();
      if (picked) void openAt(picked.answer.uri, picked.answer.line);
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve();
    });
  });
  qp.show();
  if (typeof question === 'string' && question) {
    qp.value = question;
    void ask(question);
  }
  await done;
}

type TourPick = vscode.QuickPickItem & { target?: { uri: string; line: number } };

export function tourItems(steps: readonly TourStepData[]): TourPick[] {
  const items: TourPick[] = [];
  steps.forEach((step, i) => {
    items.push({ label: `${i + 1}. ${plainLabel(step.title)}`, kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: `$(book) ${plainLabel(step.title)}`, detail: plainLabel(step.text), target: { uri: step.uri, line: step.line } });
    for (const item of step.items) {
      items.push({ label: `$(arrow-right) ${plainLabel(item.label)}`, description: item.detail ? plainLabel(item.detail) : undefined, target: { uri: item.uri, line: item.line } });
    }
  });
  return items;
}

/**
 * Archlens: Tour This Architecture — the tour's steps in order; each entry opens its file at the line and the tour
 * stays open (Escape closes it), so a newcomer can walk it step by step. A step kind opens that step directly (the
 * walkthrough's buttons).
 */
export async function tour(session: Session, stepKind?: unknown): Promise<void> {
  const result = await session.request(TourRequest, {});
  if (!result || result.steps.length === 0) {
    void vscode.window.showInformationMessage('Archlens: nothing to tour yet — no overview, views, decisions or glossary were found.');
    return;
  }
  if (typeof stepKind === 'string') {
    const step = result.steps.find((s) => s.kind === stepKind || s.id === stepKind);
    if (step) {
      await openAt(step.uri, step.line, { preview: false });
      if (step.items.length) await pickFrom(step.title, tourItems([step]));
      return;
    }
  }
  await pickFrom(result.title, tourItems(result.steps));
}

async function pickFrom(title: string, items: TourPick[]): Promise<void> {
  const qp = vscode.window.createQuickPick<TourPick>();
  qp.title = `Archlens: ${plainLabel(title)}`;
  qp.placeholder = 'Pick a step to open it; Escape ends the tour';
  qp.ignoreFocusOut = true;
  qp.items = items;
  await new Promise<void>((resolve) => {
    qp.onDidAccept(() => {
      const target = qp.selectedItems[0]?.target;
      if (target) void openAt(target.uri, target.line, { preview: true }).then(() => qp.show());
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve();
    });
    qp.show();
  });
}
