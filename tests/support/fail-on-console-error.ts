import { afterEach, beforeEach, vi, type MockInstance } from "vitest";

// A test that makes the code log an error has found a bug, even if its assertions pass.
let spy: MockInstance<typeof console.error> | undefined;
let errors: unknown[][] = [];

beforeEach(() => {
  errors = [];
  spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  spy?.mockRestore();
  if (errors.length > 0)
    throw new Error(`console.error was called during the test: ${errors.map((args) => args.map(String).join(" ")).join("\n")}`);
});
