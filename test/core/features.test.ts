// features/ holds only LSP features: every module there exports functions of the feature context, an open
// document or LSP values, and at least one of them answers with an LSP value. A helper on plain text or core types
// belongs to core/, where the CLI can use it too; a constant object belongs where it is defined. The check reads
// the types the compiler resolves, so it holds for inferred return types as well as written ones.
import path from 'node:path';
import { readdirSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const featuresDir = path.join(root, 'server/src/features');
/** Where LSP's own types are declared, and the feature context every feature receives. */
const LSP_DECLARATIONS = /node_modules\/vscode-languageserver(-types|-protocol|-textdocument)?\//;
const FEATURE_CONTEXT = path.join(featuresDir, 'context.ts');

interface ExportReport {
  file: string;
  name: string;
  /** A function whose parameters or result are LSP or feature types. */
  lspFunction: boolean;
  /** A function that answers with an LSP value. */
  answersLsp: boolean;
  /** A number, string or boolean constant (a limit or a name). */
  primitive: boolean;
  /** An interface or type alias: a shape of data the feature sends or reads. */
  typeOnly: boolean;
  /** Re-exported from another module. */
  reexport: boolean;
}

function program(files: string[]): ts.Program {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config;
  const options = ts.convertCompilerOptionsFromJson(config.compilerOptions, root).options;
  return ts.createProgram(files, { ...options, noEmit: true });
}

/** Does `type` (or anything it is made of: unions, arrays, promises, type arguments) come from LSP or the feature context? */
function isLspType(checker: ts.TypeChecker, type: ts.Type, lspOnly: boolean, seen = new Set<ts.Type>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  const symbols = [type.aliasSymbol, type.getSymbol()].filter((s): s is ts.Symbol => s !== undefined);
  for (const s of symbols) {
    for (const d of s.getDeclarations() ?? []) {
      const file = d.getSourceFile().fileName;
      if (LSP_DECLARATIONS.test(file) || (!lspOnly && path.resolve(file) === FEATURE_CONTEXT)) return true;
    }
  }
  const parts: readonly ts.Type[] = [
    ...(type.isUnionOrIntersection() ? type.types : []),
    ...(type.aliasTypeArguments ?? []),
    ...((type as ts.TypeReference).target ? checker.getTypeArguments(type as ts.TypeReference) : []),
  ];
  return parts.some((t) => isLspType(checker, t, lspOnly, seen));
}

function exportsOf(p: ts.Program, file: string): ExportReport[] {
  const checker = p.getTypeChecker();
  const source = p.getSourceFile(file)!;
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const own = !(exported.flags & ts.SymbolFlags.Alias);
    const symbol = own ? exported : checker.getAliasedSymbol(exported);
    const declaration = symbol.getDeclarations()?.[0];
    const reexport = !own || declaration?.getSourceFile() !== source;
    const typeOnly = (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) !== 0 && (symbol.flags & ts.SymbolFlags.Value) === 0;
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration ?? source);
    const signatures = type.getCallSignatures();
    const lspFunction =
      signatures.length > 0 &&
      signatures.every(
        (sig) =>
          isLspType(checker, sig.getReturnType(), false) ||
          sig.getParameters().some((param) => isLspType(checker, checker.getTypeOfSymbolAtLocation(param, declaration!), false)),
      );
    const answersLsp = signatures.some((sig) => isLspType(checker, sig.getReturnType(), true));
    const primitive = signatures.length === 0 && (type.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.StringLike | ts.TypeFlags.BooleanLike)) !== 0;
    return { file: path.relative(root, file).split(path.sep).join('/'), name: exported.getName(), lspFunction, answersLsp, primitive, typeOnly, reexport };
  });
}

const files = readdirSync(featuresDir)
  .filter((n) => n.endsWith('.ts'))
  .map((n) => path.join(featuresDir, n));
const featuresProgram = program(files);

describe('features/', () => {
  it('exports only functions over LSP or feature types, limits and names, and data shapes; nothing re-exported', () => {
    const helpers = files
      .flatMap((f) => exportsOf(featuresProgram, f))
      .filter((e) => e.reexport || !(e.lspFunction || e.primitive || e.typeOnly))
      .map((e) => `${e.file}: ${e.name}${e.reexport ? ' (re-exported)' : ''}`);
    expect(helpers).toEqual([]);
  });

  it('has in every module at least one function that answers with an LSP value', () => {
    const notFeatures = files.filter((f) => !exportsOf(featuresProgram, f).some((e) => e.answersLsp)).map((f) => path.relative(root, f));
    expect(notFeatures).toEqual([]);
  });

  it('tells a helper on plain text from a feature (the check itself works)', () => {
    const dir = path.join(root, 'test/core/fixtures/features');
    const p = program([path.join(dir, 'helper.ts'), path.join(dir, 'feature.ts')]);
    const byName = (f: string) => Object.fromEntries(exportsOf(p, path.join(dir, f)).map((e) => [e.name, e]));
    const helper = byName('helper.ts');
    expect(helper.shout).toMatchObject({ lspFunction: false, answersLsp: false });
    expect(helper.SETTINGS).toMatchObject({ lspFunction: false, primitive: false, typeOnly: false });
    const feature = byName('feature.ts');
    expect(feature.hoverAt).toMatchObject({ lspFunction: true, answersLsp: true });
    expect(feature.inferredRanges).toMatchObject({ lspFunction: true, answersLsp: true });
    expect(feature.labelOf).toMatchObject({ lspFunction: true, answersLsp: false });
    expect(feature.MAX_ITEMS).toMatchObject({ primitive: true });
    expect(feature.shout).toMatchObject({ reexport: true });
  });
});
