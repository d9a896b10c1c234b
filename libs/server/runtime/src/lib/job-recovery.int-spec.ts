import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { MessageView, RawEventView } from '@throughline/domain';
import { startRecordingServer } from '@throughline/channels/social/testing';
import { JobProducer, QueueName, queuePrefix, redisOptionsFromUrl } from '@throughline/server/queue';
import { eventually, genericPayload, TestStack } from '../testing/test-stack';
import { TcpProxy } from '../testing/tcp-proxy';

/** Runs of a job the old schedule allowed (6 attempts) before it failed for good and blocked the sweepers. */
const OLD_ATTEMPTS = 6;

/**
 * Jobs that outlast a PostgreSQL outage, and sweepers that pick up the work of jobs that ended
 * without settling their row. The worker reaches PostgreSQL through a TCP proxy, so the outage is
 * this stack's alone (the shared server keeps running for everyone else).
 */
describe('job recovery after outages', () => {
  let stack: TestStack;
  let callbacks: Awaited<ReturnType<typeof startRecordingServer>>;
  let connector: { id: string; url: string; secret: string };
  const postgresProxy = new TcpProxy('127.0.0.1', 5432);

  beforeAll(async () => {
    await postgresProxy.start();
    callbacks = await startRecordingServer(() => ({ status: 200, body: {} }));
    // A short schedule with many attempts: 100 ms doubling up to 400 ms, 80 runs (about 30 s).
    stack = await TestStack.start({
      workerDatabasePort: postgresProxy.port,
      env: { JOB_RETRY_ATTEMPTS: '80', JOB_RETRY_BASE_MS: '100', JOB_RETRY_MAX_DELAY_MS: '400' },
    });
    connector = await stack.createGenericConnector({ callbackUrl: `${callbacks.baseUrl}/replies` });
  });

  afterAll(async () => {
    await stack?.close();
    await postgresProxy.stop();
    await callbacks?.close();
  });

  const producer = () => stack.api.get(JobProducer);
  const attemptsOf = async (queue: QueueName, jobId: string) => (await producer().queue(queue).getJob(jobId))?.attemptsMade ?? 0;
  const callbacksFor = (messageId: string) => callbacks.requests.filter((r) => r.body.includes(messageId)).length;

  /** A conversation (with its first inbound message processed) to reply in. */
  const conversationFor = async (text: string): Promise<string> => {
    const payload = genericPayload({ text });
    expect((await stack.sendWebhook(connector, payload)).status).toBe(202);
    return eventually(
      async () => {
        const { rows } = await stack.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE external_id = $1', [
          payload['externalId'],
        ]);
        return rows[0]?.conversation_id;
      },
      20_000,
      'the first message',
    );
  };

  const reply = async (conversationId: string, text: string): Promise<MessageView> => {
    const res = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text });
    expect(res.status).toBe(201);
    return res.body;
  };

  const processed = (rawEventId: string, what: string) =>
    eventually(
      async () => (await stack.db.query<{ status: string }>('SELECT status FROM raw_events WHERE id = $1', [rawEventId])).rows[0]?.status === 'processed',
      20_000,
      what,
    );

  const deliveryStatus = async (messageId: string) =>
    (await stack.db.query<{ delivery_status: string }>('SELECT delivery_status FROM messages WHERE id = $1', [messageId])).rows[0]?.delivery_status;

  /** A job that ended as failed without its row being marked (as when the database was down for the final failure). */
  const failWithoutSettling = async (queue: QueueName, jobId: string) => {
    const worker = new Worker(
      queue,
      async (job: Job) => {
        if (job.id !== jobId) throw new Error('not this test’s job');
        throw new UnrecoverableError('simulated final failure while PostgreSQL was unreachable');
      },
      { connection: { ...redisOptionsFromUrl(stack.config.redisUrl), maxRetriesPerRequest: null }, prefix: queuePrefix(stack.config.redisPrefix) },
    );
    try {
      await eventually(async () => (await producer().queue(queue).getJob(jobId))?.isFailed(), 10_000, `${queue} job ${jobId} to fail`);
    } finally {
      await worker.close();
    }
  };

  it('should retry ingest and delivery through a PostgreSQL outage longer than the old retries, then process the event and send the reply exactly once', async () => {
    const conversationId = await conversationFor('before the outage');

    await postgresProxy.stop();
    const during = genericPayload({ text: 'sent while the worker cannot reach PostgreSQL' });
    expect((await stack.sendWebhook(connector, during)).status).toBe(202);
    const answer = await reply(conversationId, 'A reply written during the outage');
    const [event] = (await stack.db.query<{ id: string }>('SELECT id FROM raw_events WHERE external_id = $1', [during['externalId']])).rows;

    // Both jobs keep failing and keep being retried, past the point where the old schedule gave up.
    await eventually(async () => (await attemptsOf(QueueName.Ingest, event.id)) > OLD_ATTEMPTS + 2, 30_000, 'ingest retries past the old limit');
    await eventually(async () => (await attemptsOf(QueueName.Deliver, answer.id)) > OLD_ATTEMPTS + 2, 30_000, 'delivery retries past the old limit');
    expect(await producer().queue(QueueName.Ingest).getJobState(event.id)).not.toBe('failed');
    expect(await producer().queue(QueueName.Deliver).getJobState(answer.id)).not.toBe('failed');

    await postgresProxy.start();
    await eventually(async () => (await deliveryStatus(answer.id)) === 'sent', 20_000, 'the reply to be sent');
    const { rows } = await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE external_id = $1', [during['externalId']]);
    expect(rows[0].n).toBe(1);
    const { rows: events } = await stack.db.query<{ status: string }>('SELECT status FROM raw_events WHERE id = $1', [event.id]);
    expect(events[0].status).toBe('processed');
    await stack.settle();
    expect(callbacksFor(answer.id)).toBe(1);
  });

  it('should re-queue an event whose ingest job failed without marking it, instead of skipping it for ever', async () => {
    await stack.stopWorker();
    const payload = genericPayload({ text: 'its job failed while the database was down' });
    const accepted = await stack.sendWebhook(connector, payload);
    expect(accepted.status).toBe(202);
    const [event] = (await stack.db.query<{ id: string; status: string }>('SELECT id, status FROM raw_events WHERE external_id = $1', [payload['externalId']]))
      .rows;
    expect(event.status).toBe('queued');
    await failWithoutSettling(QueueName.Ingest, event.id);
    // Queued long enough ago for the sweeper to doubt it (it is still `queued`: nothing recorded the failure).
    await stack.db.query(`UPDATE raw_events SET queued_at = now() - interval '5 minutes' WHERE id = $1`, [event.id]);

    await stack.startWorker();
    await processed(event.id, 'the event to be processed');
    const { rows } = await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE external_id = $1', [payload['externalId']]);
    expect(rows[0].n).toBe(1);
  });

  it('should re-queue a pending reply whose deliver job failed without marking it, and send it once', async () => {
    const conversationId = await conversationFor('a reply to this one will be stranded');
    await stack.stopWorker();
    const answer = await reply(conversationId, 'stranded by a failed job');
    await failWithoutSettling(QueueName.Deliver, answer.id);
    await stack.db.query(`UPDATE messages SET created_at = now() - interval '1 minute' WHERE id = $1`, [answer.id]);
    expect(await deliveryStatus(answer.id)).toBe('pending');

    await stack.startWorker();
    await eventually(async () => (await deliveryStatus(answer.id)) === 'sent', 20_000, 'the stranded reply to be sent');
    await stack.settle();
    expect(callbacksFor(answer.id)).toBe(1);
  });

  it('should list failed and stuck events for admins and retry them all for a connector at once', async () => {
    await stack.stopWorker();
    const stuck = genericPayload({ text: 'stuck in the queue' });
    await stack.sendWebhook(connector, stuck);
    const [event] = (await stack.db.query<{ id: string }>('SELECT id FROM raw_events WHERE external_id = $1', [stuck['externalId']])).rows;
    await failWithoutSettling(QueueName.Ingest, event.id);
    await stack.db.query(`UPDATE raw_events SET status = 'failed', error = 'simulated', received_at = now() - interval '5 minutes' WHERE id = $1`, [event.id]);

    const listed = await stack.request<RawEventView[]>('GET', '/api/connectors/events/stuck', 'admin');
    expect(listed.status).toBe(200);
    expect(listed.body.map((e) => e.id)).toContain(event.id);
    expect((await stack.request('GET', '/api/connectors/events/stuck', 'agent')).status).toBe(403);

    const retried = await stack.request<{ retried: number }>('POST', `/api/connectors/${connector.id}/events/retry`, 'admin');
    expect(retried.status).toBe(200);
    expect(retried.body.retried).toBeGreaterThanOrEqual(1);
    await stack.startWorker();
    await processed(event.id, 'the retried event to be processed');
    expect((await stack.request<RawEventView[]>('GET', '/api/connectors/events/stuck', 'admin')).body.map((e) => e.id)).not.toContain(event.id);
  });

  it('should list failed replies for admins, and send one again on retry', async () => {
    const conversationId = await conversationFor('a reply to this one will fail');
    await stack.stopWorker();
    const answer = await reply(conversationId, 'this one fails for good');
    await stack.db.query(`UPDATE messages SET delivery_status = 'failed', delivery_error = 'simulated' WHERE id = $1`, [answer.id]);
    await stack.api.get(JobProducer).queue(QueueName.Deliver).remove(answer.id);

    const listed = await stack.request<MessageView[]>('GET', '/api/replies/stuck', 'admin');
    expect(listed.status).toBe(200);
    expect(listed.body.find((m) => m.id === answer.id)).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'simulated', conversationId });

    await stack.startWorker();
    const retried = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages/${answer.id}/retry`, 'agent', {});
    expect(retried.status).toBe(200);
    await eventually(async () => (await deliveryStatus(answer.id)) === 'sent', 20_000, 'the retried reply to be sent');
    expect(callbacksFor(answer.id)).toBe(1);
  });
});
