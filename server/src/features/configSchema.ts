// The schema of `.archlens.yml`, made from the editor settings the extension declares (package.json `contributes.
// configuration`), so a key means the same in the file and in the editor and its description is written once.
// The normaliser in settings.ts reads both; a test checks that it accepts exactly the keys this schema offers.
import manifest from '../../../package.json';
import type { JsonSchema } from '../core/schemas/jsonSchema';

type ManifestProperty = JsonSchema & { markdownDescription?: string; scope?: string };

/** Settings that only concern the editor, not the repository. */
const EDITOR_ONLY = new Set(['trace.server']);

function fromManifest(): JsonSchema {
  const root: JsonSchema = { type: 'object', additionalProperties: false, properties: {} };
  const properties = manifest.contributes.configuration.properties as unknown as Record<string, ManifestProperty>;
  for (const [fullKey, property] of Object.entries(properties)) {
    const key = fullKey.replace(/^archlens\./, '');
    if (EDITOR_ONLY.has(key)) continue;
    const segments = key.split('.');
    let parent = root;
    for (const segment of segments.slice(0, -1)) {
      parent.properties ??= {};
      parent = parent.properties[segment] ??= { type: 'object', additionalProperties: false, properties: {} };
    }
    parent.properties ??= {};
    parent.properties[segments.at(-1)!] = clean(property);
  }
  return root;
}

/** The manifest's property without the editor-only fields, descriptions under `description`. */
function clean(p: ManifestProperty): JsonSchema {
  const { markdownDescription, scope: _scope, ...rest } = p;
  const out: JsonSchema = { ...rest, description: markdownDescription ?? p.description };
  if (rest.properties) out.properties = Object.fromEntries(Object.entries(rest.properties).map(([k, v]) => [k, clean(v as ManifestProperty)]));
  return out;
}

export const CONFIG_SCHEMA: JsonSchema = fromManifest();
