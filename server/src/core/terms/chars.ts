// Character classes and case folding per UTF-16 code unit, shared by the term matcher and the reference scanner.
// Both scanners look at every character of every file, so classes come from lookup tables (ASCII filled at load,
// the rest of the BMP filled lazily, once per distinct character) instead of a regular expression per character.

/** Letter, digit or combining mark: part of a word. */
export const WORD = 1;
export const UPPER = 2;
export const LOWER = 4;
export const DIGIT = 8;
/** Space, tab, line breaks and Unicode spaces: gaps between words. */
export const SPACE = 16;
/** `_` and `-`: join the words of an identifier (snake_case, kebab-case). */
export const JOINER = 32;
const KNOWN = 128;

const classes = new Uint8Array(65536);
const lowers = new Uint16Array(65536);

const reWord = /[\p{L}\p{N}\p{M}]/u;
const reUpper = /[\p{Lu}\p{Lt}]/u;
const reLower = /\p{Ll}/u;
const reDigit = /\p{N}/u;
const reSpace = /\s/u;

function computeClass(c: number): number {
  const ch = String.fromCharCode(c);
  let k = KNOWN;
  if (c === 95 || c === 45) k |= JOINER;
  else if (reSpace.test(ch)) k |= SPACE;
  else if (reWord.test(ch)) {
    k |= WORD;
    if (reUpper.test(ch)) k |= UPPER;
    else if (reLower.test(ch)) k |= LOWER;
    else if (reDigit.test(ch)) k |= DIGIT;
  }
  const lower = ch.toLowerCase();
  // Folds that change length (U+0130 İ -> i + dot) keep the character, so folding stays one unit per unit.
  lowers[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  classes[c] = k;
  return k;
}

for (let c = 0; c < 128; c++) computeClass(c);

/** The class bits of a UTF-16 code unit. Lone surrogates (halves of emoji) are neither words nor spaces. */
export function charClass(c: number): number {
  const k = classes[c];
  return k !== 0 ? k : computeClass(c);
}

/** Simple one-unit lower-case fold (the same for glossary terms and scanned text). */
export function foldCase(c: number): number {
  if (classes[c] === 0) computeClass(c);
  return lowers[c];
}

export function isWordChar(c: number): boolean {
  return (charClass(c) & WORD) !== 0;
}
