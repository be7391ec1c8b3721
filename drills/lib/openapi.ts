import type { Api } from './http.js';

export type Operation = {
  method: string;
  /** As the document writes it: /api/v1/conversations/{id}/messages. */
  path: string;
  /** Path parameter names in order. */
  params: string[];
  /** The JSON request body schema, when there is one. */
  bodySchema?: JsonSchema;
  /** The request content type (application/json, multipart/form-data, none). */
  requestType?: string;
  /** The document declares no credential for it (`security: []`): sign-in steps, webhooks. */
  public: boolean;
  /** The segment naming what `{id}` is: "conversations" for /conversations/{id}. */
  resourceOf(param: string): string;
};

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  pattern?: string;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
};

type TDocument = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; security?: unknown[] }>
  >;
  components?: { schemas?: Record<string, JsonSchema> };
};

/** Every operation of Confer's OpenAPI document (/api/v1/openapi.json), with its body schema resolved. */
export async function listOperations(api: Api): Promise<Operation[]> {
  const res = await api.call('GET', '/api/v1/openapi.json');
  if (res.status !== 200) throw new Error(`openapi.json: ${res.status}`);
  const doc = res.json as TDocument;
  const resolve = (schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined => {
    if (!schema || depth > 20) return schema;
    if (schema.$ref) return resolve(doc.components?.schemas?.[schema.$ref.split('/').pop()!], depth + 1);
    const out: JsonSchema = { ...schema };
    if (schema.properties) {
      out.properties = Object.fromEntries(
        Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, depth + 1)!]),
      );
    }
    if (schema.items) out.items = resolve(schema.items, depth + 1);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (schema[key]) out[key] = schema[key]!.map((s) => resolve(s, depth + 1)!);
    }
    return out;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      const requestType = Object.keys(content)[0];
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      operations.push({
        method: method.toUpperCase(),
        path,
        params,
        requestType,
        public: Array.isArray(op.security) && op.security.length === 0,
        bodySchema: requestType === 'application/json' ? resolve(content[requestType]?.schema) : undefined,
        resourceOf: (param) => {
          const segments = path.split('/');
          const at = segments.indexOf(`{${param}}`);
          return segments[at - 1] ?? '';
        },
      });
    }
  }
  return operations;
}

/** The path with its parameters filled in. */
export const fillPath = (op: Operation, values: Record<string, string>) =>
  op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));

/**
 * A small body the schema accepts: required properties only, first enum values, strings of
 * the right shape. `ids` fills uuid-shaped properties (e.g. a real contact id for contactIds).
 */
export function sampleBody(schema: JsonSchema | undefined, ids: (field: string) => string, field = ''): unknown {
  if (!schema) return {};
  const pick = schema.oneOf?.[0] ?? schema.anyOf?.find((s) => s.type !== 'null') ?? undefined;
  if (pick) return sampleBody(pick, ids, field);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sampleBody(s, ids, field) as object));
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined && schema.type !== 'object') return schema.default;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = sampleBody(schema.properties?.[name], ids, name);
      return out;
    }
    case 'array':
      return schema.minItems ? Array.from({ length: schema.minItems }, () => sampleBody(schema.items, ids, field)) : [];
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'uuid') return ids(field);
      if (schema.format === 'email') return 'probe@mail.example';
      if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      if (schema.format === 'date') return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      if (schema.format === 'uri') return 'https://pay.example/invoice';
      return 'probe'.padEnd(schema.minLength ?? 1, 'x');
    default:
      return null;
  }
}
