// A dependency as a manifest declares it, and the way each ecosystem compares package names. Plain data, no I/O.
import type { TextRange } from '../model';

export const ECOSYSTEMS = ['npm', 'pypi', 'go', 'maven', 'cargo', 'helm', 'docker', 'terraform', 'dbt'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export interface Dependency {
  ecosystem: Ecosystem;
  /** The name as written (`great_expectations`, `org.apache.kafka:kafka-clients`, `hashicorp/aws`). */
  name: string;
  /** The name as the ecosystem compares it (`great-expectations`). */
  key: string;
  version?: string;
  /** Where the name is written in the manifest. */
  range: TextRange;
}

/**
 * The comparison key of a package name in its ecosystem: PyPI per PEP 503 (case-insensitive, runs of `-_.` are
 * one `-`), crates.io treats `-` and `_` alike, npm, Helm and dbt hub names are lower case, Docker images drop
 * the default registry, `library/` and any tag or digest, Terraform provider sources are case-insensitive.
 */
export function normaliseName(ecosystem: Ecosystem, name: string): string {
  const n = name.trim();
  switch (ecosystem) {
    case 'pypi':
      return n.toLowerCase().replace(/[-_.]+/g, '-');
    case 'cargo':
      return n.toLowerCase().replace(/_/g, '-');
    case 'npm':
    case 'helm':
    case 'dbt':
    case 'terraform':
      return n.toLowerCase();
    case 'docker':
      return dockerImageName(n);
    case 'go':
    case 'maven':
      return n;
  }
}

/** `docker.io/library/postgres:16@sha256:…` -> `postgres`; `ghcr.io/org/app:1` -> `ghcr.io/org/app`. */
export function dockerImageName(image: string): string {
  let s = image.trim().toLowerCase();
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  for (const prefix of ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/']) if (s.startsWith(prefix)) s = s.slice(prefix.length);
  if (s.startsWith('library/')) s = s.slice('library/'.length);
  return s;
}
