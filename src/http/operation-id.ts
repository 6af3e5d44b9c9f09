// Operation ids: holding one is the capability to watch and cancel (as a scoped token is), so they are random, not
// counted: 16 bytes from the platform's CSPRNG (`crypto.getRandomValues`, in every runtime we support), written
// in base64url without padding: 22 URL-safe characters, 128 bits.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A new random operation id (22 characters of `[A-Za-z0-9_-]`, 128 random bits). Never throws. */
export function newOperationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = "";
  // 16 bytes = 5 groups of 3 bytes (4 characters each) + 1 byte (2 characters).
  for (let i = 0; i < 15; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    id += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const last = bytes[15]!;
  return id + ALPHABET[last >>> 2]! + ALPHABET[(last & 3) << 4]!;
}
