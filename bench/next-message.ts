import type { ChildProcess } from "node:child_process";

/** The next IPC message of `kind` from a benchmark's load generator; fails on its failure, exit or silence. */
export function nextMessage(child: ChildProcess, kind: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`the load generator sent no ${kind} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: { kind: string; error?: string }) => {
      if (message.kind === "failed") {
        cleanup();
        reject(new Error(`the load generator failed: ${message.error}`));
      } else if (message.kind === kind) {
        cleanup();
        resolve(message);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the load generator exited (${code}) before ${kind}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}
