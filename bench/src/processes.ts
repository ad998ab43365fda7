import { readdirSync, readFileSync } from 'node:fs';

/** A server the benchmark started, by its main process. */
export interface Service {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const read = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** Direct children of a process (Linux /proc). */
export function childrenOf(pid: number): number[] {
  const tasks = readdirSync(`/proc/${pid}/task`, { withFileTypes: true }).map((task) => task.name);
  return tasks.flatMap((task) => read(`/proc/${pid}/task/${task}/children`).split(' ').filter(Boolean).map(Number));
}

/** A process and all its descendants (a gateway's primary and its workers). */
export function treeOf(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(treeOf)];
}

export const commandLineOf = (pid: number): string => read(`/proc/${pid}/cmdline`).replaceAll('\0', ' ');

/** The process's peak resident set (VmHWM) in MiB: the most it ever held in RAM, load included. */
export function peakRssMiB(pid: number): number {
  const kb = read(`/proc/${pid}/status`).match(/^VmHWM:\s+(\d+) kB$/m)?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

/**
 * This process's children that run `entry` (e.g. `gateway/src/main.ts`), the
 * way startSystem launches each service.
 */
export function childRunning(entry: string): number | undefined {
  return childrenOf(process.pid).find((pid) => commandLineOf(pid).includes(entry));
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) the processes have used so far, in milliseconds. */
export function cpuMs(pids: number[]): number {
  return pids.reduce((total, pid) => {
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const fields = read(`/proc/${pid}/stat`).replace(/^.*\) /s, '').split(' ');
    return total + ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  }, 0);
}
