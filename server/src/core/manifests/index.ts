// Which files are dependency manifests, and the one entry point that reads any of them. Never throws: a manifest
// that does not parse declares nothing (the package manager reports it better than we could).
import { basename } from '../text';
import { readDockerfile, readCompose, readChartYaml, readDbtPackages, readTerraform } from './deploy';
import { readCargoToml, readGoMod } from './goCargo';
import { readPackageJson } from './javascript';
import { readGradle, readPomXml } from './jvm';
import type { Dependency } from './model';
import { readPyproject, readRequirements } from './python';

export type { Dependency, Ecosystem } from './model';
export { ECOSYSTEMS, normaliseName } from './model';

type Reader = (text: string) => Dependency[];

/** The reader of a manifest, by file name; undefined for any other file. */
export function manifestReader(path: string): Reader | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (name === 'package.json') return path.includes('node_modules/') ? undefined : readPackageJson;
  if (/^requirements.*\.(txt|in)$/i.test(name) || /^requirements\/.*\.(txt|in)$/i.test(path.split('/').slice(-2).join('/'))) return readRequirements;
  if (name === 'pyproject.toml') return readPyproject;
  if (name === 'go.mod') return readGoMod;
  if (name === 'pom.xml') return readPomXml;
  if (name === 'build.gradle' || name === 'build.gradle.kts') return readGradle;
  if (name === 'Cargo.toml') return readCargoToml;
  if (name === 'Chart.yaml') return readChartYaml;
  if (lower === 'dockerfile' || lower.endsWith('.dockerfile') || lower.startsWith('dockerfile.')) return readDockerfile;
  if (/^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i.test(name)) return readCompose;
  if (lower.endsWith('.tf')) return readTerraform;
  if (name === 'packages.yml' || name === 'dependencies.yml') return readDbtPackages;
  return undefined;
}

export function isManifestPath(path: string): boolean {
  return manifestReader(path) !== undefined;
}

export function readManifest(path: string, text: string): Dependency[] {
  const reader = manifestReader(path);
  if (!reader) return [];
  try {
    return reader(text);
  } catch {
    return [];
  }
}
