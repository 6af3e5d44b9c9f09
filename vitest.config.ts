import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: {
      enabled: true,
      include: ["test/types/**/*.test-d.ts"],
      tsconfig: "test/tsconfig.json",
    },
    testTimeout: 10_000,
    // One redis-server (or REDIS_URL) for the files that test winrt-async/bullmq: inject("redisUrl").
    globalSetup: ["test/support/redis-global-setup.ts"],
  },
});
