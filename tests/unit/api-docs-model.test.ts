// The API page's reading of the OpenAPI document, on small hand-written fragments: the real
// document is generated from the endpoints, which need the database-backed modules.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { curlExample, readDocument, SchemaReader, type ApiOperation } from "@/components/api-docs/model";
import type { OpenApiDocument } from "@/lib/api/openapi";

type JsonSchema = Record<string, unknown>;

const SCHEMAS: Record<string, JsonSchema> = {
  Light: { type: "string", enum: ["GREEN", "YELLOW", "RED"], description: "灯色" },
  Milestone: { type: "object", properties: { title: { type: "string" } }, required: ["title"] },
  Error: { type: "object", properties: { error: { type: "object" } } },
  CreateTask: {
    type: "object",
    description: "新建任务",
    properties: {
      title: { type: "string", minLength: 1, maxLength: 200, description: "标题" },
      dueDate: { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
      light: { $ref: "#/components/schemas/Light" },
      weight: { type: "integer", minimum: 0, maximum: 100 },
      tags: { type: "array", items: { type: "string" } },
      urgent: { type: "boolean" },
      ownerId: { anyOf: [{ type: "string", example: "u_42" }, { type: "null" }] },
      note: { type: "string", default: "" },
    },
    required: ["title", "dueDate", "light", "weight", "tags", "urgent", "ownerId"],
  },
};

function documentOf(paths: OpenApiDocument["paths"], tags: string[] = []): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "改革任务管理平台 API", version: "1.0.0", description: "说明" },
    servers: [{ url: "/api/v1" }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: { schemas: SCHEMAS, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
  };
}

const ok = { "200": { description: "成功" } };

/** The one operation of a document with a single path and method. */
function onlyOperation(path: string, method: string, operation: JsonSchema): ApiOperation {
  const [group] = readDocument(documentOf({ [path]: { [method]: { tags: ["Tasks"], ...operation } } })).groups;
  const [only] = group?.operations ?? [];
  if (!only) throw new Error("no operation read");
  return only;
}

const reader = new SchemaReader(SCHEMAS);

describe("readDocument", () => {
  it("groups operations by tag in the document's tag order, then tags only operations use, and drops empty tags", () => {
    const reference = readDocument(
      documentOf(
        {
          "/tasks": { post: { tags: ["Tasks"], responses: ok }, get: { tags: ["Tasks"], responses: ok } },
          "/plans": { get: { tags: ["Plans"], responses: ok } },
          "/tasks/{id}": { delete: { tags: ["Tasks"], responses: ok } },
          "/extra": { get: { tags: ["Extra"], responses: ok } },
        },
        ["Tasks", "Unused", "Plans"],
      ),
    );
    expect(reference.groups.map((group) => [group.tag, group.operations.map((operation) => operation.id)])).toEqual([
      ["Tasks", ["GET /tasks", "POST /tasks", "DELETE /tasks/{id}"]],
      ["Plans", ["GET /plans"]],
      ["Extra", ["GET /extra"]],
    ]);
    expect(new Set(reference.groups.map((group) => group.anchor)).size).toBe(3);
    expect(reference).toMatchObject({ title: "改革任务管理平台 API", version: "1.0.0", description: "说明", basePath: "/api/v1" });
  });

  it("reads a query parameter's pattern, enum, range and example, dropping zod's safe-integer bounds", () => {
    const operation = onlyOperation("/tasks", "get", {
      operationId: "listTasks",
      parameters: [
        {
          name: "month",
          in: "query",
          required: true,
          description: "月份",
          schema: { type: "string", pattern: "^\\d{4}-\\d{2}$", example: "2026-10" },
        },
        { name: "light", in: "query", required: false, schema: { $ref: "#/components/schemas/Light" } },
        { name: "status", in: "query", required: false, schema: { type: "string", enum: ["OPEN", "DONE"], default: "OPEN" } },
        { name: "pageSize", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, example: 20 } },
        { name: "page", in: "query", schema: { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
      ],
      responses: ok,
    });
    expect(operation.parameters).toEqual([
      {
        name: "month",
        in: "query",
        required: true,
        description: "月份",
        type: { label: "string", nullable: false, pattern: "^\\d{4}-\\d{2}$" },
        example: "2026-10",
      },
      {
        name: "light",
        in: "query",
        required: false,
        description: "灯色",
        type: { label: "Light", nullable: false, values: ["GREEN", "YELLOW", "RED"] },
      },
      {
        name: "status",
        in: "query",
        required: false,
        type: { label: "string", nullable: false, values: ["OPEN", "DONE"], defaultValue: "OPEN" },
      },
      {
        name: "pageSize",
        in: "query",
        required: false,
        type: { label: "integer", nullable: false, minimum: 1, maximum: 100 },
        example: "20",
      },
      { name: "page", in: "query", required: false, type: { label: "integer", nullable: false, minimum: 1 } },
    ]);
  });

  it("resolves a $ref body to its properties with required flags, and names the responses' schemas", () => {
    const operation = onlyOperation("/tasks", "post", {
      operationId: "createTask",
      summary: "新建任务",
      requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/CreateTask" } } } },
      responses: {
        "201": { description: "已创建", content: { "application/json": { schema: { $ref: "#/components/schemas/Milestone" } } } },
        "422": { description: "填写内容有误", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    });
    expect(operation.body?.schemaName).toBe("CreateTask");
    expect(operation.body?.description).toBe("新建任务");
    expect(operation.body?.properties.map((property) => [property.name, property.required, property.type.label])).toEqual([
      ["title", true, "string"],
      ["dueDate", true, "string"],
      ["light", true, "Light"],
      ["weight", true, "integer"],
      ["tags", true, "array<string>"],
      ["urgent", true, "boolean"],
      ["ownerId", true, "string"],
      ["note", false, "string"],
    ]);
    expect(operation.body?.properties[0]).toEqual({
      name: "title",
      required: true,
      description: "标题",
      type: { label: "string", nullable: false, minLength: 1, maxLength: 200 },
    });
    expect(operation.responses).toEqual([
      { status: "201", description: "已创建", schemaName: "Milestone" },
      { status: "422", description: "填写内容有误", schemaName: "Error" },
    ]);
  });

  it("needs a token unless the operation sets `security: []`", () => {
    expect(onlyOperation("/tasks", "get", { responses: ok }).needsToken).toBe(true);
    expect(onlyOperation("/session", "post", { security: [], responses: ok }).needsToken).toBe(false);
  });
});

describe("SchemaReader.typeOf", () => {
  it("reads `anyOf: [..., {type: null}]` as nullable, keeping the branch's constraints and the wrapper's default", () => {
    expect(reader.typeOf({ anyOf: [{ type: "string", maxLength: 500 }, { type: "null" }], default: null })).toEqual({
      label: "string",
      nullable: true,
      maxLength: 500,
      defaultValue: "null",
    });
  });

  it("reads a type array with null as nullable", () => {
    expect(reader.typeOf({ type: ["integer", "null"], minimum: 0 })).toEqual({ label: "integer", nullable: true, minimum: 0 });
  });

  it("names a nullable $ref and lists its enum values", () => {
    expect(reader.typeOf({ anyOf: [{ $ref: "#/components/schemas/Light" }, { type: "null" }] })).toEqual({
      label: "Light",
      nullable: true,
      values: ["GREEN", "YELLOW", "RED"],
    });
  });

  it("counts an empty-string literal beside a date as a way to clear it, and lets the format hide its regex", () => {
    const schema = { anyOf: [{ type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" }, { const: "" }, { type: "null" }] };
    expect(reader.typeOf(schema)).toEqual({ label: "string", nullable: true, format: "date" });
  });

  it("labels an array of $ref by its item component, with the item's values and the array's length limits", () => {
    expect(reader.typeOf({ type: "array", items: { $ref: "#/components/schemas/Light" }, minItems: 1, maxItems: 3 })).toEqual({
      label: "array<Light>",
      nullable: false,
      values: ["GREEN", "YELLOW", "RED"],
      minItems: 1,
      maxItems: 3,
    });
    expect(reader.typeOf({ type: "array", items: { $ref: "#/components/schemas/Milestone" } }).label).toBe("array<Milestone>");
  });

  it("lists the fields of an inline object and of the objects in an inline array", () => {
    const item = { type: "object", properties: { date: { type: "string" }, percent: { type: "integer" } }, required: ["date"] };
    const fields = [
      { name: "date", required: true },
      { name: "percent", required: false },
    ];
    expect(reader.typeOf(item)).toEqual({ label: "object", nullable: false, fields });
    expect(reader.typeOf({ type: "array", items: item })).toEqual({ label: "array<object>", nullable: false, fields });
    expect(reader.typeOf({ type: "object", additionalProperties: { type: "number" } }).label).toBe("object<string, number>");
  });

  it("joins the labels of a union of concrete types", () => {
    expect(reader.typeOf({ anyOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] })).toEqual({
      label: "string | integer",
      nullable: true,
    });
  });
});

describe("SchemaReader.exampleOf", () => {
  it.each([
    [{ type: "integer", minimum: 0, maximum: 100 }, 1],
    [{ type: "integer", minimum: 2000, maximum: 2100 }, 2000],
    // zod writes the safe-integer maximum onto `z.int().min(5)`: the example must still respect the minimum
    [{ type: "integer", minimum: 5, maximum: Number.MAX_SAFE_INTEGER }, 5],
    [{ type: "number", minimum: 2000 }, 2000],
    [{ type: "integer", maximum: -1 }, -1],
  ])("gives %j the example %j, inside its range", (schema, example) => {
    expect(reader.exampleOf(schema, "count")).toBe(example);
  });
});

describe("curlExample", () => {
  it("turns path parameters into shell variables and puts the query's example values in the URL", () => {
    const operation = onlyOperation("/tasks/{id}/milestones/{milestoneId}", "get", {
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        { name: "milestoneId", in: "path", required: true, schema: { type: "string" } },
        { name: "light", in: "query", required: false, schema: { type: "string", example: "RED,YELLOW" } },
        { name: "q", in: "query", required: false, schema: { type: "string", example: "改革 & 任务" } },
        { name: "page", in: "query", required: false, schema: { type: "integer" } },
      ],
      responses: ok,
    });
    expect(curlExample(operation)).toBe(
      'curl "$BASE/tasks/$ID/milestones/$MILESTONE_ID?light=RED,YELLOW&q=%E6%94%B9%E9%9D%A9%20%26%20%E4%BB%BB%E5%8A%A1" \\\n' +
        '  -H "Authorization: Bearer $TOKEN"',
    );
  });

  it("leaves out the Authorization header for an operation with `security: []`", () => {
    const operation = onlyOperation("/session", "post", {
      security: [],
      requestBody: {
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: { username: { type: "string" }, password: { type: "string" } },
              required: ["username", "password"],
            },
          },
        },
      },
      responses: ok,
    });
    expect(curlExample(operation)).toBe(
      'curl -X POST "$BASE/session" \\\n' +
        '  -H "Content-Type: application/json" \\\n' +
        "  -d '{\n" +
        '    "username": "<username>",\n' +
        '    "password": "<password>"\n' +
        "  }'",
    );
  });

  it("sends a body with exactly the required properties, each with a plausible value", () => {
    const operation = onlyOperation("/tasks", "post", {
      requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/CreateTask" } } } },
      responses: ok,
    });
    expect(operation.body?.example).toEqual({
      title: "<title>",
      dueDate: "2026-06-30",
      light: "GREEN",
      weight: 1,
      tags: [],
      urgent: false,
      ownerId: "u_42",
    });
    expect(curlExample(operation)).toBe(
      'curl -X POST "$BASE/tasks" \\\n' +
        '  -H "Authorization: Bearer $TOKEN" \\\n' +
        '  -H "Content-Type: application/json" \\\n' +
        "  -d '{\n" +
        '    "title": "<title>",\n' +
        '    "dueDate": "2026-06-30",\n' +
        '    "light": "GREEN",\n' +
        '    "weight": 1,\n' +
        '    "tags": [],\n' +
        '    "urgent": false,\n' +
        '    "ownerId": "u_42"\n' +
        "  }'",
    );
  });

  it("keeps a body with a single quote valid for bash, and bash hands curl the JSON unchanged", () => {
    const operation = onlyOperation("/tasks/{id}", "patch", {
      requestBody: {
        content: {
          "application/json": {
            schema: { type: "object", properties: { title: { type: "string", example: 'It\'s "done" $HOME `id`' } }, required: ["title"] },
          },
        },
      },
      responses: ok,
    });
    const command = curlExample(operation);
    expect(command).toContain(`"title": "It'\\''s \\"done\\" $HOME \`id\`"`);
    // syntax only, then a run against a stub `curl` that prints the arguments bash gives it
    expect(() => execFileSync("bash", ["-n"], { input: command })).not.toThrow();
    const script = `BASE=https://example.test/api/v1; TOKEN=t0k; ID=42\ncurl() { printf '%s\\0' "$@"; }\n${command}`;
    const args = execFileSync("bash", ["-c", script], { encoding: "utf8" }).split("\0").slice(0, -1);
    expect(args.slice(0, 8)).toEqual([
      "-X",
      "PATCH",
      "https://example.test/api/v1/tasks/42",
      "-H",
      "Authorization: Bearer t0k",
      "-H",
      "Content-Type: application/json",
      "-d",
    ]);
    expect(JSON.parse(args[8] ?? "")).toEqual({ title: 'It\'s "done" $HOME `id`' });
  });
});
