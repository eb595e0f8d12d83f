// Reading and analysing a large workspace on every core (the command line's `index` and `check` of a big
// repository): worker threads, each running this same bundle, read runs of files and analyse them exactly as the
// index would on its own thread (core/analyse.ts `analyseFile`, with the discovery context made again from the same
// settings and marker files), and post the records back; structured cloning gives the main thread fresh strings, so
// no record keeps a file's text. Parsing decisions and glossaries is most of an index's time and runs in parallel;
// what the main thread keeps is storing records and deriving the snapshot.
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyseFile, isIndexedPath } from '../core/analyse';
import type { BulkAnalyser, BulkResult, BulkSetup } from '../core/bulkRead';
import { createDiscoveryContext, type DiscoveryContext } from '../core/discovery';
import { detachStrings } from '../core/text';
import { NodeWorkspace } from './nodeWorkspace';

/** Files per message: large enough that messaging costs little, small enough to share the work evenly. */
const RUN = 64;
/** Below this many files, starting threads (each loads the bundle) costs more than it saves. */
const MIN_FILES = 3000;
/** Runs sent ahead to each worker, so none waits for the main thread between runs. */
const AHEAD = 2;

const WORKER_KIND = 'archlens-index-worker';

interface WorkerInput {
  kind: typeof WORKER_KIND;
  root: string;
}

export interface IndexWorkerOptions {
  /** Worker threads; default: the idle cores, when at least two are. */
  threads?: number;
  /** The script a worker runs: this bundle (it serves as a worker when started as one). */
  script?: string;
  /** Files below which the index reads on its own thread. */
  minFiles?: number;
}

/** The number of worker threads `ARCHLENS_INDEX_THREADS` asks for (0 turns them off), else undefined. */
export function threadsFromEnvironment(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.ARCHLENS_INDEX_THREADS;
  if (raw === undefined || !/^\d{1,2}$/.test(raw.trim())) return undefined;
  return Number(raw);
}

interface Slot {
  worker: Worker;
  /** The discovery context last sent to this worker. */
  setup?: BulkSetup;
  /** Where the worker's answers go during a pass. */
  pass?: { message(message: { id: number; results: BulkResult[] }): void; failed(err: Error): void };
}

/**
 * Cores nobody else is using (the cores less the last minute's load average), or 0 when fewer than two are idle:
 * threads on a busy machine only add the cost of starting them and copying records to the work, and one worker
 * beside an idle main thread is no faster than the main thread alone.
 */
function idleCores(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const idle = Math.floor(cores - os.loadavg()[0]);
  return idle >= 2 ? idle : 0;
}

export class IndexWorkers implements BulkAnalyser {
  /** Files analysed on worker threads so far. */
  analysed = 0;
  /** Started on first use and kept for the next pass (documents, then source files); they never keep the process alive. */
  private pool: Slot[] = [];
  private busy = false;

  constructor(private readonly root: string, private readonly options: IndexWorkerOptions = {}) {}

  analyse(paths: readonly string[], setup: BulkSetup): AsyncIterable<BulkResult[]> | undefined {
    const threads = Math.min(this.options.threads ?? idleCores(), Math.ceil(paths.length / RUN));
    if (this.busy || threads < 1 || paths.length < (this.options.minFiles ?? MIN_FILES)) return undefined;
    return this.run(paths, setup, threads);
  }

  /** Stops the worker threads (the next pass starts new ones). */
  close(): void {
    for (const { worker } of this.pool) void worker.terminate();
    this.pool = [];
  }

  private async *run(paths: readonly string[], setup: BulkSetup, threads: number): AsyncGenerator<BulkResult[]> {
    this.busy = true;
    const runs = Math.ceil(paths.length / RUN);
    const results: (BulkResult[] | undefined)[] = new Array(runs);
    let sent = 0;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    while (this.pool.length < threads) {
      const worker = new Worker(this.options.script ?? __filename, { workerData: { kind: WORKER_KIND, root: this.root } satisfies WorkerInput });
      worker.unref();
      // One set of listeners for the worker's life, handing events to the pass in progress.
      const slot: Slot = { worker };
      worker.on('message', (message: { id: number; results: BulkResult[] }) => slot.pass?.message(message));
      worker.on('error', (err) => slot.pass?.failed(err instanceof Error ? err : new Error(String(err))));
      worker.on('exit', (code) => {
        this.pool = this.pool.filter((s) => s !== slot);
        slot.pass?.failed(new Error(`an index worker stopped with code ${code}`));
      });
      this.pool.push(slot);
    }
    const used = this.pool.slice(0, threads);
    const sendNext = (slot: Slot) => {
      if (sent >= runs) return;
      const id = sent++;
      // The discovery context goes with the first run of a pass.
      const withSetup = slot.setup === setup ? undefined : setup;
      slot.setup = setup;
      slot.worker.postMessage({ id, paths: paths.slice(id * RUN, (id + 1) * RUN), setup: withSetup });
    };
    try {
      for (const slot of used) {
        // Held while a pass waits for them; let go between passes so an idle pool never keeps the process alive.
        slot.worker.ref();
        slot.pass = {
          message: (message) => {
            results[message.id] = message.results;
            sendNext(slot);
            notify();
          },
          failed: (err) => {
            failure ??= err;
            notify();
          },
        };
        for (let k = 0; k < AHEAD; k++) sendNext(slot);
      }
      for (let next = 0; next < runs; next++) {
        while (results[next] === undefined) {
          if (failure) throw failure;
          await new Promise<void>((resolve) => (wake = resolve));
        }
        const run = results[next]!;
        results[next] = undefined;
        this.analysed += run.length;
        yield run;
      }
    } finally {
      for (const slot of used) {
        slot.pass = undefined;
        slot.worker.unref();
      }
      // A pass left part way (a failure, or the index stopped asking) leaves workers with runs in hand: new ones next time.
      if (failure || results.some((r) => r !== undefined) || sent < runs) this.close();
      this.busy = false;
    }
  }
}

/**
 * When this bundle was started as an index worker: answers runs of paths with their results until terminated, and
 * returns true (the caller then does nothing else). False on the main thread.
 */
export function serveAsIndexWorker(): boolean {
  const input = workerData as WorkerInput | undefined;
  if (isMainThread || !parentPort || input?.kind !== WORKER_KIND) return false;
  const port = parentPort;
  const workspace = new NodeWorkspace(input.root);
  let ctx: DiscoveryContext | undefined;
  let max = 0;
  // Runs are answered one after another, in the order they came.
  let queue = Promise.resolve();
  let first = false;
  port.on('message', (message: { id: number; paths: string[]; setup?: BulkSetup }) => {
    if (message.setup) {
      ctx = createDiscoveryContext(message.setup.settings, message.setup.markers, message.setup.above);
      max = message.setup.settings.maxFileSize;
      first = message.setup.first === true;
    }
    const context = ctx!;
    const limit = max;
    const options = { first };
    queue = queue.then(async () => {
      const [ctx, max] = [context, limit];
      const results: BulkResult[] = [];
      for (const path of message.paths) {
        if (!isIndexedPath(path, ctx)) {
          results.push({ record: undefined });
          continue;
        }
        const bytes = await workspace.readFileWithin(path, max);
        if (bytes === undefined) results.push({ gone: true });
        else if (typeof bytes === 'number') results.push({ tooLarge: bytes });
        else results.push({ record: detachStrings(analyseFile(path, bytes, ctx, max, options), path) });
      }
      port.postMessage({ id: message.id, results });
    });
  });
  return true;
}
