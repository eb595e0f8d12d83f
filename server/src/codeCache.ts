// How VS Code starts the language server: `node codeCache.js --code-cache=<folder> …`, which runs the server's
// bundle (main.js, next to it) with a V8 code cache kept in <folder> (the extension's global storage, never a
// workspace). Compiling the 1.7 MB bundle and the functions a start runs is a large part of a start's CPU; with the
// cache a second start reuses them. The cache is named by a digest of the bundle, node's version and the
// architecture, checked against a digest of its own bytes before V8 sees it, written under a temporary name and
// renamed, and written again whenever V8 rejects it. Any failure (a folder that cannot be written, a missing or
// damaged cache) only means a start without it. Other editors run main.js directly (`node main.js --stdio`).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

const bundle = path.join(__dirname, 'main.js');
const folder = process.argv.find((a) => a.startsWith('--code-cache='))?.slice('--code-cache='.length);
/** When the cache is written: once the start has compiled what it runs (a start on a large workspace goes on). */
const WRITE_AFTER_MS = 3000;

/** Reports what the loader did on stderr, for tests: `ARCHLENS_CODE_CACHE_TRACE=1`. */
const trace = (what: string) => {
  if (process.env.ARCHLENS_CODE_CACHE_TRACE) process.stderr.write(`archlens-code-cache ${what}\n`);
};

function run(): void {
  if (!folder) return void require(bundle);
  const source = fs.readFileSync(bundle, 'utf8');
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(source).digest('hex').slice(0, 32);
  const file = path.join(folder, `server-${key}.cache`);
  const cached = readCache(file);
  // The CommonJS wrapper node itself uses, so the bundle runs as the module it was built as.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData: cached });
  const used = cached !== undefined && !script.cachedDataRejected;
  trace(cached === undefined ? 'none' : used ? 'used' : 'rejected');
  const mod = { exports: {}, filename: bundle, id: bundle, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  if (used) return;
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    writeCache(file, script.createCachedData());
  };
  setTimeout(write, WRITE_AFTER_MS).unref();
  process.once('exit', write);
  // V8 takes a cache only under the flags it was made with: one made after the server changed a flag (the memory
  // release turns on `--expose-gc`) would be turned down at every later start. It is written before the first change.
  const v8 = require('node:v8') as { setFlagsFromString: (flags: string) => void };
  const setFlags = v8.setFlagsFromString;
  v8.setFlagsFromString = (flags: string) => {
    write();
    v8.setFlagsFromString = setFlags;
    setFlags(flags);
  };
}

/** The cached data in `file` when its own digest matches, else undefined (missing, cut short or damaged). */
function readCache(file: string): Buffer | undefined {
  try {
    const bytes = fs.readFileSync(file);
    if (bytes.length <= 32) return undefined;
    const data = bytes.subarray(32);
    return createHash('sha256').update(data).digest().equals(bytes.subarray(0, 32)) ? data : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, Buffer.concat([createHash('sha256').update(data).digest(), data]));
    fs.renameSync(temporary, file);
    trace('written');
    // Caches of other bundles (an older version of the extension, another node) are of no more use.
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (/^server-[0-9a-f]{32}\.cache$/.test(name) && name !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

run();
