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
      // room for a loaded machine here too (the demo calendar builds ~80 counties); nothing asserts on speed
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 120_000 } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          // Room for a loaded machine (seeding the demo county twice on two busy cores can take
          // minutes); a test that hangs still fails, and no test asserts on speed.
          testTimeout: 600_000,
          hookTimeout: 600_000,
          pool: "forks",
        },
      },
    ],
  },
});
