import { readFileSync } from "node:fs";

/**
 * User + system CPU the processes `pids` have used so far, in milliseconds, from Linux's /proc
 * (utime and stime, fields 14 and 15 of `stat`, in ticks of 10 ms); null where /proc cannot tell
 * (another machine's process, another system).
 */
export function readProcessCpuMs(pids: number[]): number | null {
  try {
    let ticks = 0;
    for (const pid of pids) {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * 10;
  } catch {
    return null;
  }
}
