// Loads the optional peer dependencies `bullmq` and `ioredis` synchronously when `winrt-async/bullmq` is
// imported, so that a missing package gives one clear error naming what to install (a static `import` would
// fail inside Node's loader with a bare "Cannot find package"). `require` works from both builds: the CJS build
// has one, the ESM build makes one with `createRequire(import.meta.url)`.
import { createRequire } from "node:module";

type BullMQ = typeof import("bullmq");
type IORedisModule = typeof import("ioredis");

declare const __filename: string | undefined;

const load: (id: string) => unknown = createRequire(typeof __filename === "string" ? __filename : import.meta.url);

function tryLoad<T>(id: string, missing: string[]): T | undefined {
  try {
    return load(id) as T;
  } catch (error) {
    if ((error as { code?: unknown }).code === "MODULE_NOT_FOUND") {
      missing.push(id);
      return undefined;
    }
    throw error;
  }
}

const missing: string[] = [];
const ioredis = tryLoad<IORedisModule>("ioredis", missing);
const bullmq = tryLoad<BullMQ>("bullmq", missing);
if (bullmq === undefined || ioredis === undefined) {
  throw new Error(
    `winrt-async/bullmq needs its optional peer dependencies bullmq and ioredis; missing: ${missing.join(", ")}. ` +
      `Install them with: npm install bullmq ioredis`,
  );
}

/** BullMQ's runtime exports (the classes this adapter uses). */
export const { Queue, Worker, UnrecoverableError, WaitingError } = bullmq;
/** ioredis' client class, for the cancel channel's subscriber connection. */
export const Redis = ioredis.Redis;
