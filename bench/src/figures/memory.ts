import { peakRssMiB } from '../processes.ts';

/** Peak RSS (VmHWM) of each service's processes, in MiB; a gateway's total counts its primary and workers. */
export function peakMemory(processes: Record<string, number[]>) {
  return Object.fromEntries(Object.entries(processes).map(([name, pids]) => {
    const each = pids.map(peakRssMiB);
    return [name, { processes: each.length, maxPerProcess: Math.max(...each), total: each.reduce((total, value) => total + value, 0) }];
  }));
}
