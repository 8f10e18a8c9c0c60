import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import noServerInClient from "./tools/eslint/no-server-in-client.mjs";

const config = [
  { ignores: [".next/**", "node_modules/**", "lib/db/generated/**", ".data/**", "test-results/**", "reports/**", "next-env.d.ts"] },
  ...nextVitals,
  ...nextTs,
  {
    plugins: { portal: { rules: { "no-server-in-client": noServerInClient } } },
    rules: {
      "portal/no-server-in-client": "error",
      // Icons and logos are static SVG files; next/image adds nothing for them.
      "@next/next/no-img-element": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
