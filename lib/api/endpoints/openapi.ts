import "server-only";
import { z } from "zod";
import { defineEndpoint } from "../endpoint";

export const openApiEndpoint = defineEndpoint({
  method: "GET",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  tag: "说明",
  summary: "本接口的 OpenAPI 3.1 描述（由接口的校验规则自动生成）",
  auth: "none",
  response: z.record(z.string(), z.unknown()).meta({ id: "OpenApiDocument" }),
  errors: [],
  async handle() {
    // imported here, not at the top: the document is built from the registry this module is part of
    const { openApiDocument } = await import("../openapi");
    return openApiDocument() as unknown as Record<string, unknown>;
  },
});
