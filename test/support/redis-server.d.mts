// Types of test/support/redis-server.mjs.
export interface RedisHandle {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** False when REDIS_URL named an existing server (then `stop` does nothing). */
  readonly started: boolean;
  readonly pid?: number;
  stop(): Promise<void>;
}
export function startRedis(): Promise<RedisHandle>;
export function connectionOf(url: string): {
  host: string;
  port: number;
  maxRetriesPerRequest: null;
  password?: string;
  username?: string;
  db?: number;
};
