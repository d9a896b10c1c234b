import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import type { CreatedConnectorView } from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { eventually, TestStack } from '../testing/test-stack';
import { metaSignature, twilioSignature, xSignature } from '../testing/provider-signatures';

/** Modest: the machine is small; each property shrinks to the smallest failing input when one is found. */
const RUNS = { numRuns: 60 };
const X_ACCOUNT = '2244994945';
const META_PAGE = '104512345678901';
const ACCOUNT_SID = 'AC8bbf41596517948ed9b6ad40ac16ff45';
const SECRETS = { twilio: 'fuzz-twilio-auth-token-0123456789', x: 'fuzz-x-consumer-secret', meta: 'fuzz-meta-app-secret' };
const SITE = 'https://shop.example';

/** Any scalar or structure a careless or hostile client might put where a string belongs. */
const junk = fc.oneof(fc.string(), fc.constant('nul\u0000inside'), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constant(''), fc.constant('\u0000\uFFFF\uD800'));
const isoOrJunk = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string(),
  fc.integer(),
);
const phoneOrJunk = fc.oneof(fc.constantFrom('+44 20 7946 0958', '+16414549805', '0049 30 1234567', 'anonymous', ''), fc.string());

/** A body: random JSON, random text, or a payload close enough to valid to reach the parser's corners. */
const jsonBody = (nearlyValid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string() },
    { weight: 4, arbitrary: nearlyValid.map((v) => JSON.stringify(v)) },
  );

const genericEvent = fc.record(
  {
    externalId: fc.oneof(fc.string({ minLength: 1 }), fc.constant('evt-\u0000'), junk),
    occurredAt: isoOrJunk,
    from: fc.oneof(
      fc.record({ email: fc.oneof(fc.emailAddress(), fc.string()), phone: phoneOrJunk, handle: fc.string(), name: junk }, { requiredKeys: [] }),
      junk,
    ),
    text: fc.oneof(text, junk),
    threadKey: junk,
    subject: junk,
  },
  { requiredKeys: ['externalId', 'from', 'text'] },
);

const callLog = fc.record(
  {
    callId: fc.oneof(fc.string({ minLength: 1 }), junk),
    direction: fc.oneof(fc.constantFrom('inbound', 'outbound'), fc.string()),
    from: phoneOrJunk,
    to: phoneOrJunk,
    startedAt: isoOrJunk,
    answeredAt: isoOrJunk,
    endedAt: isoOrJunk,
    agent: junk,
    recordingUrl: fc.oneof(fc.webUrl(), fc.string()),
    notes: junk,
    // Zammad CTI events share the endpoint.
    event: fc.oneof(fc.constantFrom('newCall', 'answer', 'hangup'), fc.string()),
    cause: fc.string(),
  },
  { requiredKeys: [] },
);

const twilioForm = fc.record(
  {
    AccountSid: fc.oneof(fc.constant(ACCOUNT_SID), fc.string()),
    CallSid: fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }).map((h) => `CA${h}`),
      fc.string(),
    ),
    From: phoneOrJunk,
    To: phoneOrJunk,
    CallStatus: fc.oneof(fc.constantFrom('ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled'), fc.string()),
    Direction: fc.oneof(fc.constantFrom('inbound', 'outbound-api', 'outbound-dial'), fc.string()),
    CallDuration: fc.oneof(fc.nat().map(String), fc.string()),
    SequenceNumber: fc.oneof(fc.nat().map(String), fc.string()),
    Timestamp: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
      fc.string(),
    ),
    RecordingUrl: fc.oneof(fc.webUrl(), fc.string()),
    RecordingSid: fc.string(),
    RecordingStatus: fc.string(),
    TranscriptionText: fc.string(),
  },
  { requiredKeys: [] },
);

const tweet = fc.record(
  {
    id_str: fc.oneof(fc.bigInt({ min: BigInt(1), max: BigInt('9223372036854775807') }).map(String), fc.string()),
    text: fc.oneof(text, junk),
    created_at: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
      fc.string(),
    ),
    timestamp_ms: fc.oneof(fc.nat().map(String), fc.string()),
    in_reply_to_status_id_str: junk,
    user: fc.oneof(fc.record({ id_str: fc.oneof(fc.constant(X_ACCOUNT), fc.string()), screen_name: junk, name: junk }, { requiredKeys: [] }), junk),
    entities: junk,
    retweeted_status: fc.option(junk),
  },
  { requiredKeys: [] },
);
const xActivity = fc.record(
  {
    for_user_id: fc.oneof(fc.constant(X_ACCOUNT), fc.string()),
    tweet_create_events: fc.oneof(fc.array(tweet, { maxLength: 3 }), junk),
    direct_message_events: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 2 }), junk),
    users: junk,
  },
  { requiredKeys: [] },
);

const metaChange = fc.record(
  {
    field: fc.oneof(fc.constantFrom('feed', 'mention', 'comments', 'mentions'), fc.string()),
    value: fc.oneof(
      fc.record(
        {
          item: fc.oneof(fc.constantFrom('comment', 'post', 'status'), fc.string()),
          verb: fc.oneof(fc.constantFrom('add', 'edited', 'remove'), fc.string()),
          from: fc.oneof(fc.record({ id: fc.string(), name: junk, username: junk }, { requiredKeys: [] }), junk),
          message: junk,
          text: junk,
          comment_id: junk,
          post_id: junk,
          parent_id: junk,
          created_time: fc.oneof(fc.nat(), fc.string()),
          media: junk,
          id: junk,
        },
        { requiredKeys: [] },
      ),
      junk,
    ),
  },
  { requiredKeys: [] },
);
const metaWebhook = fc.record(
  {
    object: fc.oneof(fc.constantFrom('page', 'instagram'), fc.string()),
    entry: fc.oneof(
      fc.array(
        fc.record(
          {
            id: fc.oneof(fc.constant(META_PAGE), fc.string()),
            time: fc.oneof(fc.nat(), junk),
            changes: fc.oneof(fc.array(metaChange, { maxLength: 2 }), junk),
            messaging: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 2 }), junk),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
      junk,
    ),
  },
  { requiredKeys: [] },
);

/** RFC 5322-ish mail with fuzzed headers and body, plain bytes, or a mix. */
const headerValue = fc.oneof(
  fc.string(),
  fc.constant('nul\u0000header'),
  fc.emailAddress(),
  fc.constantFrom('=?utf-8?B?w6l0w6k=?=', '=?bogus?Q?=ZZ?=', '<>', '"unterminated'),
);
const mime = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
  fc.string().map((s) => Buffer.from(s)),
  fc
    .record({
      from: headerValue,
      to: headerValue,
      subject: headerValue,
      messageId: fc.oneof(fc.string(), fc.constant('<a@b>')),
      inReplyTo: fc.string(),
      contentType: fc.oneof(
        fc.constantFrom(
          'text/plain; charset=utf-8',
          'text/html',
          'multipart/mixed; boundary="b1"',
          'multipart/alternative',
          'message/rfc822',
          'text/plain; charset=x-unknown',
        ),
        fc.string(),
      ),
      encoding: fc.constantFrom('7bit', 'base64', 'quoted-printable', 'x-uuencode', ''),
      body: fc.oneof(fc.string(), fc.constant('--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1--'), fc.constant('=\r\n=ZZ')),
    })
    .map((m) =>
      Buffer.from(
        `From: ${m.from}\r\nTo: ${m.to}\r\nSubject: ${m.subject}\r\nMessage-ID: ${m.messageId}\r\nIn-Reply-To: ${m.inReplyTo}\r\nMIME-Version: 1.0\r\nContent-Type: ${m.contentType}\r\nContent-Transfer-Encoding: ${m.encoding}\r\n\r\n${m.body}`,
      ),
    ),
);

/** Asterisk Master.csv lines: the right number of columns with fuzzed cells, or anything. */
const csvCell = fc.oneof(
  fc.string(),
  fc.constantFrom('ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', '2023-07-26 01:51:32', '""', '"a,b"', ''),
  fc.nat().map(String),
);
const cdrCsv = fc.oneof(
  fc.string({ minLength: 1 }),
  fc
    .array(
      fc.array(csvCell, { minLength: 14, maxLength: 19 }).map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')),
      { minLength: 1, maxLength: 5 },
    )
    .map((lines) => lines.join('\n')),
  fc
    .array(
      fc.array(csvCell, { maxLength: 25 }).map((cells) => cells.join(',')),
      { minLength: 1, maxLength: 5 },
    )
    .map((lines) => lines.join('\r\n')),
);

const chatMessage = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ text: fc.oneof(text, fc.string({ maxLength: 5000 }), junk), clientId: fc.oneof(fc.uuid(), fc.string(), junk) }, { requiredKeys: [] }),
);

/**
 * Every public entry point under random and nearly-valid input: the answer is a clear 4xx (a JSON
 * error naming what is wrong) or an acknowledgement, never a 500; what was acknowledged ends as a
 * processed or failed raw event, never stuck; and the processes stay up.
 */
describe('fuzzing the entry points (fast-check against the real API and worker)', () => {
  let stack: TestStack;
  const connectors: Record<'generic' | 'mime' | 'calllog' | 'twilio' | 'x' | 'meta' | 'widget', CreatedConnectorView> = {} as never;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Unexplained ingest errors fail after a few quick retries, so the final check does not wait minutes.
    stack = await TestStack.start({ env: { JOB_RETRY_BASE_MS: '50', JOB_RETRY_MAX_DELAY_MS: '200' } });
    connectors.generic = await stack.createConnector({ kind: 'generic', provider: 'generic', config: {} });
    connectors.mime = await stack.createConnector({ kind: 'email', provider: 'mime', config: { address: 'support@shop.example' } });
    connectors.calllog = await stack.createConnector({ kind: 'phone', provider: 'calllog', config: {} });
    connectors.twilio = await stack.createConnector({
      kind: 'phone',
      provider: 'twilio',
      config: { accountSid: ACCOUNT_SID },
      secrets: { authToken: SECRETS.twilio },
    });
    connectors.x = await stack.createConnector({
      kind: 'social',
      provider: 'x',
      config: { accountId: X_ACCOUNT, maxEventAgeMinutes: 0 },
      secrets: { consumerSecret: SECRETS.x },
    });
    connectors.meta = await stack.createConnector({
      kind: 'social',
      provider: 'meta',
      config: { pageId: META_PAGE, verifyToken: 'fuzz-verify', maxEventAgeMinutes: 0 },
      secrets: { appSecret: SECRETS.meta },
    });
    connectors.widget = await stack.createConnector({ kind: 'chat', provider: 'widget', config: { allowedOrigins: [SITE] } });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await stack?.close();
  });

  /** Posts and checks the answer: below 500, and a JSON error body with a message for every 4xx. */
  const expectClearAnswer = async (path: string, body: string | Buffer, headers: Record<string, string>) => {
    const res = await fetch(`${stack.baseUrl}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
    const answer = await res.text();
    if (res.status >= 500) throw new Error(`${path} answered ${res.status}: ${answer}`);
    if (res.status >= 400) {
      const parsed = JSON.parse(answer) as { statusCode?: number; message?: unknown };
      expect(parsed.statusCode).toBe(res.status);
      expect(String(parsed.message ?? '').length).toBeGreaterThan(0);
    }
    return res.status;
  };
  const hook = (connector: CreatedConnectorView, path: string) => `/api/hooks/${connector.id}/${path}`;

  it('should answer every generic webhook body with an acknowledgement or a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody(genericEvent), async (body) => {
        const status = await expectClearAnswer(hook(connectors.generic, 'generic'), body, {
          'content-type': 'application/json',
          'x-throughline-signature': signBody(body, connectors.generic.signingSecret ?? ''),
        });
        expect([202, 400]).toContain(status);
      }),
      RUNS,
    );
  });

  it('should answer every raw MIME body with an acknowledgement or a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(mime, async (body) => {
        const status = await expectClearAnswer(hook(connectors.mime, 'email'), body, {
          'content-type': 'message/rfc822',
          'x-throughline-signature': signBody(body, connectors.mime.signingSecret ?? ''),
        });
        expect([202, 400]).toContain(status);
      }),
      RUNS,
    );
  });

  it('should answer every call log or CTI body with an acknowledgement or a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody(callLog), async (body) => {
        const status = await expectClearAnswer(hook(connectors.calllog, 'calls'), body, {
          'content-type': 'application/json',
          'x-throughline-signature': signBody(body, connectors.calllog.signingSecret ?? ''),
        });
        expect([202, 400]).toContain(status);
      }),
      RUNS,
    );
  });

  it('should answer every signed Twilio form with an acknowledgement or a clear 4xx', async () => {
    const url = `${stack.config.publicUrl}${hook(connectors.twilio, 'twilio')}`;
    await fc.assert(
      fc.asyncProperty(twilioForm, async (params) => {
        const status = await expectClearAnswer(hook(connectors.twilio, 'twilio'), new URLSearchParams(params).toString(), {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(SECRETS.twilio, url, params),
        });
        expect([202, 400]).toContain(status);
      }),
      RUNS,
    );
  });

  it('should answer every signed X Account Activity body with 200 or a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody(xActivity), async (body) => {
        const status = await expectClearAnswer(hook(connectors.x, 'x'), body, {
          'content-type': 'application/json',
          'x-twitter-webhooks-signature': xSignature(body, SECRETS.x),
        });
        expect([200, 400]).toContain(status);
      }),
      RUNS,
    );
  });

  it('should answer every signed Meta webhook body with 200 or a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody(metaWebhook), async (body) => {
        const status = await expectClearAnswer(hook(connectors.meta, 'meta'), body, {
          'content-type': 'application/json',
          'x-hub-signature-256': metaSignature(body, SECRETS.meta),
        });
        expect([200, 400]).toContain(status);
      }),
      RUNS,
    );
  });

  it('should answer every CDR CSV import with a report or a clear 4xx', async () => {
    const token = await stack.token('admin');
    await fc.assert(
      fc.asyncProperty(cdrCsv, async (csv) => {
        const status = await expectClearAnswer(`/api/connectors/${connectors.calllog.id}/calls/import`, csv, {
          'content-type': 'text/csv',
          authorization: `Bearer ${token}`,
        });
        expect([200, 400]).toContain(status);
      }),
      RUNS,
    );
  });

  it('should acknowledge every chat message with its id or an error saying what is wrong', async () => {
    const connectorKey = String(connectors.widget.config['connectorKey']);
    let socket: Socket | null = null;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(chatMessage, async (message) => {
        // A fresh visitor every 20 messages keeps under the per-visitor rate limit.
        if (!socket || sent++ % 20 === 0) {
          socket = io(`${stack.baseUrl}/chat`, {
            path: '/socket.io',
            auth: { connectorKey },
            transports: ['websocket'],
            reconnection: false,
            extraHeaders: { origin: SITE },
            forceNew: true,
          });
          sockets.push(socket);
          await new Promise<void>((resolve, reject) => {
            (socket as Socket).once('session', () => resolve());
            (socket as Socket).once('connect_error', reject);
          });
        }
        const ack = (await socket.timeout(10_000).emitWithAck('message', message)) as { id?: unknown; error?: unknown };
        expect(typeof ack.id === 'string' || (typeof ack.error === 'string' && ack.error.length > 0)).toBe(true);
        expect(String(ack.error ?? '')).not.toMatch(/could not be stored/);
      }),
      RUNS,
    );
  });

  it('should end every acknowledged event as processed or failed with a stated reason, and stay up', async () => {
    await stack.settle(60_000);
    const ids = Object.values(connectors).map((c) => c.id);
    const settled = await eventually(
      async () => {
        const { rows } = await stack.db.query<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM raw_events WHERE connector_id = ANY($1) GROUP BY status`,
          [ids],
        );
        return rows.every((r) => r.status === 'processed' || r.status === 'failed') && rows;
      },
      60_000,
      'every fuzzed event to be processed or failed',
    );
    expect(settled.length).toBeGreaterThan(0);
    // A failure states what is wrong with the input, never a programming error.
    const { rows: failures } = await stack.db.query<{ error: string | null }>(
      `SELECT DISTINCT error FROM raw_events WHERE connector_id = ANY($1) AND status = 'failed'`,
      [ids],
    );
    const crashes = failures.filter(
      (f) =>
        !f.error ||
        /Cannot read|is not a function|is not iterable|is not defined|Maximum call stack|invalid input syntax|violates|out of range|invalid byte sequence|unsupported Unicode/i.test(
          f.error,
        ),
    );
    expect(crashes).toEqual([]);
    expect((await fetch(`${stack.baseUrl}/api/health`)).status).toBe(200);
  });
});
