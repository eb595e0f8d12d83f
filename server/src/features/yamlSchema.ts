// Completion and hover in the two YAML places Archlens defines: `.archlens.yml` and the front matter of a decision
// record. Each has one JSON schema (the front matter's also validates, in core/rules/frontMatterValues.ts; the
// config file is read by settings.ts, which accepts exactly the schema's keys). This file finds where the cursor is
// in the YAML (which key path, a key or a value) and asks the schema.
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import manifest from '../../../package.json';
import { frontMatterSpan } from '../core/rules/frontMatterValues';
import { CONFIG_FILE_SCHEMA } from '../core/schemas/config';
import { FRONT_MATTER_SCHEMA } from '../core/schemas/frontMatter';
import { allowedValues, objectProperties, schemaAt, typeText, type JsonSchema } from '../core/schemas/jsonSchema';
import { CONFIG_FILE } from '../core/settings';
import type { FeatureContext, FeatureDocument } from './context';

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

/**
 * The schema of `.archlens.yml` as completion and hover show it: the core's schema (which also validates the file) with
 * each key's description and default taken from the editor settings the extension declares (package.json
 * `contributes.configuration`), so a key means the same in the file and in the editor and its description is
 * written once. A manifest test checks that both declare the same types.
 */
const CONFIG_SCHEMA: JsonSchema = withManifest(
  CONFIG_FILE_SCHEMA,
  '',
  manifest.contributes.configuration.properties as unknown as Record<string, ManifestProperty>,
);

/** The YAML of a document that a schema applies to: its lines (1-based, inclusive) and the schema. */
interface YamlRegion {
  schema: JsonSchema;
  first: number;
  last: number;
}

export function yamlRegion(ctx: FeatureContext, doc: FeatureDocument): YamlRegion | undefined {
  if (doc.path === CONFIG_FILE) return { schema: CONFIG_SCHEMA, first: 1, last: doc.lines.lineCount };
  if (!ctx.snapshot.context.isDecisionPath(doc.path)) return undefined;
  const span = frontMatterSpan(doc.lines);
  return span ? { schema: FRONT_MATTER_SCHEMA, ...span } : undefined;
}

const KEY_TYPED = /^(\s*)(?:-\s+)?([\w.-]*)$/;
const KEY_VALUE = /^(\s*)(?:-\s+)?([\w.-]+)[ \t]*:[ \t]*(?:\[[^\]]*?,?[ \t]*)?([^\s,[\]#]*)$/;
const LIST_ITEM = /^(\s*)-[ \t]+([^\s#]*)$/;
const KEY_AT = /^(\s*)(?:-\s+)?([\w.-]+)[ \t]*:/;

/** Keys at the cursor's level, or the allowed values of the key the cursor is after. */
export function schemaCompletion(ctx: FeatureContext, doc: FeatureDocument, position: Position): CompletionItem[] | undefined {
  const region = yamlRegion(ctx, doc);
  const line = position.line + 1;
  if (!region || line < region.first || line > region.last) return undefined;
  const before = doc.lines.lineText(line).slice(0, position.character);
  const replace = (length: number): Range => ({ start: { line: position.line, character: position.character - length }, end: position });

  const value = KEY_VALUE.exec(before);
  if (value) {
    const path = [...parentPath(doc, region, line, value[1].length), value[2]];
    const schema = schemaAt(region.schema, path);
    return schema ? valueItems(schema, replace(value[3].length)) : [];
  }
  const item = LIST_ITEM.exec(before);
  if (item) {
    const path = parentPath(doc, region, line, item[1].length + 1);
    const schema = schemaAt(region.schema, path);
    return schema ? valueItems(schema.items ?? schema.anyOf?.find((b) => b.items)?.items ?? schema, replace(item[2].length)) : [];
  }
  const key = KEY_TYPED.exec(before);
  if (key) {
    const path = parentPath(doc, region, line, key[1].length);
    const parent = path.length === 0 ? region.schema : schemaAt(region.schema, path);
    if (!parent) return [];
    const present = siblingKeys(doc, region, line, key[1].length);
    return Object.entries(objectProperties(parent))
      .filter(([name]) => !present.has(name))
      .map(([name, schema]) => ({
        label: name,
        kind: CompletionItemKind.Property,
        detail: typeText(schema).replace(/`/g, ''),
        documentation: schema.description ? { kind: MarkupKind.Markdown, value: schema.description } : undefined,
        textEdit: { range: replace(key[2].length), newText: `${name}: ` },
      }));
  }
  return undefined;
}

/** What a key means, what it accepts and its default, on the key under the cursor. */
export function schemaHover(ctx: FeatureContext, doc: FeatureDocument, position: Position): Hover | undefined {
  const region = yamlRegion(ctx, doc);
  const line = position.line + 1;
  if (!region || line < region.first || line > region.last) return undefined;
  const m = KEY_AT.exec(doc.lines.lineText(line));
  if (!m) return undefined;
  const start = m[0].length - m[0].replace(/^\s*(?:-\s+)?/, '').length;
  const end = start + m[2].length;
  if (position.character < start || position.character > end) return undefined;
  const path = [...parentPath(doc, region, line, m[1].length), m[2]];
  const schema = schemaAt(region.schema, path);
  if (!schema) return undefined;
  const parts = [`**${path.join('.')}**`];
  if (schema.description) parts.push(schema.description);
  parts.push(`Value: ${typeText(schema)}.`);
  if (schema.default !== undefined) parts.push(`Default: \`${JSON.stringify(schema.default)}\`.`);
  if (schema.examples?.length) parts.push(`Example: \`${JSON.stringify(schema.examples[0])}\``);
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') },
    range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } },
  };
}

/** The keys of the mappings that enclose a line at this indentation, outermost first. */
function parentPath(doc: FeatureDocument, region: YamlRegion, line: number, indent: number): string[] {
  const path: string[] = [];
  let level = indent;
  for (let l = line - 1; l >= region.first && level > 0; l--) {
    const text = doc.lines.lineText(l);
    if (!text.trim() || text.trimStart().startsWith('#')) continue;
    const m = /^(\s*)([\w.-]+)[ \t]*:[ \t]*(#.*)?$/.exec(text);
    const own = text.length - text.trimStart().length;
    if (own >= level) continue;
    if (!m) break;
    path.unshift(m[2]);
    level = own;
  }
  return path;
}

/** Keys already written at this level (not offered again). */
function siblingKeys(doc: FeatureDocument, region: YamlRegion, line: number, indent: number): Set<string> {
  const keys = new Set<string>();
  for (const dir of [-1, 1]) {
    for (let l = line + dir; l >= region.first && l <= region.last; l += dir) {
      const text = doc.lines.lineText(l);
      if (!text.trim()) continue;
      const own = text.length - text.trimStart().length;
      if (own < indent) break;
      const m = KEY_AT.exec(text);
      if (m && own === indent) keys.add(m[2]);
    }
  }
  return keys;
}

function valueItems(schema: JsonSchema, range: Range): CompletionItem[] {
  return allowedValues(schema).map((v, i) => ({
    label: String(v),
    kind: typeof v === 'boolean' ? CompletionItemKind.Value : CompletionItemKind.EnumMember,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: String(v) },
  }));
}
