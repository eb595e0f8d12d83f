// The schema of `.archlens.yml` as completion and hover show it: the core's schema (core/schemas/config.ts, which
// also validates the file) with each key's description and default taken from the editor settings the extension
// declares (package.json `contributes.configuration`), so a key means the same in the file and in the editor and
// its description is written once. A manifest test checks that both declare the same types.
import manifest from '../../../package.json';
import { CONFIG_FILE_SCHEMA } from '../core/schemas/config';
import type { JsonSchema } from '../core/schemas/jsonSchema';

type ManifestProperty = JsonSchema & { markdownDescription?: string; scope?: string };

function withManifest(schema: JsonSchema, prefix: string, manifestProps: Record<string, ManifestProperty>): JsonSchema {
  const declared = manifestProps[`archlens.${prefix.replace(/\.$/, '')}`];
  const out: JsonSchema = { ...schema };
  const description = declared?.markdownDescription ?? declared?.description;
  if (description) out.description = description;
  if (declared && 'default' in declared) out.default = declared.default;
  if (schema.properties) {
    const nested = declared?.properties as Record<string, ManifestProperty> | undefined;
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, child]) => {
        if (nested?.[key]) {
          const d = nested[key];
          return [key, { ...child, description: d.markdownDescription ?? d.description ?? child.description }];
        }
        return [key, withManifest(child, `${prefix}${key}.`, manifestProps)];
      }),
    );
  }
  return out;
}

export const CONFIG_SCHEMA: JsonSchema = withManifest(
  CONFIG_FILE_SCHEMA,
  '',
  manifest.contributes.configuration.properties as unknown as Record<string, ManifestProperty>,
);
