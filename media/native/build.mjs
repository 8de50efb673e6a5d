// Compiles srtp.c into build/srtp.node: the SFU's per-packet SRTP with one OpenSSL context per key
// (see srtp.c). Run by `npm install` (postinstall) and by `npm run build:native`.
//
// It needs a C compiler (`cc`) and Node's headers, which Node's release archives carry beside the
// binary (`include/node`, OpenSSL's headers included); the module links against the OpenSSL that
// the running Node exports, so nothing is downloaded. Where either is missing (Windows, an image
// without a compiler), it says so and exits 0: the SFU then uses node:crypto's path, slower and
// otherwise the same. `--require` makes a missing build an error (CI checks the build this way).
//
// Plain JavaScript, so that any Node that npm happens to run it with can.
import { spawnSync } from "node:child_process";
import console from "node:console";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, "srtp.c");
const output = path.join(here, "build", "srtp.node");
const required = process.argv.includes("--require");

function findHeaders() {
  const candidates = [path.join(path.dirname(process.execPath), "..", "include", "node"), "/usr/include/node", "/usr/local/include/node"];
  return candidates.find((dir) => existsSync(path.join(dir, "node_api.h")) && existsSync(path.join(dir, "openssl", "evp.h")));
}

function build() {
  if (process.platform === "win32") return "Windows is not supported by this build";
  const headers = findHeaders();
  if (headers === undefined) return "Node's headers (include/node with OpenSSL's) were not found";
  mkdirSync(path.dirname(output), { recursive: true });
  // Written beside the old one and renamed, so that a process loading the module never sees half a file.
  const partial = `${output}.${process.pid}.tmp`;
  const args = ["-std=c11", "-O2", "-fPIC", "-shared", "-Wall", `-I${headers}`, "-o", partial, source];
  // On macOS the OpenSSL and N-API symbols come from the node binary that loads the module.
  if (process.platform === "darwin") args.push("-undefined", "dynamic_lookup");
  const result = spawnSync("cc", args, { encoding: "utf8" });
  if (result.error) return `no C compiler (${result.error.message})`;
  if (result.status !== 0) {
    rmSync(partial, { force: true });
    return `cc failed:\n${result.stderr}`;
  }
  renameSync(partial, output);
  return undefined;
}

let failure;
try {
  failure = build();
} catch (error) {
  failure = String(error);
}
if (failure === undefined) {
  console.log(`media: built ${path.relative(process.cwd(), output)} (SRTP with one OpenSSL context per key)`);
} else {
  // A module left from an earlier build would no longer match srtp.c.
  rmSync(output, { force: true });
  console.log(`media: the native SRTP module was not built (${failure}); media workers use node:crypto`);
  if (required) process.exitCode = 1;
}
