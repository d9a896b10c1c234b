// Load generation and statistics for bench.mjs: signed webhook requests, the two phases, percentiles.
// Bodies are built and signed before a phase starts, so the generator spends its (shared) CPU on
// sending and timing only.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds with sub-ms resolution, comparable with Postgres now() on this machine. */
const wallOffset = Date.now() - performance.now();
export const wallNow = () => wallOffset + performance.now();
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One record per webhook. Every sender is a distinct customer on a distinct thread, so Throughline's
 * per-customer/per-thread advisory locks never serialise requests: we measure the pipeline, not contention.
 * The text is the marker used to match live events back to requests.
 */
export function buildRequests(tag, count, secret) {
  const records = [];
  for (let i = 0; i < count; i++) {
    const externalId = `${tag}-${i}`;
    const body = Buffer.from(
      JSON.stringify({
        externalId,
        occurredAt: new Date().toISOString(),
        from: { email: `${externalId}@bench.example.test`, name: `Bench ${i}` },
        text: `bench ${externalId}`,
        threadKey: externalId,
        subject: 'Benchmark',
      }),
    );
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    records.push({ externalId, marker: `bench ${externalId}`, body, signature, sentAt: 0, ackAt: 0, status: 0, error: '', eventAt: 0, persistedAt: 0 });
  }
  return records;
}

/** Sends one record; resolves when the response is complete. Never rejects: failures land in the record. */
function send(url, agent, record) {
  return new Promise((resolve) => {
    record.sentAt = wallNow();
    const req = http.request(url, {
      method: 'POST',
      agent,
      timeout: 30_000,
      headers: { 'content-type': 'application/json', 'content-length': record.body.length, 'x-throughline-signature': record.signature },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        record.ackAt = wallNow();
        record.status = res.statusCode;
        if (res.statusCode !== 202) record.error = `HTTP ${res.statusCode} ${text.slice(0, 200)}`;
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('request timed out after 30 s')));
    req.on('error', (err) => {
      record.ackAt = wallNow();
      record.error = err.message;
      resolve();
    });
    req.end(record.body);
  });
}

/**
 * Open loop: request i goes out at start + i/rate whatever the server does, as real senders would.
 * Returns how far the generator fell behind its schedule, to show whether it kept up on shared cores.
 */
export async function fixedRate(url, records, rate) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const interval = 1000 / rate;
  const start = performance.now();
  const inFlight = [];
  const lags = [];
  for (let i = 0; i < records.length; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lags.push(performance.now() - due);
    inFlight.push(send(url, agent, records[i]));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { scheduleLagMs: { p99: percentile(lags, 99), max: Math.max(...lags) } };
}

/** Closed loop: `concurrency` senders each send their next request as soon as the previous one is answered. */
export async function fullSpeed(url, records, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const sender = async () => {
    while (next < records.length) await send(url, agent, records[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  agent.destroy();
  return {};
}

/** Nearest-rank percentile; null for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const spread = (values) => ({ p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), n: values.length });

/** The figures printed and compared for one phase. */
export function summarize(records, extra = {}) {
  const accepted = records.filter((r) => r.status === 202);
  const firstSend = Math.min(...records.map((r) => r.sentAt));
  const lastAck = Math.max(...accepted.map((r) => r.ackAt), firstSend);
  const seconds = (lastAck - firstSend) / 1000;
  // How fast messages came out of the far end: below the accepted rate, a backlog built up in the queue.
  const persisted = accepted.filter((r) => r.persistedAt);
  const persistSeconds = (Math.max(...persisted.map((r) => r.persistedAt), firstSend) - firstSend) / 1000;
  return {
    requests: records.length,
    accepted: accepted.length,
    acceptedPerSecond: seconds > 0 ? accepted.length / seconds : null,
    persistedPerSecond: persistSeconds > 0 ? persisted.length / persistSeconds : null,
    ackMs: spread(accepted.map((r) => r.ackAt - r.sentAt)),
    persistedMs: spread(accepted.filter((r) => r.persistedAt).map((r) => r.persistedAt - r.sentAt)),
    liveEventMs: spread(accepted.filter((r) => r.eventAt).map((r) => r.eventAt - r.sentAt)),
    errors: {
      non202: records.length - accepted.length,
      notPersisted: accepted.filter((r) => !r.persistedAt).length,
      noLiveEvent: accepted.filter((r) => !r.eventAt).length,
      samples: [...new Set(records.filter((r) => r.error).map((r) => r.error))].slice(0, 5),
    },
    failed: records.filter((r) => r.status !== 202 || !r.persistedAt || !r.eventAt).length,
    ...extra,
  };
}
