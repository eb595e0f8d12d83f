// What the file name of a decision record says: its number (0007-x.md, adr-007-x.md), its date (log4brains'
// 20201028-x.md), whether it is a template, and a readable title when the document has none.
import { stripMarkdownExtension } from '../paths';
import { basename } from '../text';

// adr-007-x, ADR-7-x, adr_0007, adr0007.
const ADR_PREFIXED = /^adr[-_ ]?0*(\d{1,7})(?=$|[-_ .])/i;
// 0007-x, 7-x, 0007. Eight digits are a log4brains date, and YYYY-MM-DD a date too: neither is a number.
const NUMBER_PREFIXED = /^(\d{1,7})(?=$|[-_ .])/;
const ISO_DATE_PREFIX = /^\d{4}-\d{2}-\d{2}(?:$|[-_ .])/;
const LOG4BRAINS_NAME = /^(\d{4})(\d{2})(\d{2})[-_]/;
const TEMPLATE_FOLDER = /(?:^|\/)(?:templates?|_templates?|\.templates?)\//i;
// template, adr-template, adr-template-bare, 0000-TEMPLATE, nygard_template.md; not adr-014-project-templates.md.
const TEMPLATE_NAME = /^(?:0+[-_. ])?(?:[a-z]+[-_. ])?template(?:$|[-_. ])/i;

/** The decision number the file name gives, if any. */
export function decisionNumberFromPath(path: string): number | undefined {
  const name = stripMarkdownExtension(basename(path));
  let m = ADR_PREFIXED.exec(name);
  if (m) return Number(m[1]);
  if (ISO_DATE_PREFIX.test(name)) return undefined;
  m = NUMBER_PREFIXED.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** True for the templates teams keep next to their decisions, which are not decisions themselves. */
export function isDecisionTemplate(path: string): boolean {
  if (TEMPLATE_FOLDER.test(path)) return true;
  return TEMPLATE_NAME.test(stripMarkdownExtension(basename(path)));
}

/** True for log4brains' `YYYYMMDD-slug.md` names. */
export function isLog4brainsName(path: string): boolean {
  return LOG4BRAINS_NAME.test(basename(path));
}

/** The date a log4brains file name starts with, as YYYY-MM-DD text (not checked against the calendar). */
export function dateFromLog4brainsName(path: string): string | undefined {
  const m = LOG4BRAINS_NAME.exec(basename(path));
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

const NAME_PREFIX = /^(?:adr[-_ ]?\d+|\d{8}|\d{4}-\d{2}-\d{2}|\d+)[-_ .]*/i;

/** A readable title from a file name: `0007-use-postgres.md` -> "Use postgres". */
export function titleFromPath(path: string): string {
  const name = stripMarkdownExtension(basename(path));
  const words = (name.replace(NAME_PREFIX, '') || name).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
