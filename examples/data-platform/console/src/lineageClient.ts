// Reads lineage (dbt manifest exposures and sources) so the console can show where a data product comes from.

export interface LineageNode {
  id: string;
  kind: 'source' | 'model' | 'snapshot' | 'exposure';
  layer?: 'bronze' | 'silver' | 'gold';
  parents: string[];
}

// @adr 9: the console reads the serving API and dbt artefacts, never the warehouse itself.
export class LineageClient {
  constructor(private readonly baseUrl: string) {}

  async upstreamOf(nodeId: string): Promise<LineageNode[]> {
    const manifest = (await (await fetch(`${this.baseUrl}/artifacts/manifest.json`)).json()) as {
      nodes: Record<string, { resource_type: string; depends_on?: { nodes: string[] }; config?: { schema?: string } }>;
    };
    const seen = new Map<string, LineageNode>();
    const queue = [nodeId];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      const node = manifest.nodes[id];
      const parents = node?.depends_on?.nodes ?? [];
      seen.set(id, { id, kind: kindOf(node?.resource_type), layer: layerOf(node?.config?.schema), parents });
      queue.push(...parents);
    }
    return [...seen.values()];
  }
}

function kindOf(resourceType: string | undefined): LineageNode['kind'] {
  return resourceType === 'snapshot' || resourceType === 'exposure' || resourceType === 'source' ? resourceType : 'model';
}

// The medallion layer follows the schema dbt_project.yml assigns (silver = staging, gold = marts).
function layerOf(schema: string | undefined): LineageNode['layer'] {
  if (schema === 'silver') return 'silver';
  if (schema === 'gold') return 'gold';
  return schema ? 'bronze' : undefined;
}
