import { defineConfig } from "vitest/config";

// Vitest prints "Testing types with tsc and vue-tsc is an experimental feature" on every run that has type tests
// (test/types/*.test-d.ts). The version is pinned by package-lock.json, so the notice tells a reader of `npm test`
// nothing but looks like a problem; drop exactly that notice (it is written once, before any test runs) and let
// everything else through.
const notice = "Testing types with tsc and vue-tsc is an experimental feature.";
const write = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean;
process.stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
  typeof chunk === "string" && chunk.includes(notice) ? true : write(chunk, ...rest)) as typeof process.stderr.write;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: {
      enabled: true,
      include: ["test/types/**/*.test-d.ts"],
      tsconfig: "test/tsconfig.json",
    },
    testTimeout: 10_000,
  },
});
