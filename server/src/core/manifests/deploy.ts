// Deployment manifests: Dockerfile `FROM` images, docker-compose `image:`, Helm Chart.yaml dependencies, dbt
// packages.yml, Terraform `required_providers`. YAML is read with the yaml package, whose nodes carry their
// offsets; Dockerfile and HCL by their line grammar.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { TextRange } from '../model';
import { ManifestText } from './locate';
import { normaliseName, type Dependency, type Ecosystem } from './model';

export function readDockerfile(text: string): Dependency[] {
  const m = new ManifestText(text);
  const out: Dependency[] = [];
  const stages = new Set<string>();
  const args = new Map<string, string>();
  for (let line = 1; line <= m.lines.lineCount; line++) {
    const raw = m.lines.lineText(line);
    const arg = /^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)=("?)([^"\s]*)\2/i.exec(raw);
    if (arg) args.set(arg[1], arg[3]);
    const from = /^\s*FROM\s+((?:--\S+\s+)*)(\S+)(?:\s+AS\s+(\S+))?/i.exec(raw);
    if (!from) continue;
    const image = from[2];
    if (from[3]) stages.add(from[3].toLowerCase());
    // A build stage named earlier, `scratch` and an image only an ARG names at build time are no dependency.
    if (stages.has(image.toLowerCase()) && image.toLowerCase() !== from[3]?.toLowerCase()) continue;
    if (image.toLowerCase() === 'scratch') continue;
    const resolved = image.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n: string) => args.get(n) ?? '');
    if (!resolved || resolved.startsWith(':')) continue;
    const start = /^\s*FROM\s+(?:--\S+\s+)*/i.exec(raw)![0].length;
    out.push(image_(resolved, { start: { line, character: start }, end: { line, character: start + image.length } }));
  }
  return out;
}

function image_(image: string, range: TextRange): Dependency {
  const key = normaliseName('docker', image);
  const tag = image.slice(image.lastIndexOf('/') + 1).split(/[:@]/)[1];
  return { ecosystem: 'docker', name: image, key, version: tag, range };
}

interface YamlText {
  root: Node | null;
  range(node: Node): TextRange;
}

function readYaml(text: string): YamlText | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  const m = new ManifestText(text);
  return {
    root: doc.contents as Node | null,
    range: (node) => (node.range ? m.rangeOf(node.range[0], node.range[1] - node.range[0]) : m.find('')),
  };
}

function get(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) if (isScalar(item.key) && String(item.key.value) === key) return (item.value ?? undefined) as Node | undefined;
  return undefined;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** The range of a scalar's text without its quotes. */
function scalarRange(y: YamlText, node: Node): TextRange {
  const r = y.range(node);
  if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && r.start.line === r.end.line) {
    return { start: { line: r.start.line, character: r.start.character + 1 }, end: { line: r.end.line, character: r.end.character - 1 } };
  }
  return r;
}

export function readCompose(text: string): Dependency[] {
  const y = readYaml(text);
  const services = y && get(y.root, 'services');
  if (!y || !isMap(services)) return [];
  const out: Dependency[] = [];
  for (const item of services.items) {
    const image = get(item.value, 'image');
    const name = scalarText(image);
    if (image && name && !name.startsWith('$')) out.push(image_(name, scalarRange(y, image)));
  }
  return out;
}

/** Helm Chart.yaml `dependencies:` and dbt packages.yml / dependencies.yml `packages:`. */
export function readChartYaml(text: string): Dependency[] {
  return yamlList(text, 'dependencies', 'helm', (entry) => get(entry, 'name'), (entry) => scalarText(get(entry, 'version')));
}

export function readDbtPackages(text: string): Dependency[] {
  return yamlList(
    text,
    'packages',
    'dbt',
    (entry) => get(entry, 'package') ?? get(entry, 'git') ?? get(entry, 'local'),
    (entry) => scalarText(get(entry, 'version')) ?? scalarText(get(entry, 'revision')),
  );
}

function yamlList(text: string, key: string, ecosystem: Ecosystem, nameOf: (e: Node) => Node | undefined, versionOf: (e: Node) => string | undefined): Dependency[] {
  const y = readYaml(text);
  const list = y && get(y.root, key);
  if (!y || !isSeq(list)) return [];
  const out: Dependency[] = [];
  for (const entry of list.items) {
    const node = nameOf(entry as Node);
    const name = scalarText(node);
    if (!node || !name) continue;
    out.push({ ecosystem, name, key: normaliseName(ecosystem, name), version: versionOf(entry as Node), range: scalarRange(y, node) });
  }
  return out;
}

/**
 * Terraform `terraform { required_providers { aws = { source = "hashicorp/aws", version = "~> 5.0" } } }`. HCL
 * blocks are followed by their braces; the provider is named by its source (`hashicorp/aws`), or by its local name
 * under the default `hashicorp/` namespace when no source is given.
 */
export function readTerraform(text: string): Dependency[] {
  const m = new ManifestText(text);
  const out: Dependency[] = [];
  let depth = 0;
  let providersDepth = -1;
  let entry: { local: string; depth: number; line: number; start: number; source?: { value: string; line: number; start: number }; version?: string } | undefined;
  for (let line = 1; line <= m.lines.lineCount; line++) {
    const raw = m.lines.lineText(line).replace(/(#|\/\/).*$/, '');
    if (providersDepth < 0 && /^\s*required_providers\s*\{/.test(raw)) providersDepth = depth + 1;
    else if (providersDepth >= 0 && depth === providersDepth) {
      const open = /^\s*("?)([A-Za-z0-9_-]+)\1\s*=\s*\{/.exec(raw);
      const shorthand = /^\s*("?)([A-Za-z0-9_-]+)\1\s*=\s*"([^"]*)"/.exec(raw);
      if (open) entry = { local: open[2], depth: depth + 1, line, start: raw.indexOf(open[2]) };
      else if (shorthand) {
        const start = raw.indexOf(shorthand[2]);
        out.push(provider(`hashicorp/${shorthand[2]}`, shorthand[3], { start: { line, character: start }, end: { line, character: start + shorthand[2].length } }));
      }
    }
    if (entry) {
      const source = /\bsource\s*=\s*"([^"]+)"/.exec(raw);
      if (source) entry.source = { value: source[1], line, start: raw.indexOf(source[1], source.index) };
      const version = /\bversion\s*=\s*"([^"]+)"/.exec(raw);
      if (version) entry.version = version[1];
    }
    for (const c of raw) {
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (entry && depth < entry.depth) {
          const s = entry.source;
          out.push(
            s
              ? provider(s.value, entry.version, { start: { line: s.line, character: s.start }, end: { line: s.line, character: s.start + s.value.length } })
              : provider(`hashicorp/${entry.local}`, entry.version, { start: { line: entry.line, character: entry.start }, end: { line: entry.line, character: entry.start + entry.local.length } }),
          );
          entry = undefined;
        }
        if (providersDepth >= 0 && depth < providersDepth) providersDepth = -1;
      }
    }
  }
  return out;
}

function provider(source: string, version: string | undefined, range: TextRange): Dependency {
  // `registry.terraform.io/hashicorp/aws` and `hashicorp/aws` are the same provider.
  const name = source.replace(/^registry\.terraform\.io\//i, '');
  return { ecosystem: 'terraform', name, key: normaliseName('terraform', name), version, range };
}
