// Quick picks shared by several commands: a decision, a template, a workspace folder.
import * as vscode from 'vscode';
import { DECISION_TEMPLATES, DecisionsRequest, type DecisionItem, type DecisionTemplate } from '../../../server/src/protocol';
import { compareDecisions, decisionLabel, oneLine } from '../model/decisions';
import type { Session } from '../session';

/** What the template picker shows of each template: its name, and what it holds. */
const TEMPLATE_NAMES: Record<DecisionTemplate, string> = {
  nygard: 'Nygard / adr-tools',
  'madr-full': 'MADR 4 (full)',
  'madr-minimal': 'MADR 4 (minimal)',
  'y-statement': 'Y-statement',
};

const TEMPLATE_DETAILS: Record<DecisionTemplate, string> = {
  nygard: 'Title, Date, Status, Context, Decision, Consequences (as `adr new` writes it)',
  'madr-full': 'Front matter, context, drivers, options, outcome, consequences, confirmation, pros and cons',
  'madr-minimal': 'Front matter, context, options, outcome, consequences',
  'y-statement': '“In the context of …, facing …, we decided for … to achieve …, accepting …”',
};

export async function pickTemplate(): Promise<DecisionTemplate | undefined> {
  const picked = await vscode.window.showQuickPick(
    DECISION_TEMPLATES.map((t) => ({ label: TEMPLATE_NAMES[t], detail: TEMPLATE_DETAILS[t], template: t })),
    { title: 'Archlens: decision template', placeHolder: 'Choose the template of the new decision record', ignoreFocusOut: true },
  );
  return picked?.template;
}

export async function inputTitle(prompt: string, value = ''): Promise<string | undefined> {
  const title = await vscode.window.showInputBox({
    title: 'Archlens: decision title',
    prompt,
    value,
    placeHolder: 'e.g. Use Kafka Connect for change data capture',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'A decision needs a title.'),
  });
  return title?.trim() || undefined;
}

/** The workspace folder for a new decision: the active file's, the only one, or the user's choice. */
export async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  return fromEditor ?? vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder of the new decision' });
}

export function decisionPickItem(d: DecisionItem): vscode.QuickPickItem & { decision: DecisionItem } {
  return {
    label: decisionLabel(d),
    description: [d.status ?? d.statusText, d.date, d.tags.join(', ')].filter(Boolean).join(' · '),
    detail: oneLine(d.summary) || d.path,
    decision: d,
  };
}

export async function pickDecision(session: Session, placeHolder: string, filter: (d: DecisionItem) => boolean = () => true): Promise<DecisionItem | undefined> {
  const list = await session.request(DecisionsRequest, {});
  if (!list) {
    void vscode.window.showWarningMessage('Archlens: the language server is not ready yet.');
    return undefined;
  }
  const decisions = list.filter(filter).sort(compareDecisions);
  if (decisions.length === 0) {
    void vscode.window.showInformationMessage('Archlens: no decision records in this workspace.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(decisions.map(decisionPickItem), { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.decision;
}
