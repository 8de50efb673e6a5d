import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  // The layering of docs/architecture.md (rules 1, 13 and 14), enforced on import paths.
  {
    files: ["server/domain/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "socket.io", "hono", "hono/*", "@hono/*"], message: "Domain code imports no transport (docs/architecture.md rule 1)." },
            { regex: "(^|/)(http|realtime)/", message: "Domain code imports no transport: server/http and server/realtime call the domain, not the reverse (docs/architecture.md rule 1)." },
            {
              regex: "(^|/)(jobs/[^/]+|main|start-server|start-media-server|admin-cli|migrate-cli|seed-demo)\\.ts$",
              message: "Domain code imports no process file: those assemble the domain, not the reverse (docs/architecture.md rule 1).",
            },
            { regex: "(^|/)env\\.ts$", message: "Domain code reads no environment: take the value from AppContext.config or a parameter (docs/architecture.md rule 1)." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(\\.\\./)+(server|db|media|bench|tests)/", message: "Pages import only contract/ (types) and their own files (docs/architecture.md rule 13)." },
            { regex: "^@/(?!contract/)", message: "Pages import only contract/ (types) and their own files (docs/architecture.md rule 13)." },
            {
              regex: "(^|/)contract/",
              allowTypeImports: true,
              message: "Pages import only types from contract/ (`import type`), so zod stays out of the browser bundle (docs/architecture.md rule 13).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["media/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(\\.\\./)+(server|db|app|contract|bench)/|^@/", message: "media/ is a library of its own: it imports nothing of the app (docs/architecture.md rule 14)." },
          ],
        },
      ],
    },
  },
  {
    files: ["contract/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(\\.\\./)+(server|db|app|media|bench|tests)/|^@/", message: "contract/ is the wire's shapes only: it imports no side of it (docs/architecture.md rule 13)." },
          ],
        },
      ],
    },
  },
  {
    files: ["tests/**/*.ts", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
