// What the file name of a decision record says: its number (0007-x.md, adr-007-x.md), its date (log4brains'
// 20201028-x.md), whether it is a template, and a readable title when the document has none.
import { stripMarkdownExtension } from '../paths';
import { basename, dirname } from '../text';

// adr-007-x, ADR-7-x, adr_0007, adr0007, DR-3, RFC-0002, PRJ-ADR-0003 (a project prefix before the kind).
const ADR_PREFIXED = /^(?:[a-z]{2,10}[-_])?(?:adr|dr|rfc)[-_ ]?0*(\d{1,7})(?=$|[-_ .])/i;
/** Unfilled numbers of templates: ADR-nnn_x, ADR-XXX_x. */
const PLACEHOLDER_NUMBER = /^(?:[a-z]{2,10}[-_])?(?:adr|dr|rfc)[-_ ]?(?:n{2,}|x{2,})(?=$|[-_ .])/i;
/** A folder numbered zero (`rfcs/RFC-0000/README.md`) holds the template; a file `0000-x.md` can be a real first decision. */
const ZERO_FOLDER = /^(?:(?:[a-z]{2,10}[-_])?(?:adr|dr|rfc)[-_ ]?)?0+(?=$|[-_ .])/i;
const FOLDER_DOCUMENT = /^(?:readme|index|_index)$/i;
// 0007-x, 7-x, 0007. Eight digits are a log4brains date, and YYYY-MM-DD a date too: neither is a number.
const NUMBER_PREFIXED = /^(\d{1,7})(?=$|[-_ .])/;
const ISO_DATE_PREFIX = /^\d{4}-\d{2}-\d{2}(?:$|[-_ .])/;
const LOG4BRAINS_NAME = /^(\d{4})(\d{2})(\d{2})[-_]/;
const TEMPLATE_FOLDER = /(?:^|\/)(?:templates?|_templates?|\.templates?)\//i;
// template, adr-template, adr-template-bare, 0000-TEMPLATE, nygard_template.md; not adr-014-project-templates.md.
const TEMPLATE_NAME = /^(?:0+[-_. ])?(?:[a-z]+[-_. ])?template(?:$|[-_. ])/i;

/** The decision number the file name gives, if any. */
export function decisionNumberFromPath(path: string): number | undefined {
  const name = decisionName(path);
  let m = ADR_PREFIXED.exec(name);
  if (m) return Number(m[1]);
  if (ISO_DATE_PREFIX.test(name)) return undefined;
  m = NUMBER_PREFIXED.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** True for the templates teams keep next to their decisions, which are not decisions themselves. */
export function isDecisionTemplate(path: string): boolean {
  if (TEMPLATE_FOLDER.test(path)) return true;
  const name = decisionName(path);
  return TEMPLATE_NAME.test(name) || PLACEHOLDER_NUMBER.test(name) || (isFolderDocument(path) && ZERO_FOLDER.test(name));
}

/** The name that identifies a decision: the file name without extension, or the folder's for README/index files. */
export function decisionName(path: string): string {
  const name = stripMarkdownExtension(basename(path));
  if (!FOLDER_DOCUMENT.test(name)) return name;
  const folder = basename(dirname(path));
  return folder || name;
}

/** Is this a README/index document that stands for its folder? */
export function isFolderDocument(path: string): boolean {
  return FOLDER_DOCUMENT.test(stripMarkdownExtension(basename(path)));
}

const NUMBER_PREFIXED_SLUG = /^\d{1,7}[-_ ][a-z]/i;

/** Is this name numbered as a decision (`0007-x`, `ADR-7`, `RFC-0002-x`, `PRJ-ADR-0003`)? */
export function isNumberedDecisionName(name: string): boolean {
  return !PLACEHOLDER_NUMBER.test(name) && (ADR_PREFIXED.test(name) || NUMBER_PREFIXED_SLUG.test(name));
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

const NAME_PREFIX = /^(?:(?:[a-z]{2,10}[-_])?(?:adr|dr|rfc)[-_ ]?\d+|\d{8}|\d{4}-\d{2}-\d{2}|\d+)[-_ .]*/i;

/** A readable title from a file name: `0007-use-postgres.md` -> "Use postgres". */
export function titleFromPath(path: string): string {
  const name = decisionName(path);
  const words = (name.replace(NAME_PREFIX, '') || name).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
