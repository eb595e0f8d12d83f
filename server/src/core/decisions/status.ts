// The one place that knows how people write the status of a decision ("✅ **Accepted** 2020-01-02", "Superceded by
// [12. Foo](0012-foo.md)", "in review") and what it means in the normalised vocabulary of DECISION_STATUSES.
import type { DecisionStatus } from '../model';

export interface NormalisedStatus {
  /** The normalised status, or undefined when the text is not one we know. */
  status?: DecisionStatus;
  /** The status as written, without emoji, markup, HTML comments or trailing punctuation. */
  text: string;
  /** For "Superseded by X": X as written (a link, "ADR-0012", a slug), for the caller to turn into a relation. */
  supersededBy?: string;
  /** For "Partially superseded by X": the decision still stands in part, amended by X. */
  amendedBy?: string;
}

/** A team's own status words (`.archlens.yml` `statuses:`), lower case, mapped onto the lifecycle. */
export type StatusVocabulary = ReadonlyMap<string, DecisionStatus>;

/** Synonyms by normalised status. Keys are lower case with single spaces; one source of truth for the vocabulary. */
const SYNONYMS: Record<DecisionStatus, readonly string[]> = {
  accepted: [
    'accepted', 'accept', 'approved', 'adopted', 'done', 'agreed', 'decided', 'implemented', 'active', 'final',
    'finalised', 'finalized', 'complete', 'completed', 'ratified', 'in effect', 'established', 'implementable',
    'partially accepted', 'partly accepted', 'applied', 'merged',
  ],
  proposed: [
    'proposed', 'proposal', 'in review', 'under review', 'for review', 'review', 'reviewing', 'in discussion',
    'under discussion', 'discussing', 'pending', 'open', 'suggested', 'under consideration', 'requested', 'rfc',
    'provisional', 'tentative', 'awaiting approval', 'awaiting review', 'needs review',
  ],
  superseded: ['superseded', 'superceded', 'superseeded', 'replaced', 'obsoleted'],
  deprecated: ['deprecated', 'obsolete', 'retired', 'archived', 'sunset', 'sunsetted', 'outdated', 'reverted', 'rolled back'],
  rejected: [
    'rejected', 'declined', 'abandoned', 'refused', 'withdrawn', 'dismissed', 'cancelled', 'canceled', 'not accepted',
    'wont do', 'won t do',
  ],
  draft: ['draft', 'drafting', 'in draft', 'wip', 'work in progress', 'in progress', 'todo', 'to do', 'stub'],
};

const LOOKUP = new Map<string, DecisionStatus>();
for (const [status, words] of Object.entries(SYNONYMS) as [DecisionStatus, readonly string[]][]) {
  for (const w of words) LOOKUP.set(w, status);
}
/** The longest synonym, in words: how many leading words of a status text are worth trying. */
const MAX_WORDS = 3;
const MAX_INPUT = 1000;
const NUMBER_WORD = /^\d+$/;

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
// Emoji and pictographs, their modifiers and joiners, keycaps, flags, and other symbols people put before a status.
const EMOJI = /[\p{Extended_Pictographic}\p{So}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}]/gu;
const EMPHASIS = /(\*\*|__|~~|`)/g;
const SINGLE_EMPHASIS = /(^|[\s(])[*_]+(?=\S)|(?<=\S)[*_]+(?=$|[\s),.;:!?])/g;
const IMAGE = /!\[([^\]]*)\]\([^)]*\)/g;
const LINK = /\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]|<(https?:[^>]*)>/g;
const STATUS_LABEL = /^\s*status\s*:\s*/i;
// Template text left in front of the chosen word: "choose one: Accepted", "(one of) Proposed".
const TEMPLATE_LEAD = /^\s*\(?\s*(?:choose|pick|select)\s+one(?:\s+of)?\s*\)?\s*[:\-–—]?\s*|^\s*\(?one\s+of\)?\s*:\s*/i;
// The whole status written as a link whose label is the status: "[Superseded by 020-x](020-x.md)".
const LINKED_STATUS = /^\[([^\]]+)\]\(([^)\s]+)\)\s*$/;
// Status emoji teams use on their own, read before emoji are stripped as decoration.
const EMOJI_STATUS: [RegExp, DecisionStatus][] = [
  [/^[\s]*(?:\u2705|\u2714\uFE0F?|\u{1F7E2})/u, 'accepted'],
  [/^[\s]*(?:\u{1F914}|\u231B\uFE0F?|\u23F3\uFE0F?|\u{1F7E1})/u, 'proposed'],
  [/^[\s]*(?:\u274C|\u2716\uFE0F?|\u{1F6AB}|\u{1F534})/u, 'rejected'],
  [/^[\s]*(?:\u{1F6A7}|\u270F\uFE0F?|\u{1F4DD})/u, 'draft'],
];
// "Partially superseded by X", "partly replaced by X".
const PARTIALLY_SUPERSEDED = /^(?:partially|partly)\s+(?:superseded|superceded|replaced)\s*(?:by|with|in\s+favou?r\s+of)?\s*:?\s*([\s\S]*)$/i;
const EDGE_PUNCTUATION_START = /^[\s:;,.\-–—|>]+/;
const EDGE_PUNCTUATION_END = /[\s:;,.!|\-–—]+$/;
// "Superseded by X", "Replaced with X", "superseded in favour of X", "Superseded [0019](…)" without "by".
const SUPERSEDED_BY = /^(?:superseded|superceded|superseeded|replaced|obsoleted)(?:\s*(?:by|with|in\s+favou?r\s+of))?\s*:?\s*(\S[\s\S]*)$/i;

/** Normalises a status as written anywhere (a front-matter value, a `Status:` line, a `## Status` paragraph). */
export function normaliseStatus(input: string, vocabulary?: StatusVocabulary): NormalisedStatus {
  // A status is a few words; the cap keeps the regular expressions below linear on hostile input.
  let raw = (input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input).replace(TEMPLATE_LEAD, '');
  const linked = LINKED_STATUS.exec(raw.trim());
  // "[Superseded by 020-x](020-x.md)": the label is the status, the link its target.
  if (linked && /^(?:partially\s+|partly\s+)?(?:superseded|superceded|replaced)\b/i.test(linked[1])) {
    const target = linked[1].replace(/^(?:partially\s+|partly\s+)?(?:superseded|superceded|replaced)\s*(?:by|with)?\s*/i, '');
    raw = `${linked[1].slice(0, linked[1].length - target.length)}[${target || linked[2]}](${linked[2]})`;
  }
  let emojiStatus: DecisionStatus | undefined;
  for (const [re, status] of EMOJI_STATUS) if (re.test(raw)) emojiStatus ??= status;
  // Markup first, links last: the superseding target keeps its link so the caller can resolve it.
  const unmarked = raw
    .replace(HTML_COMMENT, ' ')
    .replace(EMOJI, ' ')
    .replace(EMPHASIS, '')
    .replace(SINGLE_EMPHASIS, '$1')
    .replace(/\s+/g, ' ')
    .replace(STATUS_LABEL, '')
    .replace(EDGE_PUNCTUATION_START, '');
  const text = unmarked.replace(IMAGE, '$1').replace(LINK, (_m, a, b, c) => a ?? b ?? c ?? '').replace(/\s+/g, ' ')
    .replace(EDGE_PUNCTUATION_END, '').trim();
  const result: NormalisedStatus = { text };

  const custom = vocabulary?.get(text.toLowerCase());
  if (custom) {
    result.status = custom;
    return result;
  }
  const partial = PARTIALLY_SUPERSEDED.exec(unmarked.trim());
  if (partial) {
    // Part of the decision still stands: it is amended, not replaced.
    result.status = 'accepted';
    const target = partial[1].replace(EDGE_PUNCTUATION_END, '').trim();
    if (target) result.amendedBy = target;
    return result;
  }
  const superseded = SUPERSEDED_BY.exec(unmarked.trim());
  if (superseded) {
    result.status = 'superseded';
    const target = superseded[1].replace(EDGE_PUNCTUATION_END, '').trim();
    if (target) result.supersededBy = target;
    return result;
  }

  const words = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ');
  // A date before the word ("2020-01-02 accepted") is detail too.
  while (words.length > 1 && NUMBER_WORD.test(words[0])) words.shift();
  // The status is the leading words; what follows ("2020-01-02", "(no superseding ADR)", "by the board") is detail.
  for (let n = Math.min(MAX_WORDS, words.length); n >= 1; n--) {
    const key = words.slice(0, n).join(' ');
    const status = vocabulary?.get(key) ?? LOOKUP.get(key);
    if (status) {
      result.status = status;
      return result;
    }
  }
  // A sentence instead of a word ("The two points above have been implemented; ..."): the one status word its first
  // sentence uses, when it uses exactly one.
  if (words.length > MAX_WORDS) {
    const sentence = text.split(/[.;!?](?:\s|$)/)[0].toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ');
    const found = new Set<DecisionStatus>();
    for (const w of sentence) {
      const status = vocabulary?.get(w) ?? LOOKUP.get(w);
      if (status && w.length > 3 && w !== 'open' && w !== 'review' && w !== 'done' && w !== 'final') found.add(status);
    }
    if (found.size === 1) result.status = [...found][0];
    return result;
  }
  if (emojiStatus && words.join('') === '') {
    // Only an emoji: it is the team's word for the status.
    result.status = emojiStatus;
    result.text = raw.trim();
  }
  return result;
}

/** The synonyms of each status, for documentation and completion lists. */
export function statusSynonyms(status: DecisionStatus): readonly string[] {
  return SYNONYMS[status];
}
