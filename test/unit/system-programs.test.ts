// Issue 19: `npm test` needs redis-server and a Chromium-based browser. The suite's finder looks where they usually
// are on Linux, macOS and Windows and, when one is missing outside root-with-apt-get, names the one command that
// installs it there. Checked through the pure lookup with an injected platform, environment and file check (the
// real programs are never uninstalled); `ensure` itself runs on this machine and finds both.
import { describe, expect, it } from "vitest";
import { chromiumPath, installHint, locateProgram, programs, redisServerPath, type System } from "../support/system-programs.mjs";

/** A system where exactly `files` exist. */
const system = (platform: string, env: Record<string, string>, files: string[]): System => ({
  platform,
  env,
  exists: (path) => files.includes(path),
});

describe("locateProgram", () => {
  it("Linux: the environment variable first, then PATH (any of the browser names), then the usual places", () => {
    const env = { PATH: "/usr/local/bin:/usr/bin" };
    expect(locateProgram(programs.browser, system("linux", { ...env, CHROMIUM_PATH: "/opt/x/chrome" }, []))).toBe("/opt/x/chrome");
    expect(locateProgram(programs.browser, system("linux", env, ["/usr/bin/google-chrome-stable"]))).toBe("/usr/bin/google-chrome-stable");
    expect(locateProgram(programs.browser, system("linux", env, ["/usr/bin/chromium", "/usr/bin/google-chrome"]))).toBe("/usr/bin/chromium");
    expect(locateProgram(programs.browser, system("linux", env, ["/snap/bin/chromium"]))).toBe("/snap/bin/chromium");
    expect(locateProgram(programs.redisServer, system("linux", { PATH: "/usr/bin" }, ["/usr/sbin/redis-server"]))).toBe("/usr/sbin/redis-server");
    expect(locateProgram(programs.browser, system("linux", env, []))).toBeUndefined();
  });

  it("macOS: Homebrew's redis-server off PATH; Chromium, Chrome or Edge in /Applications or ~/Applications", () => {
    const env = { PATH: "/usr/bin:/bin", HOME: "/Users/ann" };
    expect(locateProgram(programs.redisServer, system("darwin", env, ["/opt/homebrew/bin/redis-server"]))).toBe("/opt/homebrew/bin/redis-server");
    const chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(locateProgram(programs.browser, system("darwin", env, [chrome]))).toBe(chrome);
    const edge = "/Users/ann/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge";
    expect(locateProgram(programs.browser, system("darwin", env, [edge]))).toBe(edge);
  });

  it("Windows: .exe on PATH (semicolons), Chrome under Program Files or LocalAppData, else Edge", () => {
    const env = {
      PATH: "C:\\Windows\\system32;C:\\Tools",
      ProgramFiles: "C:\\Program Files",
      "ProgramFiles(x86)": "C:\\Program Files (x86)",
      LOCALAPPDATA: "C:\\Users\\ann\\AppData\\Local",
    };
    expect(locateProgram(programs.redisServer, system("win32", env, ["C:\\Tools\\redis-server.exe"]))).toBe("C:\\Tools\\redis-server.exe");
    const chrome = "C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe";
    expect(locateProgram(programs.browser, system("win32", env, [chrome]))).toBe(chrome);
    const edge = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
    expect(locateProgram(programs.browser, system("win32", env, [edge]))).toBe(edge);
    expect(locateProgram(programs.browser, system("win32", env, []))).toBeUndefined();
  });
});

describe("installHint", () => {
  it("names the one command of the system's package manager", () => {
    const apt = system("linux", { PATH: "/usr/bin" }, ["/usr/bin/apt-get"]);
    const dnf = system("linux", { PATH: "/usr/bin" }, ["/usr/bin/dnf"]);
    expect([installHint(programs.redisServer, apt), installHint(programs.browser, apt)]).toEqual([
      "sudo apt-get install -y redis-server",
      "sudo apt-get install -y chromium",
    ]);
    expect(installHint(programs.browser, dnf)).toBe("sudo dnf install -y chromium");
    expect(installHint(programs.redisServer, system("darwin", {}, []))).toBe("brew install redis");
    expect(installHint(programs.browser, system("darwin", {}, []))).toBe("brew install --cask google-chrome");
    expect(installHint(programs.browser, system("win32", {}, []))).toBe("winget install -e --id Google.Chrome");
    expect(installHint(programs.redisServer, system("win32", {}, []))).toMatch(/^wsl .*redis-server.*REDIS_URL/);
  });
});

describe("on this machine", () => {
  it("finds redis-server and the browser (the suite's other tests use them)", () => {
    expect(redisServerPath()).toMatch(/redis-server(\.exe)?$/);
    expect(chromiumPath()).not.toBe("");
  });
});
