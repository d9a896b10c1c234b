// The bare baseline: the same paths as Throughline with no framework, to show what the framework,
// validation, parsing, identity resolution and threading cost on top of the unavoidable work.
//   node baseline.mjs server   HTTP: verify HMAC, one INSERT of the raw payload, one BullMQ add, 202;
//                              SMTP too when BASELINE_SMTP_PORT is set: the same INSERT and add, 250
//   node baseline.mjs worker   BullMQ: one INSERT ... SELECT into the messages table, one Redis PUBLISH
// Configured by bench.mjs through BASELINE_* variables; prints "ready" once it can take work.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

const env = process.env;
const redis = { host: env.BASELINE_REDIS_HOST, port: Number(env.BASELINE_REDIS_PORT), db: Number(env.BASELINE_REDIS_DB) };
// Same shape as Throughline: a pool of 10 (TypeORM's default), the same job options and worker concurrency.
const pool = new pg.Pool({ connectionString: env.BASELINE_DATABASE_URL, max: 10 });
const jobOptions = { attempts: 6, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { count: 1000 }, removeOnFail: { count: 10_000 } };
const queueOptions = { prefix: env.BASELINE_QUEUE_PREFIX };

/**
 * Per payload (BASELINE_PAYLOAD): the external id the server stores a body under, and the SQL the worker
 * derives the message text with. A mail is never parsed: its Message-ID is read from the header section,
 * because parsing is exactly what the baseline leaves out.
 */
const PAYLOADS = {
  json: { externalIdOf: (body) => JSON.parse(body.toString('utf8')).externalId, text: "convert_from(payload, 'UTF8')::jsonb->>'text'" },
  rfc822: { externalIdOf: (body) => /^message-id:[ \t]*<([^<>]+)>/im.exec(body.toString('latin1').split(/\r?\n\r?\n/, 1)[0])?.[1], text: 'NULL' },
};
const payload = PAYLOADS[env.BASELINE_PAYLOAD];

function verify(body, header) {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(String(header ?? '').trim());
  if (!match) return false;
  const expected = createHmac('sha256', env.BASELINE_SECRET).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

function server() {
  const queue = new Queue('ingest', { ...queueOptions, connection: redis });
  /** Stores the raw body and queues it; returns the raw row's id, which is also the job id. */
  async function accept(body) {
    const externalId = payload.externalIdOf(body);
    if (!externalId) throw Object.assign(new Error('no external id in the body'), { responseCode: 550 });
    const { rows } = await pool.query('INSERT INTO bench_raw_events (external_id, payload) VALUES ($1, $2) RETURNING id', [externalId, body]);
    const id = rows[0].id;
    await queue.add('ingest', { rawEventId: id }, { ...jobOptions, jobId: id });
    return id;
  }

  const reply = (res, status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const srv = http.createServer((req, res) => {
    if (req.method !== 'POST') return reply(res, 405, { error: 'POST only' });
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (!verify(body, req.headers['x-throughline-signature'])) return reply(res, 401, { error: 'bad signature' });
      try {
        reply(res, 202, { id: await accept(body), duplicate: false, status: 'queued' });
      } catch (err) {
        reply(res, 500, { error: err.message });
      }
    });
  });
  srv.keepAliveTimeout = 65_000;
  const listening = [new Promise((resolve) => srv.listen(Number(env.BASELINE_PORT), '127.0.0.1', resolve))];

  let smtp;
  if (env.BASELINE_SMTP_PORT) {
    // Any recipient, no TLS or AUTH: as Throughline's listener is configured, minus its recipient lookup.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks = [];
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('end', () => accept(Buffer.concat(chunks)).then((id) => callback(null, `queued as ${id}`), callback));
      },
    });
    listening.push(new Promise((resolve) => smtp.listen(Number(env.BASELINE_SMTP_PORT), '127.0.0.1', resolve)));
  }
  Promise.all(listening).then(() => console.log('ready'));
  return () => Promise.all([new Promise((r) => srv.close(r)), new Promise((r) => (smtp ? smtp.close(r) : r())), queue.close()]);
}

function worker() {
  const publisher = new Redis(redis);
  const w = new Worker(
    'ingest',
    async (job) => {
      // One statement that reads the stored raw row, like Throughline's worker does, and writes the message.
      const { rows } = await pool.query(
        `INSERT INTO bench_messages (raw_event_id, external_id, text)
         SELECT id, external_id, ${payload.text} FROM bench_raw_events WHERE id = $1
         RETURNING external_id, text`,
        [job.data.rawEventId],
      );
      await publisher.publish(env.BASELINE_CHANNEL, JSON.stringify(rows[0]));
    },
    { ...queueOptions, connection: { ...redis, maxRetriesPerRequest: null }, concurrency: Number(env.BASELINE_CONCURRENCY) },
  );
  w.waitUntilReady().then(() => console.log('ready'));
  return () => Promise.all([w.close(), publisher.quit()]);
}

const close = process.argv[2] === 'server' ? server() : worker();
process.on('SIGTERM', async () => {
  await close().catch(() => undefined);
  await pool.end().catch(() => undefined);
  process.exit(0);
});
