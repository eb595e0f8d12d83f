// Each rule's answer for one path (`concerns`), which the language server asks for the paths an edit touched, is
// the same as its list of paths (`paths`), which `archlens check` and a full pass walk: on the example workspace
// (problems, guardrails in force, citations of superseded decisions), with a forbid-text guardrail and a
// require-file guardrail added, and with history findings (stale and missing code) made up for some documents.
import { describe, expect, it } from 'vitest';
import { FolderFindings } from '../../server/src/core/rules/staleDocumentation';
import { RULES, ruleContext } from '../../server/src/core/rules';
import type { MissingCodeFinding, StaleFinding } from '../../server/src/core/staleness';
import { exampleFiles, featureFixture } from '../features/helpers';

describe('rule paths, one path at a time', () => {
  it('agree with the full list for every rule and every path', async () => {
    const files = exampleFiles();
    const adr = Object.keys(files).find((p) => /docs\/adr\/0004-/.test(p))!;
    files[adr] = files[adr].replace(/^guardrails:\n/m, 'guardrails:\n  - forbid-text: { in: "dbt/**", text: "select *" }\n  - require-file: dbt/models/**/schema.yml\n');
    files['notes/index.md'] = '# Decisions\n\n- ADR-0001\n- ADR-0002\n- ADR-0003\n- ADR-0099\n';
    const f = await featureFixture({ files });
    const decisions = f.snapshot.decisions;
    const stale = decisions.slice(0, 3).map((d) => ({ docPath: d.path, governedPaths: ['dbt/models/staging/stg_orders.sql'], message: `stale ${d.id}` }) as unknown as StaleFinding);
    const missing = [{ docPath: decisions[4].path, line: 3, pattern: 'gone/**', kind: 'governs', message: 'gone' } as MissingCodeFinding];
    const ctx = ruleContext(f.snapshot, new FolderFindings(stale, missing));
    const candidates = new Set([...f.snapshot.files, ...f.snapshot.recordPaths(), 'not/a/file.md']);
    let withPaths = 0;
    for (const rule of RULES) {
      if (!rule.paths) continue;
      expect(rule.concerns, rule.name).toBeDefined();
      const listed = new Set(rule.paths(ctx));
      if (listed.size > 0) withPaths++;
      const answered = [...candidates].filter((p) => rule.concerns!(ctx, p));
      expect(answered.sort(), rule.name).toEqual([...listed].sort());
    }
    // Every rule with a list has something in it here, so the comparison is not between empty sets.
    expect(withPaths).toBe(RULES.filter((r) => r.paths).length);
  });
});
