// Finds the system programs the suite needs, where they usually are on Linux, macOS and Windows: `redis-server`
// (unless REDIS_URL names a server) and a Chromium-based browser for playwright-core (Chromium, Google Chrome or
// Microsoft Edge; CHROMIUM_PATH wins). When one is missing it installs the Debian package where the suite always
// has (root with `apt-get`, so `npm test` works on a fresh Debian machine); anywhere else it stops with an error
// that gives the one command installing it on that system (apt-get, dnf, brew, winget). One module for every test
// that needs one. The lookup itself is pure (`locateProgram`, `installHint`: platform, environment and a file
// check are passed in), so test/unit/system-programs.test.ts checks it for every system on this one.
import { execFileSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { posix, win32 } from "node:path";

/**
 * What the suite looks for. `names`: program names looked up on PATH (`.exe` added on Windows); `paths(env, join)`:
 * the usual install locations per platform; `debianPackage`: what apt-get installs; `hints`: the install command
 * per platform and package manager.
 */
export const programs = {
  redisServer: {
    title: "redis-server (Redis 6.2 or later)",
    envVar: undefined,
    names: { linux: ["redis-server"], darwin: ["redis-server"], win32: ["redis-server"] },
    paths: {
      linux: () => ["/usr/bin/redis-server", "/usr/sbin/redis-server", "/usr/local/bin/redis-server"],
      darwin: () => ["/opt/homebrew/bin/redis-server", "/usr/local/bin/redis-server"],
      win32: (env, join) => (env.ProgramFiles ? [join(env.ProgramFiles, "Redis", "redis-server.exe")] : []),
    },
    debianPackage: "redis-server",
    hints: {
      "apt-get": "sudo apt-get install -y redis-server",
      dnf: "sudo dnf install -y redis",
      darwin: "brew install redis",
      // Redis has no Windows build of its own: it runs in WSL, and REDIS_URL points the suite at it.
      win32: 'wsl -u root -- sh -c "apt-get install -y redis-server && redis-server --daemonize yes", then set REDIS_URL=redis://127.0.0.1:6379',
    },
    alternative: "or set REDIS_URL to a running Redis",
  },
  browser: {
    title: "a Chromium-based browser (Chromium, Google Chrome or Microsoft Edge)",
    envVar: "CHROMIUM_PATH",
    names: {
      linux: ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge", "microsoft-edge-stable"],
      darwin: ["chromium", "google-chrome"],
      win32: ["chrome", "msedge"],
    },
    paths: {
      linux: () => ["/usr/bin/chromium", "/snap/bin/chromium", "/usr/bin/google-chrome", "/opt/google/chrome/chrome", "/opt/microsoft/msedge/msedge"],
      darwin: (env, join) =>
        ["/Applications", ...(env.HOME ? [join(env.HOME, "Applications")] : [])].flatMap((apps) => [
          join(apps, "Chromium.app/Contents/MacOS/Chromium"),
          join(apps, "Google Chrome.app/Contents/MacOS/Google Chrome"),
          join(apps, "Microsoft Edge.app/Contents/MacOS/Microsoft Edge"),
        ]),
      win32: (env, join) =>
        [env.ProgramFiles, env["ProgramFiles(x86)"], env.LOCALAPPDATA].filter(Boolean).flatMap((base) => [
          join(base, "Google", "Chrome", "Application", "chrome.exe"),
          join(base, "Chromium", "Application", "chrome.exe"),
          join(base, "Microsoft", "Edge", "Application", "msedge.exe"),
        ]),
    },
    debianPackage: "chromium",
    hints: {
      "apt-get": "sudo apt-get install -y chromium",
      dnf: "sudo dnf install -y chromium",
      darwin: "brew install --cask google-chrome",
      win32: "winget install -e --id Google.Chrome",
    },
    alternative: "or set CHROMIUM_PATH to a Chromium-based browser",
  },
};

/** The platform's own path rules: Windows paths on win32, POSIX ones elsewhere, whatever this machine is. */
const pathRules = (platform) => (platform === "win32" ? win32 : posix);
const family = (platform) => (platform === "win32" || platform === "darwin" ? platform : "linux");

/** The absolute path of program `name` on `env.PATH` (`name.exe` on Windows), or undefined. */
export function onPath(name, { platform, env, exists }) {
  const rules = pathRules(platform);
  const file = platform === "win32" && !name.endsWith(".exe") ? `${name}.exe` : name;
  for (const dir of (env.PATH ?? env.Path ?? "").split(rules.delimiter)) {
    if (!dir) continue;
    const candidate = rules.join(dir, file);
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Where `spec`'s program is on the system described: its environment variable when set, else the first of its
 * names on PATH, else the first of its usual locations that exists; undefined when none.
 */
export function locateProgram(spec, system) {
  const { platform, env, exists } = system;
  if (spec.envVar && env[spec.envVar]) return env[spec.envVar];
  const kind = family(platform);
  for (const name of spec.names[kind] ?? []) {
    const found = onPath(name, system);
    if (found) return found;
  }
  return (spec.paths[kind]?.(env, pathRules(platform).join) ?? []).find((path) => exists(path));
}

/** The one command that installs `spec`'s program on the system described (its package manager's). */
export function installHint(spec, system) {
  const kind = family(system.platform);
  if (kind !== "linux") return spec.hints[kind];
  for (const manager of ["apt-get", "dnf"]) if (onPath(manager, system)) return spec.hints[manager];
  return `install ${spec.debianPackage} with your package manager`;
}

/** This machine, for the functions above. */
export const thisSystem = () => ({ platform: process.platform, env: process.env, exists: isExecutable });

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of `name` on this machine's PATH, or undefined. */
export const which = (name) => onPath(name, thisSystem());

let updated = false;

/**
 * Returns the path of `spec`'s program on this machine (see `locateProgram`). When it is missing: installs its
 * Debian package if this is root on Linux with apt-get (as the suite always has), else throws an Error that names
 * the program and the command installing it here.
 */
export function ensure(spec) {
  const system = thisSystem();
  const found = locateProgram(spec, system);
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (system.platform !== "linux" || !isRoot || !which("apt-get") || !spec.debianPackage) {
    const alternative = spec.alternative ? `, ${spec.alternative}` : "";
    throw new Error(`The test suite needs ${spec.title}, which was not found. Install it with: ${installHint(spec, system)}${alternative}.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const options = { stdio: ["ignore", "ignore", "inherit"], env, timeout: 15 * 60_000 };
  if (!updated) {
    execFileSync("apt-get", ["update", "-qq"], options);
    updated = true;
  }
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", spec.debianPackage], options);
  const installed = locateProgram(spec, thisSystem());
  if (!installed) throw new Error(`Installed ${spec.debianPackage}, but ${spec.title} is still not found.`);
  return installed;
}

/**
 * A Debian program the suite uses on Linux only (`script` from bsdutils for the demo's terminal tests): the
 * program on PATH or in /usr/bin, /usr/sbin, `process.env[envVar]` first; installed or named as `ensure` does.
 */
export function ensureProgram({ program, debianPackage, envVar }) {
  return ensure({
    title: `\`${program}\``,
    envVar,
    names: { linux: [program], darwin: [program], win32: [program] },
    paths: { linux: () => [`/usr/bin/${program}`, `/usr/sbin/${program}`] },
    debianPackage,
    hints: { "apt-get": `sudo apt-get install -y ${debianPackage}`, dnf: `sudo dnf install -y ${debianPackage}`, darwin: `brew install ${debianPackage}`, win32: `install ${program}` },
    alternative: envVar ? `or set ${envVar}` : undefined,
  });
}

/** A Chromium-based browser (or CHROMIUM_PATH), for playwright-core's `executablePath`. */
export const chromiumPath = () => ensure(programs.browser);

/** redis-server (the callers use REDIS_URL instead when it is set, and then never ask for this). */
export const redisServerPath = () => ensure(programs.redisServer);

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
