// Load generation and statistics for bench.mjs: the targets (webhook over HTTP, mail over SMTP), the
// two phases, percentiles. Bodies are built and signed before a phase starts, so the generator spends
// its (shared) CPU on sending and timing only.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';

/** Wall-clock milliseconds with sub-ms resolution, comparable with Postgres now() on this machine. */
const wallOffset = Date.now() - performance.now();
export const wallNow = () => wallOffset + performance.now();
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh record for one request: what it carries and, once sent, what happened to it. */
export function newRecord({ externalId, marker, body, sender }) {
  return { externalId, marker, body, sender, signature: '', sentAt: 0, ackAt: 0, accepted: false, error: '', eventAt: 0, persistedAt: 0 };
}

/** Sends one record; resolves when the response is complete. Never rejects: failures land in the record. */
function post(url, contentType, agent, record) {
  return new Promise((resolve) => {
    record.sentAt = wallNow();
    const req = http.request(url, {
      method: 'POST',
      agent,
      timeout: 30_000,
      headers: { 'content-type': contentType, 'content-length': record.body.length, 'x-throughline-signature': record.signature },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        record.ackAt = wallNow();
        record.accepted = res.statusCode === 202;
        if (!record.accepted) record.error = `HTTP ${res.statusCode} ${text.slice(0, 200)}`;
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

/** Delivers one record's raw mail; like post(), never rejects. */
async function deliver(transport, to, record) {
  record.sentAt = wallNow();
  try {
    await transport.sendMail({ envelope: { from: record.sender, to }, raw: record.body }); // resolves on 250 only
    record.accepted = true;
  } catch (err) {
    record.error = err.response ? `SMTP ${err.response.slice(0, 200)}` : err.message;
  }
  record.ackAt = wallNow();
}

// Targets: where a phase sends its records. `prepare` runs on every record before the phase starts;
// `open(connections)` returns a sender holding at most that many connections, reused between requests.

/** A webhook endpoint; each body is signed as the provider would (sha256 HMAC), and 202 means accepted. */
export function httpTarget({ url, contentType, secret }) {
  return {
    prepare: (record) => (record.signature = `sha256=${createHmac('sha256', secret).update(record.body).digest('hex')}`),
    open(connections) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
      return { send: (record) => post(url, contentType, agent, record), close: async () => agent.destroy() };
    },
  };
}

/** An SMTP listener, fed through a nodemailer pool without TLS; 250 after DATA means accepted. */
export function smtpTarget({ port, to }) {
  return {
    prepare: () => undefined,
    open(connections) {
      // Connections are kept for the whole phase (no maxMessages recycling), as the HTTP agent keeps its sockets.
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: connections,
        maxMessages: Infinity,
      });
      return { send: (record) => deliver(transport, to, record), close: async () => transport.close() };
    },
  };
}

/**
 * Open loop: request i goes out at start + i/rate whatever the server does, as real senders would.
 * Returns how far the generator fell behind its schedule, to show whether it kept up on shared cores.
 */
export async function fixedRate(target, records, rate) {
  const sender = target.open(512); // plenty, so the schedule never waits for a free connection
  const interval = 1000 / rate;
  const start = performance.now();
  const inFlight = [];
  const lags = [];
  for (let i = 0; i < records.length; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lags.push(performance.now() - due);
    inFlight.push(sender.send(records[i]));
  }
  await Promise.all(inFlight);
  await sender.close();
  return { scheduleLagMs: { p99: percentile(lags, 99), max: Math.max(...lags) } };
}

/** Closed loop: `concurrency` senders each send their next request as soon as the previous one is answered. */
export async function fullSpeed(target, records, concurrency) {
  const sender = target.open(concurrency);
  let next = 0;
  const loop = async () => {
    while (next < records.length) await sender.send(records[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  await sender.close();
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
  const accepted = records.filter((r) => r.accepted);
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
      notAccepted: records.length - accepted.length,
      notPersisted: accepted.filter((r) => !r.persistedAt).length,
      noLiveEvent: accepted.filter((r) => !r.eventAt).length,
      samples: [...new Set(records.filter((r) => r.error).map((r) => r.error))].slice(0, 5),
    },
    failed: records.filter((r) => !r.accepted || !r.persistedAt || !r.eventAt).length,
    ...extra,
  };
}
