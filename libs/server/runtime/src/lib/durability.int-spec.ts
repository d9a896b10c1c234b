import { IngestService } from '@throughline/server/ingest';
import { eventually, genericPayload, TestStack } from '../testing/test-stack';
import { TcpProxy } from '../testing/tcp-proxy';

/** Nothing acknowledged is lost: every 202 ends up as exactly one message, whatever stops meanwhile. */
describe('durability of the ingest pipeline', () => {
  let stack: TestStack;
  let connector: { id: string; url: string; secret: string };
  const redisProxy = new TcpProxy('127.0.0.1', 6379);

  beforeAll(async () => {
    await redisProxy.start();
    stack = await TestStack.start({ apiRedisUrl: `redis://127.0.0.1:${redisProxy.port}` });
    connector = await stack.createGenericConnector();
  });

  afterAll(async () => {
    await stack?.close();
    await redisProxy.stop();
  });

  const countMessages = async (externalIds: string[]): Promise<Map<string, number>> => {
    const { rows } = await stack.db.query<{ external_id: string; n: number }>(
      'SELECT external_id, count(*)::int AS n FROM messages WHERE external_id = ANY($1) GROUP BY external_id',
      [externalIds],
    );
    return new Map(rows.map((r) => [r.external_id, r.n]));
  };

  const expectExactlyOnce = async (externalIds: string[]) => {
    const counts = await eventually(
      async () => {
        const c = await countMessages(externalIds);
        return c.size === externalIds.length && c;
      },
      30_000,
      `all ${externalIds.length} messages`,
    );
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const { rows } = await stack.db.query(`SELECT status, count(*)::int AS n FROM raw_events WHERE external_id = ANY($1) GROUP BY status`, [externalIds]);
    expect(rows).toEqual([{ status: 'processed', n: externalIds.length }]);
  };

  it('should lose and double nothing when the worker stops mid-stream and starts again', async () => {
    const payloads = Array.from({ length: 90 }, (_, i) =>
      genericPayload({ text: `stream ${i}`, threadKey: `S-${i % 7}`, from: { email: `stream${i % 11}@example.org` } }),
    );
    const ids = payloads.map((p) => String(p['externalId']));

    const firstWave = await Promise.all(payloads.slice(0, 40).map((p) => stack.sendWebhook(connector, p)));
    await eventually(async () => (await countMessages(ids)).size >= 10, 15_000, 'the worker to be busy');
    const stopping = stack.stopWorker(); // graceful: active jobs finish, waiting ones stay in Redis
    const secondWave = await Promise.all(payloads.slice(40, 70).map((p) => stack.sendWebhook(connector, p)));
    await stopping;
    const thirdWave = await Promise.all(payloads.slice(70).map((p) => stack.sendWebhook(connector, p)));
    expect([...firstWave, ...secondWave, ...thirdWave].map((r) => r.status)).toEqual(ids.map(() => 202));
    const whileStopped = (await countMessages(ids)).size;
    expect(whileStopped).toBeLessThan(ids.length);

    await stack.startWorker();
    await expectExactlyOnce(ids);
  });

  it('should answer 202 while Redis is unreachable for the API and deliver every event once it is back', async () => {
    await redisProxy.stop();
    const payloads = Array.from({ length: 12 }, (_, i) => genericPayload({ text: `during outage ${i}` }));
    const ids = payloads.map((p) => String(p['externalId']));
    const answers = [];
    for (const p of payloads) answers.push(await stack.sendWebhook(connector, p));
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 202));
    expect(answers.every((a) => a.body['status'] === 'pending')).toBe(true);
    // A redelivery during the outage is still recognised from Postgres alone.
    expect((await stack.sendWebhook(connector, payloads[0])).body).toMatchObject({ duplicate: true });
    const ready = await stack.request<{ message: string }>('GET', '/api/ready', null);
    expect(ready.status).toBe(503);
    expect(ready.body.message).toMatch(/redis: down/);

    await redisProxy.start();
    await expectExactlyOnce(ids);
    await eventually(async () => (await stack.request('GET', '/api/ready', null)).status === 200, 15_000, 'readiness');
  });

  it('should run an event twice without a second message (a job redelivered after a crash)', async () => {
    const payload = genericPayload({ text: 'processed twice' });
    const { body } = await stack.sendWebhook(connector, payload);
    await expectExactlyOnce([String(payload['externalId'])]);
    const ingest = stack.worker?.get(IngestService);
    await expect(ingest?.process(String(body['id']))).resolves.toBe('already-processed');
    await stack.db.query(`UPDATE raw_events SET status = 'queued' WHERE id = $1`, [body['id']]);
    await expect(ingest?.process(String(body['id']))).resolves.toBe('processed');
    await expectExactlyOnce([String(payload['externalId'])]);
  });
});
