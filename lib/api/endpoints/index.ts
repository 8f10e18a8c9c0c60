// Every endpoint of /api/v1, imported once so the registry (and the OpenAPI document) holds them all.
export * from "./session";
export * from "./tasks";
export * from "./reports";
export * from "./reference";
export * from "./openapi";
export * from "./attachments";
export * from "./changes";
export * from "./instructions";
