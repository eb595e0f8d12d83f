// go.mod (Go's own line grammar: `require path version`, `require ( … )` blocks) and Cargo.toml (TOML).
import { isObject } from './javascript';
import { ManifestText, parseTomlTable } from './locate';
import { normaliseName, type Dependency } from './model';

export function readGoMod(text: string): Dependency[] {
  const m = new ManifestText(text);
  const out: Dependency[] = [];
  let inRequire = false;
  for (let line = 1; line <= m.lines.lineCount; line++) {
    const raw = m.lines.lineText(line);
    const content = raw.replace(/\/\/.*$/, '');
    const trimmed = content.trim();
    if (!trimmed) continue;
    let spec: string | undefined;
    if (inRequire) {
      if (trimmed === ')') {
        inRequire = false;
        continue;
      }
      spec = trimmed;
    } else if (/^require\s*\(\s*$/.test(trimmed)) {
      inRequire = true;
      continue;
    } else if (trimmed.startsWith('require ')) spec = trimmed.slice('require '.length).trim();
    if (!spec) continue;
    const [path, version] = spec.split(/\s+/);
    if (!path) continue;
    const name = path.replace(/^"|"$/g, '');
    const start = raw.indexOf(name);
    out.push({ ecosystem: 'go', name, key: name, version, range: { start: { line, character: start }, end: { line, character: start + name.length } } });
  }
  return out;
}

const CARGO_TABLES = ['dependencies', 'dev-dependencies', 'build-dependencies'];

export function readCargoToml(text: string): Dependency[] {
  const toml = parseTomlTable(text);
  if (!toml) return [];
  const m = new ManifestText(text);
  const out: Dependency[] = [];
  const table = (deps: unknown, header: string) => {
    if (!isObject(deps)) return;
    const from = m.anchor(`[${header}]`);
    for (const [key, spec] of Object.entries(deps)) {
      // `kafka = { package = "rdkafka", … }` depends on the crate `rdkafka` under a local name.
      const name = isObject(spec) && typeof spec.package === 'string' ? spec.package : key;
      const version = typeof spec === 'string' ? spec : isObject(spec) && typeof spec.version === 'string' ? spec.version : undefined;
      // A `[dependencies.serde]` table names the crate in its header.
      const sub = text.indexOf(`[${header}.${key}]`);
      const range = sub >= 0 ? m.rangeOf(sub + header.length + 2, key.length) : m.find(key, from);
      out.push({ ecosystem: 'cargo', name, key: normaliseName('cargo', name), version, range });
    }
  };
  for (const t of CARGO_TABLES) table(toml[t], t);
  if (isObject(toml.workspace)) table(toml.workspace.dependencies, 'workspace.dependencies');
  if (isObject(toml.target)) {
    for (const [cfg, value] of Object.entries(toml.target)) {
      if (!isObject(value)) continue;
      for (const t of CARGO_TABLES) table(value[t], `target.${quoteKey(cfg)}.${t}`);
    }
  }
  return out;
}

function quoteKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : `'${key}'`;
}
