// Operation ids: holding one is the capability to watch and cancel (as a scoped token is), so they are random, not
// counted: 16 bytes from the platform's CSPRNG (`crypto.getRandomValues`, in every runtime we support), written
// in base64url without padding: 22 URL-safe characters, 128 bits.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Random bytes are drawn 4 KiB at a time (one call to the CSPRNG per 256 ids, rather than one per id: the call,
// not the bytes, is what costs) and each byte is used once.
const POOL = 4096;
const pool = new Uint8Array(POOL);
let offset = POOL;

/** A new random operation id (22 characters of `[A-Za-z0-9_-]`, 128 random bits). Never throws. */
export function newOperationId(): string {
  if (offset === POOL) {
    crypto.getRandomValues(pool);
    offset = 0;
  }
  const at = offset;
  offset += 16;
  let id = "";
  // 16 bytes = 5 groups of 3 bytes (4 characters each) + 1 byte (2 characters).
  for (let i = at; i < at + 15; i += 3) {
    const n = (pool[i]! << 16) | (pool[i + 1]! << 8) | pool[i + 2]!;
    id += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const last = pool[at + 15]!;
  pool.fill(0, at, at + 16); // a used id's bytes do not stay in memory
  return id + ALPHABET[last >>> 2]! + ALPHABET[(last & 3) << 4]!;
}
