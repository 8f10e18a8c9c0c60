import "server-only";
// The OpenAPI 3.1 document of /api/v1, generated from the endpoints' zod schemas (never written by
// hand): what the validator test checks, what GET /api/v1/openapi.json serves and what the
// portal's API page shows.
import { z } from "zod";
import { env } from "@/lib/server/env";
import type { AnyEndpoint } from "./endpoint";
import { errorBodySchema, STATUS_DESCRIPTIONS } from "./errors";
import { API_RATE_LIMIT, ENDPOINTS } from "./endpoint";
import "./endpoints";

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
  security: Record<string, string[]>[];
}

const COMPONENTS = "#/components/schemas/";

const DESCRIPTION = `县（市、区）委全面深化改革委员会办公室改革任务管理平台的数据接口，供上级平台、其他政务系统和会议室大屏调用。

- 认证：先用 \`POST /session\` 以账号密码换取令牌，或由系统管理员在“用户管理”中为系统账号签发长期令牌；之后每个请求带上 \`Authorization: Bearer <token>\`。令牌代表该用户，权限和数据范围与其在门户中完全相同，每次写操作都记入审计日志。
- 错误：一律为 \`{ "error": { "code", "message", "fields"? } }\`；提示默认中文，请求头 \`Accept-Language: en\` 时为英文。超出调用者范围的记录一律 404。
- 并发：修改时带回读取到的 \`version\`，过期返回 409，不会覆盖他人的修改。
- 限流：每个用户每分钟 ${API_RATE_LIMIT.requests} 次，超出返回 429 并给出 Retry-After。`;

/** Converts one schema; named sub-schemas (`.meta({ id })`) go to components and are referenced. */
function convert(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const generated = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  // named sub-schemas come out as $defs of each schema: they become the document's components
  const json = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', `"${COMPONENTS}`)) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
  };
  const { $schema: _schema, $defs, ...rest } = json;
  for (const [id, definition] of Object.entries($defs ?? {})) components[id] ??= definition;
  // a top-level schema with an id is itself a component
  const id = typeof rest.id === "string" ? rest.id : undefined;
  if (id) {
    const { id: _id, ...body } = rest;
    components[id] ??= body;
    return { $ref: `${COMPONENTS}${id}` };
  }
  return rest;
}

function propertiesOf(schema: z.ZodType, components: Record<string, JsonSchema>) {
  const json = convert(schema, "input", components) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    property,
    required: json.required?.includes(name) ?? false,
  }));
}

function operationOf(endpoint: AnyEndpoint, components: Record<string, JsonSchema>): JsonSchema {
  const parameters = [
    ...(endpoint.params ? propertiesOf(endpoint.params, components) : []).map(({ name, property }) => ({
      name,
      in: "path",
      required: true,
      description: property.description,
      schema: property,
    })),
    ...(endpoint.query ? propertiesOf(endpoint.query, components) : []).map(({ name, property, required }) => ({
      name,
      in: "query",
      required,
      description: property.description,
      schema: property,
    })),
  ];
  const responses: Record<string, JsonSchema> = {
    [String(endpoint.status ?? 200)]: endpoint.rawResponse
      ? {
          description: endpoint.rawResponse.description,
          content: {
            [endpoint.rawResponse.contentType]: { schema: { type: "string", contentMediaType: endpoint.rawResponse.contentType } },
          },
        }
      : {
          description: endpoint.status === 201 ? "已创建" : "成功",
          content: { "application/json": { schema: convert(endpoint.response, "output", components) } },
        },
  };
  for (const status of endpoint.errors)
    responses[String(status)] = {
      description: STATUS_DESCRIPTIONS[status] ?? "错误",
      content: { "application/json": { schema: { $ref: `${COMPONENTS}Error` } } },
    };
  return {
    operationId: endpoint.operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    // {maxMb}: the evidence cap as configured (ATTACHMENT_MAX_MB), the same number the server enforces
    ...(endpoint.description ? { description: endpoint.description.replaceAll("{maxMb}", String(env().ATTACHMENT_MAX_MB)) } : {}),
    ...(endpoint.auth === "bearer" ? {} : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.body
      ? { requestBody: { required: true, content: { "application/json": { schema: convert(endpoint.body, "input", components) } } } }
      : {}),
    ...(endpoint.rawRequestBody
      ? {
          requestBody: {
            required: true,
            ...(endpoint.rawRequestBody.description ? { description: endpoint.rawRequestBody.description } : {}),
            content: { [endpoint.rawRequestBody.contentType]: { schema: endpoint.rawRequestBody.schema } },
          },
        }
      : {}),
    responses,
  };
}

let cached: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  if (cached) return cached;
  const components: Record<string, JsonSchema> = {};
  convert(errorBodySchema, "output", components);
  const paths: OpenApiDocument["paths"] = {};
  const tags: string[] = [];
  for (const endpoint of ENDPOINTS) {
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operationOf(endpoint, components);
    if (!tags.includes(endpoint.tag)) tags.push(endpoint.tag);
  }
  cached = {
    openapi: "3.1.0",
    info: { title: "改革任务管理平台 API", version: "1.0.0", description: DESCRIPTION },
    servers: [{ url: "/api/v1" }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "会话令牌或长期令牌（rtp_ 开头）" } },
    },
    security: [{ bearer: [] }],
  };
  return cached;
}
