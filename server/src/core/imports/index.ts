// Which files hold imports, and the one entry point that reads them. Never throws.
import { readDbtImports } from './dbt';
import { readGoImports, readJvmImports } from './goJava';
import { readJavaScriptImports } from './javascript';
import type { ImportRef } from './model';
import { readPythonImports } from './python';

export type { ImportLanguage, ImportRef } from './model';
export { DOTTED } from './model';

const JS = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/i;

export function importReader(path: string): ((text: string) => ImportRef[]) | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  const ext = path.slice(dot + 1).toLowerCase();
  if (ext === 'py' || ext === 'pyi') return readPythonImports;
  if (ext === 'go') return readGoImports;
  if (ext === 'java') return (t) => readJvmImports(t, 'java');
  if (ext === 'kt' || ext === 'kts') return (t) => readJvmImports(t, 'kotlin');
  if (ext === 'sql') return readDbtImports;
  if (JS.test(path) && !path.endsWith('.d.ts')) return readJavaScriptImports;
  return undefined;
}

export function readImports(path: string, text: string): ImportRef[] {
  const reader = importReader(path);
  if (!reader) return [];
  try {
    return reader(text);
  } catch {
    return [];
  }
}
