// The subset of JSON Schema that Archlens writes its schemas in, and a walk to the schema of a key path. The same
// schema object drives validation (validate.ts), completion (keys and allowed values) and hover (descriptions).
export interface JsonSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | ('string' | 'number' | 'integer' | 'boolean' | 'array' | 'object')[];
  description?: string;
  enum?: readonly (string | number | boolean)[];
  pattern?: string;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  /** Keys matching a pattern (validation of dotted keys). */
  patternProperties?: Record<string, JsonSchema>;
  /** What a key of this mapping names, for the message about one it does not know ("unknown code 'x'"). */
  unknownKey?: string;
  anyOf?: JsonSchema[];
  default?: unknown;
  /** Shown after the description in hovers: an example value. */
  examples?: unknown[];
  /** The message for a value this schema rejects, instead of one made from its type. */
  errorMessage?: string;
}

/** The schema of a value at a key path (`['staleness', 'minDays']`); dotted keys (`staleness.minDays`) also match. */
export function schemaAt(schema: JsonSchema, path: readonly string[]): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (let i = 0; i < path.length && current; i++) {
    const props = objectProperties(current);
    const rest = path.slice(i).join('.');
    if (props[rest]) return props[rest];
    current = props[path[i]] ?? (typeof current.additionalProperties === 'object' ? current.additionalProperties : undefined);
  }
  return current;
}

/** The properties of an object schema, including those of its anyOf branches. */
export function objectProperties(schema: JsonSchema): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = { ...(schema.properties ?? {}) };
  for (const branch of schema.anyOf ?? []) Object.assign(out, branch.properties ?? {});
  return out;
}

/** The values a schema allows when they can be listed: enums and booleans, from every branch. */
export function allowedValues(schema: JsonSchema): (string | number | boolean)[] {
  const values = new Set<string | number | boolean>(schema.enum ?? []);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes('boolean')) {
    values.add(true);
    values.add(false);
  }
  for (const branch of schema.anyOf ?? []) for (const v of allowedValues(branch)) values.add(v);
  if (schema.items) for (const v of allowedValues(schema.items)) values.add(v);
  return [...values];
}

/** "a list of globs", "true or false", "one of: accepted, proposed": the type in words, for hovers. */
export function typeText(schema: JsonSchema): string {
  if (schema.enum) return `one of ${schema.enum.map((v) => `\`${v}\``).join(', ')}`;
  if (schema.anyOf) return schema.anyOf.map(typeText).join(', or ');
  const t = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  if (t === 'array') return schema.items ? `a list (each ${typeText(schema.items)})` : 'a list';
  if (t === 'boolean') return '`true` or `false`';
  if (t === 'integer' || t === 'number') return schema.minimum !== undefined ? `a number of ${schema.minimum} or more` : 'a number';
  if (t === 'object') return 'a mapping';
  return t ? `a ${t}` : 'any value';
}
