import { z } from 'zod';

// zod 4 → JSON Schema 2020-12 (OpenAPI 3.1's dialect). Inputs as the client sends them
// (`io: 'input'`): a coerced number is documented as what the caller writes. Answers as the
// server sends them (`io: 'output'`). Checks JSON Schema cannot say (custom refinements) are left
// to the description; they still run in handler().

export type JsonSchema = Record<string, unknown>;

export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** An object schema's fields, one JSON Schema each, and which are required. */
export function objectFields(schema: z.ZodType): { name: string; schema: JsonSchema; required: boolean }[] {
  const json = jsonSchema(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({ name, schema: s, required: required.has(name) }));
}
