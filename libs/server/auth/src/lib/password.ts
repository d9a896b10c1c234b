import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** bcrypt at cost 12: about a quarter second per guess on this class of machine. */
export const PASSWORD_COST = 12;

/**
 * bcryptjs is pure JavaScript: on the event loop a login flood would stall webhooks and sockets.
 * Hashing and comparing run in a few worker threads instead (same bcrypt format, so existing
 * hashes keep working). The worker loads bcryptjs from the process's working directory, where
 * node_modules is for `npm start`, `node dist/apps/api/main.js` and the Docker image.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const bcrypt = require('bcryptjs');
parentPort.on('message', ({ id, op, password, hash, cost }) => {
  const work = op === 'hash' ? bcrypt.hash(password, cost) : bcrypt.compare(password, hash);
  work.then(
    (result) => parentPort.postMessage({ id, result }),
    (err) => parentPort.postMessage({ id, error: String((err && err.message) || err) }),
  );
});`;

type Job = { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string };
interface Pending {
  resolve: (result: string | boolean) => void;
  reject: (error: Error) => void;
}
interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

class BcryptPool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;

  constructor(private readonly size: number) {}

  run(job: Job): Promise<string | boolean> {
    const target = this.leastBusy();
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      if (target.pending.size === 1) target.worker.ref();
      target.worker.postMessage({ id, ...job });
    });
  }

  private leastBusy(): PoolWorker {
    if (this.workers.length < this.size && this.workers.every((w) => w.pending.size > 0)) this.workers.push(this.spawn());
    return this.workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
  }

  private spawn(): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(WORKER_SOURCE, { eval: true }), pending: new Map() };
    // An idle pool must not keep the process (or a test run) alive.
    entry.worker.unref();
    entry.worker.on('message', (message: { id: number; result?: string | boolean; error?: string }) => {
      const pending = entry.pending.get(message.id);
      entry.pending.delete(message.id);
      if (entry.pending.size === 0) entry.worker.unref();
      if (!pending) return;
      if (message.error !== undefined) pending.reject(new Error(message.error));
      else pending.resolve(message.result as string | boolean);
    });
    const fail = (error: Error) => {
      this.workers.splice(this.workers.indexOf(entry), 1);
      for (const pending of entry.pending.values()) pending.reject(error);
      entry.pending.clear();
    };
    entry.worker.on('error', fail);
    entry.worker.on('exit', (code) => fail(new Error(`password worker exited with code ${code}`)));
    return entry;
  }
}

const pool = new BcryptPool(Math.max(1, Math.min(4, availableParallelism() - 1)));

export async function hashPassword(password: string, cost = PASSWORD_COST): Promise<string> {
  return (await pool.run({ op: 'hash', password, cost })) as string;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return (await pool.run({ op: 'compare', password, hash })) as boolean;
}
