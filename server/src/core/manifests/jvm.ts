// Java and Kotlin builds: pom.xml read with an XML parser; build.gradle and build.gradle.kts, whose Groovy and
// Kotlin scripts no parser here reads, by the dependency-declaration calls within each line
// (`implementation("group:artifact:version")`, `api 'g:a:v'`, `testImplementation group: 'g', name: 'a'`).
import { onFirstUse } from '../lazyModule';
import { ManifestText } from './locate';
import type { Dependency } from './model';

// Loaded with the first pom.xml (see lazyModule.ts).
const xml = onFirstUse(() => {
  const { XMLParser } = require('fast-xml-parser') as typeof import('fast-xml-parser');
  return new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'dependency' || name === 'plugin' });
});

export function readPomXml(text: string): Dependency[] {
  let doc: Record<string, any>;
  try {
    doc = xml().parse(text) as Record<string, any>;
  } catch {
    return [];
  }
  const project = doc?.project;
  if (!project || typeof project !== 'object') return [];
  const m = new ManifestText(text);
  const out: Dependency[] = [];
  const lists = [project.dependencies?.dependency, project.dependencyManagement?.dependencies?.dependency];
  for (const profile of asArray(project.profiles?.profile)) lists.push(profile?.dependencies?.dependency);
  let from = 0;
  for (const list of lists) {
    for (const dep of asArray(list)) {
      const group = text0(dep?.groupId);
      const artifact = text0(dep?.artifactId);
      if (!artifact) continue;
      const name = group ? `${group}:${artifact}` : artifact;
      const tag = `<artifactId>${artifact}</artifactId>`;
      const at = text.indexOf(tag, from);
      let range;
      if (at >= 0) {
        range = m.rangeOf(at + '<artifactId>'.length, artifact.length);
        from = at + tag.length;
      } else range = m.find(artifact);
      out.push({ ecosystem: 'maven', name, key: name, version: text0(dep?.version), range });
    }
  }
  return out;
}

const CONFIGURATIONS =
  'implementation|api|compileOnly|runtimeOnly|testImplementation|testCompileOnly|testRuntimeOnly|annotationProcessor|kapt|ksp|compile|testCompile|runtime|classpath|developmentOnly|androidTestImplementation|debugImplementation';
/** `implementation("g:a:v")`, `api 'g:a'`, `kapt(libs.x)` is a version-catalog alias and names no coordinates. */
const STRING_NOTATION = new RegExp(`\\b(?:${CONFIGURATIONS})\\s*\\(?\\s*(?:platform\\s*\\(\\s*)?["']([^"':\\s]+):([^"':\\s]+)(?::([^"'\\s]+))?["']`, 'g');
const MAP_NOTATION = new RegExp(`\\b(?:${CONFIGURATIONS})\\s*\\(?\\s*group\\s*[:=]\\s*["']([^"']+)["']\\s*,\\s*name\\s*[:=]\\s*["']([^"']+)["'](?:\\s*,\\s*version\\s*[:=]\\s*["']([^"']+)["'])?`, 'g');

export function readGradle(text: string): Dependency[] {
  const m = new ManifestText(text);
  const out: Dependency[] = [];
  let inBlockComment = false;
  for (let line = 1; line <= m.lines.lineCount; line++) {
    let raw = m.lines.lineText(line);
    if (inBlockComment) {
      const end = raw.indexOf('*/');
      if (end < 0) continue;
      raw = ' '.repeat(end + 2) + raw.slice(end + 2);
      inBlockComment = false;
    }
    const open = raw.indexOf('/*');
    if (open >= 0 && raw.indexOf('*/', open) < 0) {
      inBlockComment = true;
      raw = raw.slice(0, open);
    }
    const comment = raw.indexOf('//');
    if (comment >= 0 && !/["'][^"']*\/\//.test(raw.slice(0, comment + 2))) raw = raw.slice(0, comment);
    for (const re of [STRING_NOTATION, MAP_NOTATION]) {
      re.lastIndex = 0;
      for (let match = re.exec(raw); match; match = re.exec(raw)) {
        const [, group, artifact, version] = match;
        const start = match.index + match[0].lastIndexOf(artifact);
        const name = `${group}:${artifact}`;
        out.push({ ecosystem: 'maven', name, key: name, version, range: { start: { line, character: start }, end: { line, character: start + artifact.length } } });
      }
    }
  }
  return out;
}

function asArray(v: unknown): any[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function text0(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  return undefined;
}
