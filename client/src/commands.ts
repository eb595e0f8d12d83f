// Every command of the extension, as a record of factories (rust-analyzer style), keyed by the ids of
// commandIds.ts, which a unit test compares with package.json's `contributes.commands`.
import * as vscode from 'vscode';
import { Commands } from '../../server/src/protocol';
import { insertDecisionReference, insertGlossaryTerm, newDecision, supersedeDecision } from './commands/authoring';
import { findDecision, open, openInPublishedDocs, pickTarget, showChanges, showReferences, showStale } from './commands/navigation';
import type { ClientCommandId } from './commandIds';
import { tour, why } from './commands/onboarding';
import { suggestGovernedCode } from './commands/suggestGoverns';
import { GraphPanel } from './views/graphPanel';
import type { GroupMode } from './model/decisions';
import type { Session } from './session';
import type { DecisionsView } from './views/decisionsView';

export interface CommandContext {
  session: Session;
  decisions: DecisionsView;
}

type Factory = (ctx: CommandContext) => (...args: unknown[]) => unknown;

const groupBy = (mode: GroupMode): Factory => (ctx) => () => ctx.decisions.setGrouping(mode);

/**
 * Commands registered by the client. `archlens.markReviewed` is not here: the server declares it
 * (executeCommandProvider), the language client registers it, and client.ts's middleware supplies the active
 * document when it runs from the palette.
 */
export const COMMANDS: Record<ClientCommandId, Factory> = {
  'archlens.newDecision': (ctx) => () => newDecision(ctx.session),
  'archlens.supersedeDecision': (ctx) => (node) => supersedeDecision(ctx.session, node),
  'archlens.findDecision': (ctx) => () => findDecision(ctx.session),
  'archlens.why': (ctx) => (question) => why(ctx.session, question),
  'archlens.tour': (ctx) => (step) => tour(ctx.session, step),
  'archlens.showDecisionGraph': (ctx) => () => GraphPanel.show(ctx.session),
  'archlens.insertDecisionReference': (ctx) => () => insertDecisionReference(ctx.session),
  'archlens.insertGlossaryTerm': (ctx) => () => insertGlossaryTerm(ctx.session),
  'archlens.showStale': (ctx) => () => showStale(ctx.session),
  [Commands.showChanges]: (ctx) => (arg) => showChanges(ctx.session, arg),
  'archlens.openInPublishedDocs': (ctx) => (arg) => openInPublishedDocs(ctx.session, arg),
  'archlens.restartServer': (ctx) => () => ctx.session.restart(),
  'archlens.showOutput': (ctx) => () => ctx.session.output.show(),
  [Commands.open]: () => (uri, line) => open(uri, line),
  [Commands.showReferences]: () => (uri, line) => showReferences(uri, line),
  [Commands.pickTarget]: (ctx) => (title, targets) => pickTarget(ctx.session, title, targets),
  [Commands.suggestGovernedCode]: (ctx) => (arg) => suggestGovernedCode(ctx.session, arg),
  'archlens.decisions.showReferences': () => (node) => {
    const d = (node as { decision?: { uri: string; line: number } } | undefined)?.decision;
    return d ? showReferences(d.uri, d.line) : undefined;
  },
  'archlens.decisions.filter': (ctx) => async () => {
    const value = await vscode.window.showInputBox({
      title: 'Archlens: filter decisions',
      prompt: 'Fuzzy match on title, number and tags; empty clears the filter',
      value: ctx.decisions.filterText,
      placeHolder: 'e.g. kafka, 7, ingestion',
    });
    if (value !== undefined) ctx.decisions.setFilter(value);
  },
  'archlens.decisions.clearFilter': (ctx) => () => ctx.decisions.setFilter(''),
  'archlens.decisions.groupByStatus': groupBy('status'),
  'archlens.decisions.groupByTag': groupBy('tag'),
  'archlens.decisions.groupByFolder': groupBy('folder'),
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => vscode.commands.registerCommand(id, factory(ctx)));
}
