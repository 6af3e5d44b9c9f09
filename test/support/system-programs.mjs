// Finds the system programs the suite needs (Debian's `redis-server` and `chromium`), installing the Debian
// package when it is missing and this process can (root, `apt-get` present), so `npm test` works on a fresh
// machine. Otherwise it throws an error naming the package to install. One module for every test that needs one.
import { execFileSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** The absolute path of `name` on PATH, or undefined. */
export function which(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

let updated = false;

/**
 * Returns the path of `program`: `process.env[envVar]` when set, else the program on PATH (or in /usr/bin,
 * /usr/sbin), else it installs Debian's `debianPackage` (root with apt-get only) and returns the installed path.
 * Throws an Error naming the package when the program is missing and cannot be installed.
 */
export function ensureProgram({ program, debianPackage, envVar }) {
  if (envVar && process.env[envVar]) return process.env[envVar];
  const found = which(program) ?? existing(`/usr/bin/${program}`) ?? existing(`/usr/sbin/${program}`);
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !which("apt-get")) {
    throw new Error(
      `The test suite needs \`${program}\`: install Debian's package \`${debianPackage}\` (apt-get install ${debianPackage})` +
        (envVar ? ` or set ${envVar}` : "") + ".",
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const options = { stdio: ["ignore", "ignore", "inherit"], env, timeout: 15 * 60_000 };
  if (!updated) {
    execFileSync("apt-get", ["update", "-qq"], options);
    updated = true;
  }
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", debianPackage], options);
  const installed = which(program) ?? existing(`/usr/bin/${program}`) ?? existing(`/usr/sbin/${program}`);
  if (!installed) throw new Error(`Installed ${debianPackage}, but \`${program}\` is still not found.`);
  return installed;
}

function existing(path) {
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

/** Debian's Chromium (or CHROMIUM_PATH), for playwright-core's `executablePath`. */
export const chromiumPath = () => ensureProgram({ program: "chromium", debianPackage: "chromium", envVar: "CHROMIUM_PATH" });

/** Debian's redis-server (ignored when REDIS_URL is set: the caller then uses that server). */
export const redisServerPath = () => ensureProgram({ program: "redis-server", debianPackage: "redis-server" });

/** Chromium's flags on this kind of machine (root, closed network): see the project's notes. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
