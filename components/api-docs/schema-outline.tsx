// A JSON Schema (as lib/openapi publishes it) read as a nested list of fields: name, type,
// whether it is required, allowed values. What an integrator scans for; the raw schema is one
// click away in the document itself (GET /api/v1/openapi.json).

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  $ref?: string;
  description?: string;
};

const MAX_DEPTH = 6;

/** "string", "integer | null", "array of object", "one of: held, paid"… */
function typeOf(s: Schema): string {
  if (s.$ref) return s.$ref.split('/').at(-1) ?? 'object';
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return `one of: ${s.enum.map((v) => (v === null ? 'null' : String(v))).join(', ')}`;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(' | ');
  if (s.type === 'array') return `array of ${s.items ? typeOf(s.items) : 'anything'}`;
  const type = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
  if (!type) return 'any';
  return s.format ? `${type} (${s.format})` : type;
}

/** The object schema whose fields a value shows: itself, its array's items, or its one non-null alternative. */
function fieldsOf(s: Schema): Schema | null {
  if (s.properties) return s;
  if (s.items) return fieldsOf(s.items);
  const alternatives = (s.anyOf ?? s.oneOf)?.filter((a) => a.type !== 'null');
  return alternatives?.length === 1 ? fieldsOf(alternatives[0]) : null;
}

function Fields({ schema, depth }: { schema: Schema; depth: number }) {
  const required = new Set(schema.required ?? []);
  return (
    <ul className={depth > 0 ? 'ml-4 border-l pl-3' : ''}>
      {Object.entries(schema.properties ?? {}).map(([name, field]) => {
        const inner = depth < MAX_DEPTH ? fieldsOf(field) : null;
        return (
          <li key={name} className="py-0.5">
            <code className="text-xs">{name}</code>
            {required.has(name) ? null : <span className="text-xs text-muted-foreground"> (optional)</span>}
            <span className="text-xs text-muted-foreground"> — {typeOf(field)}</span>
            {inner && <Fields schema={inner} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}

export function SchemaOutline({ schema, label }: { schema: Schema; label: string }) {
  const object = fieldsOf(schema);
  return (
    <div className="max-h-96 overflow-auto rounded-md border bg-muted/30 p-2" tabIndex={0} role="region" aria-label={label}>
      {object ? <Fields schema={object} depth={0} /> : <code className="text-xs">{typeOf(schema)}</code>}
    </div>
  );
}
