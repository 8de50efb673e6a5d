import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The install is part of the contract with whoever builds the project: `npm ci` must accept
// the lock file as it is, on every platform people develop on, and CI and the image must
// use nothing else. npm resolves the lock for another platform with --os/--cpu; --offline
// with an empty cache proves the lock alone is enough (a platform's missing optional build,
// or a package.json the lock does not match, makes npm ci fail here as it would there).
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tweeps-install-"));
  await Promise.all(["package.json", "package-lock.json"].map((file) => copyFile(path.join(root, file), path.join(dir, file))));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const platforms = [
  { os: "linux", cpu: "x64", libc: "glibc" },
  { os: "linux", cpu: "arm64", libc: "musl" },
  { os: "darwin", cpu: "arm64" },
  { os: "darwin", cpu: "x64" },
  { os: "win32", cpu: "x64" },
];

describe("the install", () => {
  it.each(platforms)("npm ci accepts the lock file as it is for $os $cpu", async ({ os, cpu, libc }) => {
    const args = ["ci", "--dry-run", "--ignore-scripts", "--offline", "--no-audit", "--no-fund", `--cache=${path.join(dir, "cache")}`, `--os=${os}`, `--cpu=${cpu}`];
    if (libc) args.push(`--libc=${libc}`);
    const { stdout } = await run("npm", args, { cwd: dir, timeout: 60_000 });
    expect(stdout).toMatch(/added \d+ packages/);
  });

  it("CI and the image install with npm ci and no fallback", async () => {
    const commands = (text: string) =>
      text
        .split("\n")
        .map((line) => line.trim())
        // Commands only: not comments, nor the step labels CI prints.
        .filter((line) => line && !line.startsWith("#") && !line.startsWith("step "));
    const ci = commands(await readFile(path.join(root, ".ci/run"), "utf8"));
    expect(ci).toContain("set -euo pipefail");
    const ciInstalls = ci.filter((line) => /\bnpm (ci|install|i|add|update)\b/.test(line));
    expect(ciInstalls).toEqual(["npm ci --no-audit --no-fund"]);

    const image = commands(await readFile(path.join(root, "Dockerfile"), "utf8"));
    const imageInstalls = image.filter((line) => /\bnpm (ci|install|i|add|update)\b/.test(line));
    expect(imageInstalls).toEqual(["RUN npm ci --no-audit --no-fund"]);
  });
});
