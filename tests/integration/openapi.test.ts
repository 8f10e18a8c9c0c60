// The OpenAPI document: valid OpenAPI 3.1 (checked against the official schema), every route file
// under app/api/v1 described by it with the very handler it documents, every reference resolvable,
// and served as is by GET /api/v1/openapi.json.
import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "@/lib/api/endpoint";
import { openApiEndpoint } from "@/lib/api/endpoints";
import { openApiDocument } from "@/lib/api/openapi";
import { LIGHT_REASONS } from "@/lib/tasks/rules";
import { callApi } from "@/tests/support/api";

const ROOT = path.resolve("app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir = ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/tasks/[id]/reports/route.ts → /tasks/{id}/reports */
function apiPathOf(file: string): string {
  const relative = path.relative(ROOT, path.dirname(file)).split(path.sep).join("/");
  return `/${relative.replace(/\[(\w+)\]/g, "{$1}")}`;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument() as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // and the validator does refuse a broken document (a parameter in no valid place)
    const broken = structuredClone(openApiDocument()) as unknown as {
      paths: Record<string, Record<string, { parameters: { in: string }[] }>>;
    };
    broken.paths["/tasks"]!.get!.parameters[0]!.in = "body";
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("describes every route under app/api/v1 with the handler that serves it, and nothing else", async () => {
    const document = openApiDocument();
    const served: string[] = [];
    for (const file of routeFiles()) {
      const route = (await import(file)) as Record<string, unknown>;
      const apiPath = apiPathOf(file);
      for (const method of METHODS) {
        if (!route[method]) continue;
        served.push(`${method} ${apiPath}`);
        expect(document.paths[apiPath]?.[method.toLowerCase()], `${method} ${apiPath} is not in the document`).toBeDefined();
        const endpoint = ENDPOINTS.find((candidate) => candidate.path === apiPath && candidate.method === method);
        expect(endpoint?.route, `${method} ${apiPath} is served by another handler than the one documented`).toBe(route[method]);
      }
    }
    const documented = Object.entries(document.paths).flatMap(([apiPath, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${apiPath}`),
    );
    expect(served.sort()).toEqual(documented.sort());
    expect(served.length).toBeGreaterThanOrEqual(15);
  });

  it("has unique operation ids, documented errors and resolvable references", () => {
    const document = openApiDocument();
    const ids = ENDPOINTS.map((endpoint) => endpoint.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const text = JSON.stringify(document);
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(document.components.schemas, `missing component ${name}`).toHaveProperty(name!);
    // the error shape of every failure, and the bearer requirement of all but the session and the document itself
    for (const endpoint of ENDPOINTS) {
      const operation = document.paths[endpoint.path]![endpoint.method.toLowerCase()] as {
        responses: Record<string, unknown>;
        security?: unknown[];
      };
      for (const status of endpoint.errors) expect(operation.responses).toHaveProperty(String(status));
      if (endpoint.auth === "none") expect(operation.security).toEqual([]);
      else expect(operation.security).toBeUndefined();
    }
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.components.schemas.Error).toBeDefined();
  });

  it("documents the reasons of a task's light: every code, its text and its data", () => {
    const { schemas } = openApiDocument().components;
    const item = schemas.TaskItem as { properties: Record<string, unknown>; required: string[] };
    expect(item.properties.reasons).toMatchObject({ type: "array", items: { $ref: "#/components/schemas/LightReason" } });
    expect(item.required).toContain("reasons");
    const variants = (schemas.LightReason as { oneOf: { $ref: string }[] }).oneOf.map(
      (variant) =>
        schemas[variant.$ref.split("/").at(-1)!] as { properties: Record<string, { const?: string; enum?: string[] }>; required: string[] },
    );
    const codes = variants.flatMap((variant) => variant.properties.code!.enum ?? [variant.properties.code!.const!]);
    expect(codes.sort()).toEqual([...LIGHT_REASONS].sort());
    for (const variant of variants) expect(variant.required).toEqual(expect.arrayContaining(["code", "text"]));
    const getTask = openApiDocument().paths["/tasks/{id}"]!.get as { parameters: { name: string; in: string }[] };
    expect(getTask.parameters).toContainEqual(expect.objectContaining({ name: "asOf", in: "query" }));
  });

  it("is what GET /api/v1/openapi.json serves, without a token", async () => {
    const answer = await callApi(openApiEndpoint);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
