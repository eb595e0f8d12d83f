// Packages only some features need (graph layout, fuzzy search, XML manifests) are loaded the first time one of them
// runs, not when the server starts: the code `require`s them inside a function given to onFirstUse, and the build
// (scripts/build.mjs) bundles each package that server code `require`s into a file of its own under
// server/out/vendor/, so the start neither compiles nor runs it. A package imported with `import` is in the main
// bundle, loaded at start.

/** A value computed on its first call and kept: `load` is a `require` of a package only some features need. */
export function onFirstUse<T>(load: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: load() }).v;
}
