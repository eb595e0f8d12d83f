// The ids of every command the extension contributes (package.json `contributes.commands`); commands.ts must
// register each of them except those the language client registers for the server. Pure, so a unit test can
// compare it with the manifest.
import { Commands } from '../../server/src/protocol';

export const CLIENT_COMMANDS = [
  'archlens.newDecision',
  'archlens.supersedeDecision',
  'archlens.findDecision',
  'archlens.why',
  'archlens.tour',
  'archlens.showDecisionGraph',
  'archlens.insertDecisionReference',
  'archlens.insertGlossaryTerm',
  'archlens.showStale',
  Commands.showChanges,
  'archlens.openInPublishedDocs',
  'archlens.restartServer',
  'archlens.showOutput',
  Commands.open,
  Commands.showReferences,
  Commands.pickTarget,
  Commands.suggestGovernedCode,
  'archlens.decisions.showReferences',
  'archlens.decisions.filter',
  'archlens.decisions.clearFilter',
  'archlens.decisions.groupByStatus',
  'archlens.decisions.groupByTag',
  'archlens.decisions.groupByFolder',
] as const;

export type ClientCommandId = (typeof CLIENT_COMMANDS)[number];

/** Declared by the server (executeCommandProvider) and registered by the language client. */
export const SERVER_COMMANDS = [Commands.markReviewed, Commands.refreshSources] as const;

/** Commands that write files: hidden in an untrusted workspace and refused there. */
export const WRITING_COMMANDS = ['archlens.newDecision', 'archlens.supersedeDecision', Commands.markReviewed, Commands.suggestGovernedCode] as const;
