// CPU accounting for a phase, from /proc (Linux). Latencies on a shared 2-core machine move with whatever
// else runs; CPU time per webhook barely does, and "other processes" shows how noisy a run was.
import { readFileSync } from 'node:fs';
import os from 'node:os';

const TICK_MS = 10; // USER_HZ is 100 on every Linux we run on

/** User + system CPU milliseconds of one process, or null once it has gone. */
function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[11], [12] = utime, stime
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function machineMs() {
  let total = 0;
  let idle = 0;
  for (const { times } of os.cpus()) {
    total += times.user + times.nice + times.sys + times.idle + times.irq;
    idle += times.idle;
  }
  return { total, busy: total - idle };
}

/**
 * Starts measuring. `groups` maps a label to an async function listing pids (Postgres backends come
 * and go, so they are listed again at the end). `stop()` returns CPU ms per group, the bench process's
 * own, the machine's busy share, and what none of them accounts for (other users of the machine).
 */
export async function cpuMeter(groups) {
  const snapshot = async () => {
    const out = {};
    for (const [label, pids] of Object.entries(groups)) out[label] = new Map((await pids()).map((pid) => [pid, cpuMsOf(pid) ?? 0]));
    return out;
  };
  const start = await snapshot();
  const self = process.cpuUsage();
  const machine = machineMs();
  return async function stop() {
    const end = await snapshot();
    const result = {};
    for (const label of Object.keys(groups)) {
      let ms = 0;
      for (const [pid, value] of end[label]) ms += value - (start[label].get(pid) ?? 0);
      result[label] = ms;
    }
    const used = process.cpuUsage(self);
    result.loadGenerator = (used.user + used.system) / 1000;
    const now = machineMs();
    const busy = now.busy - machine.busy;
    const accounted = Object.values(result).reduce((a, b) => a + b, 0);
    result.machineBusyPercent = (100 * busy) / (now.total - machine.total);
    result.otherProcessesPercent = (100 * Math.max(0, busy - accounted)) / (now.total - machine.total);
    return result;
  };
}

/** Share of the machine busy over `ms`, before a run: a busy machine makes every latency noisy. */
export async function machineBusyPercent(ms = 2000) {
  const a = machineMs();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineMs();
  return (100 * (b.busy - a.busy)) / (b.total - a.total);
}
