// Messages an editor sends in the same tick as `initialized`, before the first index exists: Neovim and Helix send
// didOpen at once, VS Code does when it restores its editors. Run in process (earlyMessagesInProcess.test.ts) and
// against the spawned bundle (earlyMessagesSpawned.test.ts). The server must stay up and answer each of them as
// it would once ready: the hover from the edited text, the custom request with the folder's decisions, the
// diagnostics of the unsaved text, the decision the watcher announced.
import fs from 'node:fs';
import path from 'node:path';
import { FileChangeType, HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { expect, it } from 'vitest';
import { DecisionsRequest, type DecisionItem } from '../../server/src/protocol';
import { ensureServerBuilt, materialiseExample, positionOf, SERVER_MAIN, TestClient } from './client';

const NEW_DECISION = 'docs/adr/0017-archive-raw-events-to-cold-storage.md';
const DECISION_TEXT = '# 17. Archive raw events to cold storage\n\nDate: 2025-06-01\n\n## Status\n\nAccepted\n\n## Context\n\nRaw events pile up.\n\n## Decision\n\nArchive them after 30 days.\n';

export function earlyMessages(mode: 'in-process' | 'spawned'): void {
  it('queues didOpen, didChange, a watcher event, a settings change, a hover and a custom request sent with initialized, and answers them once ready', async () => {
    if (mode === 'spawned') ensureServerBuilt();
    const { root, repo, uri: folder } = materialiseExample();
    const client = mode === 'in-process' ? TestClient.inProcess() : TestClient.spawn(SERVER_MAIN);
    try {
      fs.writeFileSync(path.join(repo, NEW_DECISION), DECISION_TEXT);
      const scratch = `${folder}/notes/scratch.md`;
      const edited = 'Draft: we follow ADR-0007 here, and ADR-0042 is still to be written.\n';
      let hover!: Promise<Hover | null>;
      let decisions!: Promise<DecisionItem[]>;
      const sent: Promise<void>[] = [];
      await client.initialize({
        folders: [{ uri: folder, name: 'data-platform' }],
        alongside: () => {
          sent.push(
            client.open(scratch, 'markdown', 'Draft: we follow ADR-0003 here.\n'),
            client.change(scratch, edited),
            client.filesChanged([{ uri: `${folder}/${NEW_DECISION}`, type: FileChangeType.Created }]),
            client.changeConfiguration(),
          );
          hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: scratch }, position: positionOf(edited, 'ADR-0007', 2) });
          decisions = client.connection.sendRequest(DecisionsRequest, {});
        },
      });
      await Promise.all(sent);

      // The hover is answered from the edited text, not from the text it was opened with.
      const h = await hover;
      expect((h?.contents as MarkupContent).value.split('\n\n')[0]).toBe('**ADR-0007 Kafka Connect and Debezium for change data capture**');
      expect((await decisions).find((d) => d.number === 17)?.title).toBe('Archive raw events to cold storage');
      const diagnostics = await client.waitForDiagnostics(scratch, (d) => d.length > 0);
      expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['unknown-decision', 'Unknown decision ADR-0042: no decision has number 42']]);
      const ready = await client.waitForReady(folder);
      // The example's 16, the one the watcher announced and the 2 of the platform log read through `sources:`.
      expect(ready).toMatchObject({ decisions: 16 + 1 + 2, phase: 'ready', historyReady: true });
      expect(ready.problem).toBeUndefined();
      expect(client.events.filter((e) => e.kind === 'log' && /failed/.test(e.message))).toEqual([]);

      // Still serving: a later hover is answered too, and the process ends cleanly.
      const later = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: scratch }, position: positionOf(edited, 'ADR-0007', 2) });
      expect(later).not.toBeNull();
      const code = await client.shutdown();
      if (mode === 'spawned') {
        expect(code).toBe(0);
        expect(client.stderr()).toBe('');
      }
    } finally {
      client.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
}
