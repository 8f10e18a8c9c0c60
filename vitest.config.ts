import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React's server bundle; services are tested directly.
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  test: {
    env: { NODE_ENV: "test", NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123456789", UPLOAD_DIR: ".data/test-uploads" },
    setupFiles: ["tests/support/fail-on-console-error.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
        },
      },
    ],
  },
});
