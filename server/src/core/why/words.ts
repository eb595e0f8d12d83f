// Words for ranking: lower case, split on anything that is not a letter or digit, question words and glue words
// dropped, a light suffix stemmer so "connectors" finds "connector" and "snapshots" finds "snapshot".

const STOP = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have how i if in into is it its ' +
    'me my of on or our ours should so than that the their them then there these they this those to was we were what ' +
    'when where which who whom why will with would you your us use used using uses pick picked choose chose chosen ' +
    'go went decide decided decision decisions instead rather not no dont don t s there here about over any all also'
  ).split(' '),
);

/** The negations that turn a question into "why did we not pick X": options and rejected decisions answer it. */
const NEGATION = /\b(?:not|no|instead|against|never|rejected|without)\b|n't\b/i;

export function isNegativeQuestion(question: string): boolean {
  return NEGATION.test(question);
}

/** Splits text into ranking words (stemmed, stop words dropped). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || STOP.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

/** A deliberately small stemmer: plural and verb endings of English, never below three letters. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ses') && word.length > 5) return dropE(word.slice(0, -1));
  if (word.endsWith('ing') && word.length > 5) return trimDouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4) return trimDouble(word.slice(0, -2));
  if (word.endsWith('es') && /(?:ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return dropE(word.slice(0, -1));
  return dropE(word);
}

/** "cache" and "cached" (stemmed to "cach") meet on the same stem. */
function dropE(w: string): string {
  return w.length > 4 && w.endsWith('e') ? w.slice(0, -1) : w;
}

function trimDouble(w: string): string {
  return w.length > 3 && w[w.length - 1] === w[w.length - 2] && !/[lsz]/.test(w[w.length - 1]) ? w.slice(0, -1) : w;
}
