// package.json: the four dependency tables npm, pnpm and yarn read.
import { normaliseName, type Dependency } from './model';
import { ManifestText } from './locate';

const TABLES = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

export function readPackageJson(text: string): Dependency[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isObject(json)) return [];
  const m = new ManifestText(text);
  const out: Dependency[] = [];
  for (const table of TABLES) {
    const deps = json[table];
    if (!isObject(deps)) continue;
    const from = m.anchor(`"${table}"`);
    for (const [name, version] of Object.entries(deps)) {
      out.push({ ecosystem: 'npm', name, key: normaliseName('npm', name), version: typeof version === 'string' ? version : undefined, range: m.find(`"${name}"`, from) });
    }
  }
  // The range is of the quoted key; the name is inside the quotes.
  for (const d of out) if (d.range.start.line === d.range.end.line && d.range.end.character - d.range.start.character === d.name.length + 2) {
    d.range = { start: { line: d.range.start.line, character: d.range.start.character + 1 }, end: { line: d.range.end.line, character: d.range.end.character - 1 } };
  }
  return out;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
