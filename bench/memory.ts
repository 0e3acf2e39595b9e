/**
 * Server memory from /proc: VmRSS (now) and VmHWM (peak) of every process in
 * the server's tree, summed. Linux only.
 */
import { readFileSync, readdirSync } from 'node:fs';

export interface MemorySample {
  rssKiB: number;
  hwmKiB: number;
  processes: number;
}

export function treeMemory(root: number): MemorySample {
  let rssKiB = 0;
  let hwmKiB = 0;
  let processes = 0;
  for (const pid of processTree(root)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rssKiB += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      hwmKiB += Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      processes++;
    } catch {
      // the process ended between listing and reading
    }
  }
  return { rssKiB, hwmKiB, processes };
}

/** The pid and all its descendants, via /proc/<pid>/task/<tid>/children. */
export function processTree(root: number): number[] {
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push(pid);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        if (children) queue.push(...children.split(/\s+/).map(Number));
      } catch {
        // thread ended
      }
    }
  }
  return out;
}
