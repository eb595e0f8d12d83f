// What "Insert decision reference" types: the id the server links in code, a relative link in markdown.
import { describe, expect, it } from 'vitest';
import { decisionReferenceText } from '../../client/src/model/references';
import { formatDecisionId } from '../../server/src/core/lifecycle';
import { findDecisionReferences } from '../../server/src/core/references';

const adr7 = { reference: formatDecisionId(7), title: 'Kafka Connect and Debezium', path: 'docs/adr/0007-kafka-connect.md' };

describe('decision reference text', () => {
  it('is ADR-0007 in code, which the server recognises as a reference', () => {
    const text = decisionReferenceText(adr7, { languageId: 'python', path: 'connect/debezium/config.py' });
    expect(text).toBe('ADR-0007');
    const refs = findDecisionReferences('connect/debezium/config.py', `# follows ${text}\n`);
    expect(refs.map((r) => r.number)).toEqual([7]);
  });

  it('is a relative markdown link in markdown', () => {
    expect(decisionReferenceText(adr7, { languageId: 'markdown', path: 'docs/architecture/module-view.md' })).toBe('[ADR-0007](../adr/0007-kafka-connect.md)');
    expect(decisionReferenceText(adr7, { languageId: 'markdown', path: 'docs/adr/0012-x.md' })).toBe('[ADR-0007](0007-kafka-connect.md)');
    expect(decisionReferenceText(adr7, { languageId: 'markdown', path: 'README.md' })).toBe('[ADR-0007](docs/adr/0007-kafka-connect.md)');
  });

  it('links an unnumbered decision by its title, and cites it by a path the server resolves in code', () => {
    const d = { title: 'Use [Postgres]', path: 'docs/decisions/use postgres.md' };
    expect(decisionReferenceText(d, { languageId: 'markdown', path: 'docs/index.md' })).toBe('[Use Postgres](decisions/use%20postgres.md)');
    const inGo = decisionReferenceText({ title: 'Use Postgres', path: 'docs/decisions/use-postgres.md' }, { languageId: 'go', path: 'cmd/main.go' });
    expect(inGo).toBe('@adr docs/decisions/use-postgres.md');
    expect(findDecisionReferences('cmd/main.go', `// ${inGo}\n`).map((r) => r.path)).toEqual(['docs/decisions/use-postgres.md']);
    const atRoot = decisionReferenceText({ title: 'Root', path: 'decision.md' }, { languageId: 'go', path: 'cmd/main.go' });
    expect(findDecisionReferences('cmd/main.go', `// ${atRoot}\n`).map((r) => r.path)).toEqual(['decision.md']);
  });
});
