// Python: requirements files (pip's line format), pyproject.toml in PEP 621 (`[project]`, optional dependencies,
// PEP 735 dependency groups) and Poetry (`[tool.poetry.*dependencies]`) form, read with a TOML parser.
import { isObject } from './javascript';
import { ManifestText, parseTomlTable } from './locate';
import { normaliseName, type Dependency } from './model';

/** The distribution name at the start of a PEP 508 requirement (`great_expectations[spark]>=0.18; python_version>"3.8"`). */
const REQUIREMENT_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;

export function readRequirements(text: string): Dependency[] {
  const m = new ManifestText(text);
  const out: Dependency[] = [];
  for (let line = 1; line <= m.lines.lineCount; line++) {
    const raw = m.lines.lineText(line);
    // ` #` starts a comment; options (-r, -e, --hash), URLs and local paths name no index package.
    const content = raw.replace(/(^|\s)#.*$/, '');
    const trimmed = content.trim();
    if (!trimmed || trimmed.startsWith('-') || /^[a-z+]+:\/\//i.test(trimmed) || trimmed.startsWith('.') || trimmed.startsWith('/')) continue;
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(raw);
    if (/@\s*\w+:\/\//.test(trimmed) && !REQUIREMENT_NAME.test(trimmed) && !egg) continue;
    const match = REQUIREMENT_NAME.exec(content);
    if (!match) continue;
    const name = match[1];
    const start = content.indexOf(name);
    const version = match[3].split(';')[0].replace(/\\$/, '').trim() || undefined;
    out.push({ ecosystem: 'pypi', name, key: normaliseName('pypi', name), version, range: { start: { line, character: start }, end: { line, character: start + name.length } } });
  }
  return out;
}

export function readPyproject(text: string): Dependency[] {
  const toml = parseTomlTable(text);
  if (!toml) return [];
  const m = new ManifestText(text);
  const out: Dependency[] = [];
  const pep508 = (list: unknown, from: number) => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (typeof item !== 'string') continue;
      const match = REQUIREMENT_NAME.exec(item);
      if (!match) continue;
      const name = match[1];
      out.push({ ecosystem: 'pypi', name, key: normaliseName('pypi', name), version: match[3].split(';')[0].trim() || undefined, range: m.find(name, from) });
    }
  };
  const project = toml.project;
  if (isObject(project)) {
    pep508(project.dependencies, m.anchor('[project]'));
    if (isObject(project['optional-dependencies'])) {
      const from = m.anchor('[project.optional-dependencies]', 'optional-dependencies');
      for (const list of Object.values(project['optional-dependencies'])) pep508(list, from);
    }
  }
  if (isObject(toml['dependency-groups'])) {
    const from = m.anchor('[dependency-groups]');
    for (const list of Object.values(toml['dependency-groups'])) pep508(list, from);
  }
  const poetry = isObject(toml.tool) && isObject(toml.tool.poetry) ? toml.tool.poetry : undefined;
  if (poetry) {
    const tables: [unknown, number][] = [
      [poetry.dependencies, m.anchor('[tool.poetry.dependencies]', '[tool.poetry]')],
      [poetry['dev-dependencies'], m.anchor('[tool.poetry.dev-dependencies]', '[tool.poetry]')],
    ];
    if (isObject(poetry.group)) {
      for (const [group, value] of Object.entries(poetry.group)) {
        if (isObject(value)) tables.push([value.dependencies, m.anchor(`[tool.poetry.group.${group}.dependencies]`, '[tool.poetry]')]);
      }
    }
    for (const [table, from] of tables) {
      if (!isObject(table)) continue;
      for (const [name, spec] of Object.entries(table)) {
        if (name.toLowerCase() === 'python') continue;
        const version = typeof spec === 'string' ? spec : isObject(spec) && typeof spec.version === 'string' ? spec.version : undefined;
        out.push({ ecosystem: 'pypi', name, key: normaliseName('pypi', name), version, range: m.find(name, from) });
      }
    }
  }
  return out;
}
