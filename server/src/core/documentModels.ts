// The markdown models documents were read with, kept for rules that run over the same texts so that they parse
// nothing again: for the whole of a one-off run (`archlens check`), and in the language server only until its first
// diagnostics have used them (a long-running server would otherwise hold a model of every document).
import type { KeepModel } from './analyse';
import type { MarkdownDocument } from './markdown';

export class DocumentModels {
  private map?: Map<string, MarkdownDocument>;

  constructor(keep = false) {
    if (keep) this.map = new Map();
  }

  /** Starts or stops keeping models; stopping empties the map, so snapshots that share it let the models go too. */
  keep(on: boolean): void {
    if (!on) this.map?.clear();
    this.map = on ? (this.map ?? new Map()) : undefined;
  }

  /** The models kept, by path; undefined while none are. */
  get kept(): ReadonlyMap<string, MarkdownDocument> | undefined {
    return this.map;
  }

  /** What the analysis of `path` hands its model to, while models are kept (the old one goes first). */
  keeper(path: string): KeepModel | undefined {
    const map = this.map;
    map?.delete(path);
    return map && ((p, doc) => map.set(p, doc));
  }
}
