/**
 * Test support: checks a value against a schema of a generated catalog (openapi/*.json, asyncapi.json),
 * the subset of JSON Schema they use ($ref, allOf, type, nullable, enum, format, pattern, required,
 * properties, items). Objects are closed unless they say `additionalProperties: true`: a field the
 * catalog does not document is reported, so "fits the schema" means "documented exactly".
 */
export interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly type?: string;
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly minItems?: number;
}

interface Document {
  readonly components?: { readonly schemas?: Readonly<Record<string, Schema>> };
}

/** The schema `$ref` names, with its `allOf` merged (later parts win, as the catalogs pin `type` and `data`). */
export function resolved(document: Document, schema: Schema): Schema {
  if (schema.$ref) return resolved(document, document.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {});
  if (!schema.allOf) return schema;
  const parts = [schema, ...schema.allOf.map((part) => resolved(document, part))];
  return {
    ...Object.assign({}, ...parts),
    allOf: undefined,
    properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
    required: [...new Set(parts.flatMap((part) => part.required ?? []))],
  };
}

const FORMATS: Record<string, (value: string) => boolean> = {
  uuid: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  'date-time': (value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)),
  date: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
};

/** Where `value` does not fit `schema`, as `$.data.lines[0].uom: …` lines; empty when it fits. */
export function schemaErrors(document: Document, schema: Schema, value: unknown, at = '$'): string[] {
  const s = resolved(document, schema);
  if (value === null) return s.nullable ? [] : [`${at}: null, not nullable`];
  if (s.enum && !s.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(s.enum)}`];
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  const fits = !s.type || s.type === actual || (s.type === 'number' && actual === 'integer');
  if (!fits) return [`${at}: ${actual}, documented ${s.type}`];
  if (typeof value === 'string') {
    if (s.format && FORMATS[s.format] && !FORMATS[s.format](value)) return [`${at}: ${JSON.stringify(value)} is no ${s.format}`];
    if (s.pattern && !new RegExp(s.pattern).test(value)) return [`${at}: ${JSON.stringify(value)} does not match ${s.pattern}`];
  }
  if (Array.isArray(value)) {
    const tooFew = s.minItems !== undefined && value.length < s.minItems ? [`${at}: fewer than ${s.minItems} items`] : [];
    return [...tooFew, ...value.flatMap((item, index) => (s.items ? schemaErrors(document, s.items, item, `${at}[${index}]`) : []))];
  }
  if (actual !== 'object') return [];
  const object = value as Record<string, unknown>;
  const properties = s.properties ?? {};
  return [
    ...(s.required ?? []).filter((name) => !(name in object)).map((name) => `${at}.${name}: required, missing`),
    ...Object.entries(object).flatMap(([name, field]) => {
      if (properties[name]) return schemaErrors(document, properties[name], field, `${at}.${name}`);
      return s.additionalProperties ? [] : [`${at}.${name}: not documented`];
    }),
  ];
}
