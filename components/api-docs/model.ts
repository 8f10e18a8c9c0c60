// Reads the OpenAPI document into what the API page shows: operations grouped by tag, each
// parameter and body property reduced to a type label plus its constraints, and a curl example.
// Pure: the page passes the document in, nothing here fetches or renders.
import type { OpenApiDocument } from "@/lib/api/openapi";

type JsonSchema = Record<string, unknown>;

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A schema reduced to one line of type plus the constraints worth reading. */
export interface TypeInfo {
  label: string;
  nullable: boolean;
  format?: string;
  pattern?: string;
  values?: string[];
  constant?: string;
  defaultValue?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  /** field names of an inline object (or of the objects in an inline array), required ones marked */
  fields?: { name: string; required: boolean }[];
}

export interface ApiParameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  type: TypeInfo;
  example?: string;
}

export interface ApiProperty {
  name: string;
  required: boolean;
  description?: string;
  type: TypeInfo;
}

export interface ApiBody {
  /** the component the body refers to, when it is one */
  schemaName?: string;
  description?: string;
  properties: ApiProperty[];
  /** a small example built from the required properties */
  example: Record<string, unknown>;
}

export interface ApiResponse {
  status: string;
  description: string;
  schemaName?: string;
}

export interface ApiOperation {
  id: string;
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  description?: string;
  needsToken: boolean;
  parameters: ApiParameter[];
  body?: ApiBody;
  responses: ApiResponse[];
}

export interface ApiTagGroup {
  tag: string;
  anchor: string;
  operations: ApiOperation[];
}

export interface ApiReference {
  title: string;
  version: string;
  description: string;
  basePath: string;
  groups: ApiTagGroup[];
}

const METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const COMPONENTS = "#/components/schemas/";
// zod writes the safe-integer range onto every int; it says nothing to a reader
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

const isObject = (value: unknown): value is JsonSchema => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" && value.trim() ? value : undefined);
const bound = (value: unknown) => (typeof value === "number" && Math.abs(value) < UNBOUNDED ? value : undefined);
const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function refName(schema: JsonSchema): string | undefined {
  const ref = schema.$ref;
  return typeof ref === "string" && ref.startsWith(COMPONENTS) ? ref.slice(COMPONENTS.length) : undefined;
}

/** The branches of an anyOf/oneOf, nested ones flattened. */
function branches(schema: JsonSchema): JsonSchema[] {
  const list = (schema.anyOf ?? schema.oneOf) as unknown;
  if (!Array.isArray(list)) return [schema];
  return list.filter(isObject).flatMap(branches);
}

const isNull = (schema: JsonSchema) => schema.type === "null";
// `z.literal("")` beside a nullable field: an empty string clears it, like null
const isEmptyString = (schema: JsonSchema) => schema.const === "";

export class SchemaReader {
  constructor(private readonly components: Record<string, JsonSchema>) {}

  component(name: string): JsonSchema | undefined {
    return this.components[name];
  }

  /** One level of `$ref`: a referenced schema is named, and read only for its values and description. */
  typeOf(schema: JsonSchema): TypeInfo {
    const variants = branches(schema);
    const concrete = variants.filter((variant) => !isNull(variant) && !isEmptyString(variant));
    const nullable = concrete.length < variants.length;
    const [only] = concrete;
    if (!only || concrete.length > 1) {
      const labels = [...new Set(concrete.map((variant) => this.typeOf(variant).label))];
      return { label: labels.join(" | ") || "null", nullable };
    }
    const info = this.single(only);
    return { ...info, nullable: info.nullable || nullable, defaultValue: info.defaultValue ?? defaultOf(schema) };
  }

  private single(schema: JsonSchema): TypeInfo {
    const name = refName(schema);
    if (name) {
      const target = this.components[name] ?? {};
      const values = Array.isArray(target.enum) ? target.enum.map(show) : undefined;
      return { label: name, nullable: false, values };
    }
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((type): type is string => typeof type === "string");
    const type = types.find((candidate) => candidate !== "null") ?? (types.length ? "null" : "any");
    const info: TypeInfo = {
      label: type,
      nullable: types.includes("null") && type !== "null",
      defaultValue: defaultOf(schema),
      values: Array.isArray(schema.enum) ? schema.enum.map(show) : undefined,
      constant: "const" in schema ? show(schema.const) : undefined,
      minLength: bound(schema.minLength),
      maxLength: bound(schema.maxLength),
      minimum: bound(schema.minimum),
      maximum: bound(schema.maximum),
      minItems: bound(schema.minItems),
      maxItems: bound(schema.maxItems),
      format: text(schema.format),
    };
    // a format's generated regex repeats the format in a form nobody reads
    if (!info.format) info.pattern = text(schema.pattern);
    if (type === "array" && isObject(schema.items)) {
      const items = this.typeOf(schema.items);
      return { ...info, label: `array<${items.label}>`, values: items.values, fields: items.fields };
    }
    if (type === "object") {
      const properties = isObject(schema.properties) ? Object.keys(schema.properties) : [];
      const required = Array.isArray(schema.required) ? schema.required : [];
      if (properties.length) info.fields = properties.map((field) => ({ name: field, required: required.includes(field) }));
      else if (isObject(schema.additionalProperties)) info.label = `object<string, ${this.typeOf(schema.additionalProperties).label}>`;
    }
    return info;
  }

  /** The description of a schema, else of the component it names. */
  descriptionOf(schema: JsonSchema): string | undefined {
    const own = text(schema.description);
    if (own) return own;
    const name = branches(schema).map(refName).find(Boolean);
    return name ? text(this.components[name]?.description) : undefined;
  }

  /** A plausible value: the schema's example, default or first allowed value, else a placeholder. */
  exampleOf(schema: JsonSchema, name: string): unknown {
    if ("example" in schema) return schema.example;
    if ("default" in schema) return schema.default;
    const concrete = branches(schema).filter((variant) => !isNull(variant) && !isEmptyString(variant));
    const first = concrete[0] ?? schema;
    if (first !== schema) return this.exampleOf(first, name);
    const ref = refName(schema);
    if (ref) {
      const target = this.components[ref];
      return target ? this.exampleOf(target, name) : {};
    }
    if ("const" in schema) return schema.const;
    if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
    const type = (Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== "null") : schema.type) as string | undefined;
    switch (type) {
      case "integer":
      case "number":
        return Math.min(Math.max(1, bound(schema.minimum) ?? 1), bound(schema.maximum) ?? Infinity);
      case "boolean":
        return false;
      case "array":
        return [];
      case "object":
        return {};
      default:
        if (schema.format === "date") return "2026-06-30";
        if (schema.format === "date-time") return "2026-06-30T09:00:00+08:00";
        return `<${name}>`;
    }
  }

  /** The properties of an object schema, through one `$ref`. */
  propertiesOf(schema: JsonSchema): { properties: ApiProperty[]; example: Record<string, unknown>; description?: string } {
    const name = refName(schema);
    const target = name ? (this.components[name] ?? {}) : schema;
    const properties = isObject(target.properties) ? target.properties : {};
    const required = Array.isArray(target.required) ? target.required : [];
    const list = Object.entries(properties)
      .filter((entry): entry is [string, JsonSchema] => isObject(entry[1]))
      .map(([property, definition]) => ({
        name: property,
        required: required.includes(property),
        description: this.descriptionOf(definition),
        type: this.typeOf(definition),
      }));
    const example = Object.fromEntries(
      list
        .filter((property) => property.required)
        .map((property) => [property.name, this.exampleOf(properties[property.name] as JsonSchema, property.name)]),
    );
    return { properties: list, example, description: text(target.description) };
  }
}

function defaultOf(schema: JsonSchema): string | undefined {
  return "default" in schema ? show(schema.default) : undefined;
}

function readOperation(
  reader: SchemaReader,
  path: string,
  method: HttpMethod,
  operation: JsonSchema,
  documentSecured: boolean,
): ApiOperation {
  const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []).filter(isObject).map((parameter) => {
    const schema = isObject(parameter.schema) ? parameter.schema : {};
    return {
      name: String(parameter.name),
      in: String(parameter.in),
      required: parameter.required === true,
      description: text(parameter.description) ?? reader.descriptionOf(schema),
      type: reader.typeOf(schema),
      example: "example" in schema ? show(schema.example) : undefined,
    };
  });
  const content = isObject(operation.requestBody) && isObject(operation.requestBody.content) ? operation.requestBody.content : {};
  const bodySchema = isObject(content["application/json"]) ? content["application/json"].schema : undefined;
  const body = isObject(bodySchema) ? { schemaName: refName(bodySchema), ...reader.propertiesOf(bodySchema) } : undefined;
  const responses = Object.entries(isObject(operation.responses) ? operation.responses : {})
    .filter((entry): entry is [string, JsonSchema] => isObject(entry[1]))
    .map(([status, response]) => {
      const json = isObject(response.content) && isObject(response.content["application/json"]) ? response.content["application/json"] : {};
      return {
        status,
        description: text(response.description) ?? "",
        schemaName: isObject(json.schema) ? refName(json.schema) : undefined,
      };
    });
  const security = operation.security;
  return {
    id: String(operation.operationId ?? `${method} ${path}`),
    method,
    path,
    tag: Array.isArray(operation.tags) && typeof operation.tags[0] === "string" ? operation.tags[0] : "",
    summary: text(operation.summary) ?? "",
    description: text(operation.description),
    needsToken: Array.isArray(security) ? security.length > 0 : documentSecured,
    parameters,
    body,
    responses,
  };
}

/** The document as the page shows it: tags in the document's order, operations in path order. */
export function readDocument(document: OpenApiDocument): ApiReference {
  const reader = new SchemaReader(document.components.schemas);
  const documentSecured = document.security.length > 0;
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method.toLowerCase()];
      return isObject(operation) ? [readOperation(reader, path, method, operation, documentSecured)] : [];
    }),
  );
  const tags = [...document.tags.map((tag) => tag.name), ...operations.map((operation) => operation.tag)];
  const groups = [...new Set(tags)]
    .map((tag, index) => ({ tag, anchor: `tag-${index + 1}`, operations: operations.filter((operation) => operation.tag === tag) }))
    .filter((group) => group.operations.length > 0);
  return {
    title: document.info.title,
    version: document.info.version,
    description: document.info.description,
    basePath: document.servers[0]?.url ?? "",
    groups,
  };
}

const shellVariable = (name: string) => `$${name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`;
// commas stay readable in a query (`light=RED,YELLOW`); everything else is encoded
const encodeQuery = (value: string) => encodeURIComponent(value).replaceAll("%2C", ",");

/**
 * A curl command for one operation, against `$BASE` with `$TOKEN`: path parameters become shell
 * variables, the query carries the required parameters and up to two that have an example, a body
 * carries the required properties.
 */
export function curlExample(operation: ApiOperation): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => shellVariable(name));
  const query = operation.parameters.filter((parameter) => parameter.in === "query");
  const chosen = [
    ...query.filter((parameter) => parameter.required),
    ...query.filter((parameter) => !parameter.required && parameter.example !== undefined).slice(0, 2),
  ];
  const search = chosen.map((parameter) => `${parameter.name}=${encodeQuery(parameter.example ?? `<${parameter.name}>`)}`).join("&");
  const url = `"$BASE${path}${search ? `?${search}` : ""}"`;
  const lines = [`curl${operation.method === "GET" ? "" : ` -X ${operation.method}`} ${url}`];
  if (operation.needsToken) lines.push(`-H "Authorization: Bearer $TOKEN"`);
  if (operation.body) {
    lines.push(`-H "Content-Type: application/json"`);
    // indented under the command; a quote inside the JSON closes and reopens the shell string
    const json = JSON.stringify(operation.body.example, null, 2).replaceAll("\n", "\n  ").replaceAll("'", "'\\''");
    lines.push(`-d '${json}'`);
  }
  return lines.join(" \\\n  ");
}
