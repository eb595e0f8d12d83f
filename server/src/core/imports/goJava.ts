// Go (`import "x"`, `import alias "x"`, `import ( … )`) and Java/Kotlin (`import a.b.C;`, `import static a.b.C.m;`,
// `import a.b.*`, `import a.b.C as D`) imports, which their grammars put at the start of a line.
import type { ImportLanguage, ImportRef } from './model';

export function readGoImports(text: string): ImportRef[] {
  const out: ImportRef[] = [];
  if (!text.includes('import')) return out;
  const lines = text.split('\n');
  let inBlock = false;
  let inComment = false;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (inComment) {
      if (line.includes('*/')) inComment = false;
      continue;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith('/*') && !trimmed.includes('*/')) {
      inComment = true;
      continue;
    }
    let spec: string | undefined;
    if (inBlock) {
      if (trimmed.startsWith(')')) {
        inBlock = false;
        continue;
      }
      spec = trimmed;
    } else if (/^import\s*\(/.test(trimmed)) {
      inBlock = true;
      spec = trimmed.replace(/^import\s*\(/, '');
      if (spec.includes(')')) inBlock = false;
    } else if (/^import\s/.test(trimmed)) spec = trimmed.slice(6);
    else if (/^(func|type|var|const)\s/.test(trimmed)) break; // imports come before any declaration
    if (!spec) continue;
    const m = /^\s*(?:[A-Za-z_.][\w]*\s+)?"([^"]+)"/.exec(spec);
    if (!m) continue;
    const start = line.indexOf(`"${m[1]}"`) + 1;
    out.push({ language: 'go', module: m[1], range: { start: { line: k + 1, character: start }, end: { line: k + 1, character: start + m[1].length } } });
  }
  return out;
}

const JVM_IMPORT = /^(\s*import\s+(?:static\s+)?)([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_`][\w`]*)*)(\s*\.\s*\*)?/;

export function readJvmImports(text: string, language: ImportLanguage): ImportRef[] {
  const out: ImportRef[] = [];
  if (!text.includes('import')) return out;
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const m = JVM_IMPORT.exec(lines[k]);
    if (!m) continue;
    const start = m[1].length;
    out.push({ language, module: m[2].replace(/[\s`]/g, ''), range: { start: { line: k + 1, character: start }, end: { line: k + 1, character: start + m[2].length } } });
  }
  return out;
}
