// An import as a source file writes it. Plain data, no I/O.
import type { TextRange } from '../model';

export type ImportLanguage = 'python' | 'javascript' | 'go' | 'java' | 'kotlin' | 'dbt';

export interface ImportRef {
  language: ImportLanguage;
  /**
   * The imported module as written: `airflow.models` (Python), `@aws-sdk/client-s3` or `./store` (JS/TS),
   * `github.com/x/y` (Go), `org.apache.kafka.clients.Consumer` (Java/Kotlin), a dbt model name for `ref()` and
   * `source:<source>.<table>` for `source()`.
   */
  module: string;
  /** The module name's range (inside the quotes where there are quotes). */
  range: TextRange;
}

/** Languages whose module names are dotted paths: `airflow` covers `airflow.models`. */
export const DOTTED: ReadonlySet<ImportLanguage> = new Set(['python', 'java', 'kotlin']);
