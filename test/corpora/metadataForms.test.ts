// One test per metadata form the real decision logs use, each named by the corpus file and line the form is on:
// the line must hold the form as written, and the index Archlens builds for that corpus must read the value from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { IndexJson } from '../../server/src/core/snapshot';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const indexes = new Map<string, Promise<IndexJson>>();

function indexOf(corpus: string): Promise<IndexJson> {
  let p = indexes.get(corpus);
  if (!p) {
    p = (async () => {
      let out = '';
      await runCli(['index', corpus, '--json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} }, cwd: CORPORA });
      return JSON.parse(out) as IndexJson;
    })();
    indexes.set(corpus, p);
  }
  return p;
}

interface Form {
  /** `corpus/path:line`. */
  at: string;
  /** What the line holds, as written. */
  written: string;
  /** The decision's fields as the index reads them. */
  reads: Record<string, unknown>;
}

async function decisionAt(at: string) {
  const [file, line] = at.split(':');
  const corpus = file.slice(0, file.indexOf('/'));
  const rel = file.slice(corpus.length + 1);
  const text = readFileSync(path.join(CORPORA, file), 'utf8').split(/\r?\n/)[Number(line) - 1];
  const decision = (await indexOf(corpus)).decisions.find((d) => d.path === rel);
  return { text, decision: decision as unknown as Record<string, unknown> };
}

function forms(group: string, list: Form[]) {
  describe(group, () => {
    for (const f of list) {
      it(`${f.at}: ${f.written}`, async () => {
        const { text, decision } = await decisionAt(f.at);
        expect(text).toContain(f.written);
        expect(decision).toBeDefined();
        for (const [key, value] of Object.entries(f.reads)) expect([key, decision[key]]).toEqual([key, value]);
      }, 120_000);
    }
  });
}

forms('status and metadata where teams put them', [
  { at: 'madr/docs/decisions/0003-provide-own-madr-tools.md:4', written: 'status: on hold', reads: { status: 'on hold' } },
  { at: 'govuk-infrastructure/docs/architecture/decisions/0018-use-concourse-ci.md:6', written: 'Date: 2025-08-12', reads: { status: 'accepted', date: '2025-08-12' } },
  { at: 'govuk-infrastructure/docs/architecture/decisions/0018-use-concourse-ci.md:8', written: '## Status', reads: { status: 'accepted' } },
  { at: 'arachne/adr-002-configuration.md:78', written: '## Status', reads: { status: 'proposed' } },
  { at: 'log4brains/docs/adr/20200924-use-markdown-architectural-decision-records.md:3', written: '- Status: accepted', reads: { status: 'accepted' } },
  { at: 'flux2/rfcs/0002-helm-oci/README.md:3', written: '**Status:** implemented (partially)', reads: { status: 'accepted', statusText: 'implemented (partially)' } },
  { at: 'wagov-dtt/security/001-isolation.md:3', written: '**Status:** Accepted | **Date:** 2025-02-17 | **Review:** 2026-02-17', reads: { status: 'accepted', date: '2025-02-17' } },
  { at: 'nhs-notify/docs/collections/_adrs/ADR-002_Scan_repository_for_hardcoded_secrets.md:11', written: '> | Status       | `RFC`', reads: { status: 'proposed', statusText: 'RFC' } },
  { at: 'hyades-apiserver/docs/adr/003-notification-publishing.md:3', written: '| Superseded by [ADR-011](011-notification-outbox.md) | 2025-01-19 |', reads: { status: 'superseded', date: '2025-01-19', supersededBy: ['docs/adr/011-notification-outbox'] } },
  { at: 'nhs-notify/docs/collections/_adrs/ADR-002_Scan_repository_for_hardcoded_secrets.md:4', written: 'description: Scan repository for hard-coded secrets', reads: { title: 'Scan repository for hard-coded secrets' } },
]);

forms('titles', [
  { at: 'wagov-dtt/security/001-isolation.md:1', written: '# ADR 001: Application Isolation', reads: { number: 1, title: 'Application Isolation' } },
  { at: 'flux2/rfcs/0002-helm-oci/README.md:1', written: '# RFC-0002 Flux OCI support for Helm', reads: { number: 2, title: 'Flux OCI support for Helm' } },
  { at: 'ibc-go/docs/architecture/adr-027-ibc-wasm.md:1', written: '# ADR 27: Add support for Wasm based light client', reads: { number: 27, title: 'Add support for Wasm based light client' } },
  { at: 'cometbft/docs/references/architecture/tendermint-core/adr-025-commit.md:1', written: '# ADR 025 Commit', reads: { number: 25, title: 'Commit' } },
  { at: 'hyades-apiserver/docs/adr/020-flyway-migrations.md:1', written: '| Status', reads: { number: 20, title: 'Flyway migrations' } },
]);

forms('dates', [
  { at: 'nhs-notify/docs/collections/_adrs/ADR-002_Scan_repository_for_hardcoded_secrets.md:10', written: '`05/06/2023`', reads: { date: '2023-06-05' } },
  { at: 'flux2/rfcs/0007-git-repo-passwordless-auth/README.md:5', written: '**Creation date:** 2023-31-07', reads: { date: '2023-07-31' } },
  { at: 'cometbft/docs/references/architecture/adr-112-proposer-based-timestamps.md:5', written: 'July 15 2021: Created by', reads: { date: '2021-07-15' } },
  { at: 'ibc-go/docs/architecture/adr-003-ics27-acknowledgement.md:5', written: '- January 28th, 2022: Initial Draft', reads: { date: '2022-01-28' } },
  { at: 'ibc-go/docs/architecture/adr-009-v6-ics27-msgserver.md:5', written: '- 2022/09/07: Initial draft', reads: { date: '2022-09-07' } },
  { at: 'ibc-go/docs/architecture/adr-027-ibc-wasm.md:5', written: '- 26/11/2020: Initial Draft', reads: { date: '2020-11-26' } },
]);

forms('status words', [
  { at: 'cometbft/docs/references/architecture/tendermint-core/adr-023-ABCI-propose-tx.md:158', written: 'Pending', reads: { status: 'proposed', statusText: 'Pending' } },
  { at: 'cometbft/docs/references/architecture/tendermint-core/adr-064-batch-verification.md:72', written: 'Implemented', reads: { status: 'accepted', statusText: 'Implemented' } },
  { at: 'flux2/rfcs/0004-insecure-http/README.md:3', written: '**Status:** implementable', reads: { status: 'accepted', statusText: 'implementable' } },
  { at: 'ibc-go/docs/architecture/adr-027-ibc-wasm.md:11', written: '*Accepted and applied in v0.1.0 of 08-wasm*', reads: { status: 'accepted', statusText: 'Accepted and applied in v0.1.0 of 08-wasm' } },
  { at: 'ibc-go/docs/architecture/adr-025-ibc-passive-channels.md:11', written: '*deprecated*', reads: { status: 'deprecated' } },
  { at: 'caikit/docs/adrs/022-pluggable-runtime-io.md:58', written: 'choose one: Accepted', reads: { status: 'accepted' } },
]);

forms('relations', [
  { at: 'caikit/docs/adrs/019-loader-stack.md:15', written: 'choose one: [Superseded by 020-model-management-abstractions](020-model-management-abstractions.md)', reads: { status: 'superseded', supersededBy: ['docs/adrs/020-model-management-abstractions'] } },
  { at: 'cometbft/docs/references/architecture/adr-110-remote-mempool.md:13', written: 'Rejected in favour of ADR 111', reads: { status: 'rejected', supersededBy: ['docs/references/architecture/adr-111-nop-mempool'] } },
  { at: 'cometbft/docs/references/architecture/tendermint-core/adr-073-libp2p.md:26', written: 'This ADR supersedes the decisions made in ADRs 60 and 61', reads: { supersedes: ['docs/references/architecture/tendermint-core/adr-060-go-api-stability', 'docs/references/architecture/tendermint-core/adr-061-p2p-refactor-scope'] } },
]);
