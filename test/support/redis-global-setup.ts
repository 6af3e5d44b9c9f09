// vitest globalSetup: one redis-server for the whole run (or REDIS_URL), handed to the test files as
// `inject("redisUrl")`. Test files keep their Redis usage apart with unique queue names, so they run in parallel.
import type { TestProject } from "vitest/node";
import { startRedis } from "./redis-server.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedis();
  project.provide("redisUrl", redis.url);
  return () => redis.stop();
}
