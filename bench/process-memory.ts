import { readdirSync, readFileSync } from "node:fs";

/** Resident memory of a process and every process below it (launcher, Next server, workers), in MB, from /proc. */
export function treeRssMb(pid: number): number {
  let kilobytes = 0;
  const visit = (id: number) => {
    try {
      kilobytes += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, "utf8"))?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${id}/task`)) {
        for (const child of readFileSync(`/proc/${id}/task/${task}/children`, "utf8").split(" ").filter(Boolean))
          visit(Number(child));
      }
    } catch {
      // The process ended meanwhile.
    }
  };
  visit(pid);
  return kilobytes / 1024;
}
