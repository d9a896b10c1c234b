import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConversationView, CreatedConnectorView, RawEventView } from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { eventually, TestStack } from '../testing/test-stack';
import { twilioSignature } from '../testing/provider-signatures';

const FIXTURES = join(__dirname, '../../../../../test-fixtures/phone');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const ACCOUNT_SID = 'AC8bbf41596517948ed9b6ad40ac16ff45';
const AUTH_TOKEN = 'f2a1c0ffee0ddba11f2a1c0ffee0ddba';

interface StoredCall {
  id: string;
  conversation_id: string;
  customer_id: string;
  text: string;
  metadata: { call: Record<string, unknown> };
}

describe('phone: Twilio callbacks, call logs, Zammad CTI and CDR import (real API, worker, PostgreSQL, Redis)', () => {
  let stack: TestStack;
  let twilio: CreatedConnectorView;
  let calllog: CreatedConnectorView;

  beforeAll(async () => {
    stack = await TestStack.start();
    twilio = await stack.createConnector({ kind: 'phone', provider: 'twilio', config: { accountSid: ACCOUNT_SID }, secrets: { authToken: AUTH_TOKEN } });
    calllog = await stack.createConnector({ kind: 'phone', provider: 'calllog', config: { cdrTimeZone: 'Europe/Berlin' } });
  });

  afterAll(async () => {
    await stack?.settle();
    await stack?.close();
  });

  // Twilio signs the public URL (PUBLIC_URL), not the address the request reached.
  const twilioUrl = () => `${stack.config.publicUrl}/api/hooks/${twilio.id}/twilio`;

  const postTwilio = async (params: Record<string, string>, signature = twilioSignature(AUTH_TOKEN, twilioUrl(), params)) => {
    const res = await fetch(`${stack.baseUrl}/api/hooks/${twilio.id}/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const callsOf = async (connectorId: string, externalId: string): Promise<StoredCall[]> =>
    (
      await stack.db.query<StoredCall>(
        `SELECT id, conversation_id, customer_id, text, metadata FROM messages WHERE connector_id = $1 AND external_id = $2 AND direction <> 'system'`,
        [connectorId, externalId],
      )
    ).rows;

  const callWhere = (connectorId: string, externalId: string, ready: (call: StoredCall) => boolean, what: string) =>
    eventually(
      async () => {
        const [call] = await callsOf(connectorId, externalId);
        return call && ready(call) && call;
      },
      30_000,
      what,
    );

  const systemLines = async (conversationId: string): Promise<string[]> =>
    (
      await stack.db.query<{ text: string }>(`SELECT text FROM messages WHERE conversation_id = $1 AND direction = 'system' ORDER BY created_at`, [
        conversationId,
      ])
    ).rows.map((r) => r.text);

  const conversation = async (id: string) => (await stack.request<ConversationView>('GET', `/api/conversations/${id}`)).body;

  it('should compute signatures the way twilio-node does (its published test vector)', () => {
    const vector = JSON.parse(fixture('twilio/twilio__twilio-node__signature-vector.json')) as {
      authToken: string;
      url: string;
      params: Record<string, string>;
      expectedSignature: string;
    };
    expect(twilioSignature(vector.authToken, vector.url, vector.params)).toBe(vector.expectedSignature);
  });

  it('should fold ringing, in-progress and completed into one call entry, then add the recording and the transcript', async () => {
    expect(twilio.webhookUrls).toEqual({ twilio: twilioUrl() });
    const call = {
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      CallSid: `CA${randomBytes(16).toString('hex')}`,
      From: '+16414549805',
      To: '+15153573516',
      Caller: '+16414549805',
      Called: '+15153573516',
      Direction: 'inbound',
      CallerName: 'Dana Whitfield',
      CallbackSource: 'call-progress-events',
    };
    const status = (CallStatus: string, SequenceNumber: number, Timestamp: string, extra: Record<string, string> = {}) =>
      postTwilio({ ...call, CallStatus, SequenceNumber: String(SequenceNumber), Timestamp, ...extra });

    expect((await status('ringing', 0, 'Mon, 05 Jan 2026 12:00:00 +0000')).status).toBe(202);
    const ringing = await callWhere(twilio.id, call.CallSid, (c) => c.metadata.call['status'] === 'ringing', 'the ringing call');
    expect(ringing.text).toBe('Call from +1 641 454 9805 in progress (ringing)');
    expect((await status('in-progress', 1, 'Mon, 05 Jan 2026 12:00:08 +0000')).status).toBe(202);
    const completed = await status('completed', 2, 'Mon, 05 Jan 2026 12:04:20 +0000', { CallDuration: '252', Duration: '5' });
    expect(completed).toMatchObject({ status: 202, body: { duplicate: false } });
    // Twilio retries a callback it got no answer to: the same delivery again is a no-op.
    expect(await status('completed', 2, 'Mon, 05 Jan 2026 12:04:20 +0000', { CallDuration: '252', Duration: '5' })).toMatchObject({
      status: 202,
      body: { id: completed.body['id'], duplicate: true },
    });
    const recording = {
      AccountSid: ACCOUNT_SID,
      CallSid: call.CallSid,
      RecordingSid: `RE${randomBytes(16).toString('hex')}`,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE1`,
      RecordingStatus: 'completed',
      RecordingDuration: '240',
      RecordingChannels: '1',
      RecordingSource: 'DialVerb',
    };
    expect((await postTwilio(recording)).status).toBe(202);
    expect(
      (
        await postTwilio({
          ...call,
          RecordingSid: recording.RecordingSid,
          RecordingUrl: recording.RecordingUrl,
          TranscriptionSid: 'TR1',
          TranscriptionStatus: 'completed',
          TranscriptionText: 'Hi, my blender arrived broken.',
        })
      ).status,
    ).toBe(202);

    const done = await callWhere(
      twilio.id,
      call.CallSid,
      (c) => c.metadata.call['transcript'] !== undefined && c.metadata.call['recordingUrl'] !== undefined,
      'the completed call',
    );
    expect(await callsOf(twilio.id, call.CallSid)).toHaveLength(1);
    expect(done.text).toBe('Answered call from +1 641 454 9805, 4 min 12 s\n\nTranscript:\nHi, my blender arrived broken.');
    expect(done.metadata.call).toMatchObject({
      provider: 'twilio',
      direction: 'inbound',
      customerNumber: '+16414549805',
      status: 'completed',
      outcome: 'answered',
      durationSeconds: 252,
      recordingUrl: recording.RecordingUrl,
      callbackRequested: false,
    });
    const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM raw_events WHERE connector_id = $1 AND external_id LIKE $2 || '%'`, [
      twilio.id,
      call.CallSid,
    ]);
    expect(rows[0].n).toBe(5);
    const customer = (
      await stack.db.query(`SELECT c.name, i.value FROM customers c JOIN customer_identities i ON i.customer_id = c.id WHERE c.id = $1`, [done.customer_id])
    ).rows;
    expect(customer).toEqual([{ name: 'Dana Whitfield', value: '+16414549805' }]);
  });

  it('should refuse a wrong, missing or re-targeted signature with 401 and store nothing', async () => {
    const params = {
      AccountSid: ACCOUNT_SID,
      CallSid: `CA${randomBytes(16).toString('hex')}`,
      CallStatus: 'ringing',
      Direction: 'inbound',
      From: '+16414549805',
      To: '+15153573516',
    };
    const signature = twilioSignature(AUTH_TOKEN, twilioUrl(), params);
    expect((await postTwilio(params, 'A' + signature.slice(1))).status).toBe(401);
    expect((await postTwilio(params, '')).status).toBe(401);
    expect((await postTwilio({ ...params, From: '+15550000000' }, signature)).status).toBe(401);
    expect((await postTwilio(params, twilioSignature('another-token', twilioUrl(), params))).status).toBe(401);
    expect((await postTwilio(params, twilioSignature(AUTH_TOKEN, `${stack.baseUrl}/api/hooks/${twilio.id}/twilio`, params))).status).toBe(401);
    expect(await callsOf(twilio.id, params.CallSid)).toEqual([]);
    const { rowCount } = await stack.db.query('SELECT 1 FROM raw_events WHERE external_id LIKE $1', [`${params.CallSid}%`]);
    expect(rowCount).toBe(0);
    const res = await fetch(`${stack.baseUrl}/api/hooks/${twilio.id}/twilio`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(415);
  });

  it('should read the captured Twilio callback (answering machine) as a voicemail on an outbound call', async () => {
    const params = Object.fromEntries(new URLSearchParams(fixture('twilio/twilio__speakez__callback_result.derived.form').trim()));
    expect((await postTwilio(params)).status).toBe(202);
    const voicemail = await callWhere(twilio.id, params['CallSid'], () => true, 'the captured callback');
    expect(voicemail.metadata.call).toMatchObject({ direction: 'outbound', outcome: 'voicemail', customerNumber: '+15153573516', durationSeconds: 17 });
    expect(voicemail.text).toBe('Call to +1 515 357 3516 reached voicemail, 17 s');
    // Our own call is no customer waiting for an answer.
    const { rows } = await stack.db.query('SELECT last_inbound_at FROM conversations WHERE id = $1', [voicemail.conversation_id]);
    expect(rows[0].last_inbound_at).toBeNull();
  });

  it('should open a conversation asking for a call back when an inbound call is missed, and reopen one after it was resolved', async () => {
    const caller = '+14155550123';
    const base = { AccountSid: ACCOUNT_SID, From: caller, To: '+15153573516', Direction: 'inbound' };
    const first = `CA${randomBytes(16).toString('hex')}`;
    await postTwilio({ ...base, CallSid: first, CallStatus: 'ringing', SequenceNumber: '0' });
    await postTwilio({ ...base, CallSid: first, CallStatus: 'no-answer', SequenceNumber: '1', CallDuration: '0' });
    const missed = await callWhere(twilio.id, first, (c) => c.metadata.call['outcome'] === 'missed', 'the missed call');
    expect(missed.text).toBe('Missed call from +1 415 555 0123');
    expect(missed.metadata.call['callbackRequested']).toBe(true);
    await eventually(async () => (await systemLines(missed.conversation_id)).length === 1, 10_000, 'the call-back line');
    expect(await systemLines(missed.conversation_id)).toEqual(['Missed call: the customer is waiting for a call back']);
    expect((await conversation(missed.conversation_id)).status).toBe('open');

    // An agent called back and resolved it; the customer misses us again.
    expect((await stack.request('PATCH', `/api/conversations/${missed.conversation_id}`, 'agent', { status: 'resolved' })).status).toBe(200);
    const second = `CA${randomBytes(16).toString('hex')}`;
    await postTwilio({ ...base, CallSid: second, CallStatus: 'busy', SequenceNumber: '0' });
    await postTwilio({ ...base, CallSid: second, CallStatus: 'canceled', SequenceNumber: '1' });
    const again = await callWhere(twilio.id, second, (c) => c.metadata.call['outcome'] === 'missed', 'the second missed call');
    expect(again.customer_id).toBe(missed.customer_id);
    await eventually(async () => (await conversation(again.conversation_id)).status === 'open', 10_000, 'the conversation to open');
    expect(await systemLines(again.conversation_id)).toContain('Missed call: the customer is waiting for a call back');
  });

  it('should take a signed call log, and keep a bad one as a failed event with the reason', async () => {
    const url = `${stack.baseUrl}/api/hooks/${calllog.id}/calls`;
    const connector = { url, secret: calllog.signingSecret ?? '' };
    expect(calllog.webhookUrls).toEqual({ calls: `${stack.config.publicUrl}/api/hooks/${calllog.id}/calls` });
    const answered = {
      callId: 'pbx-7781',
      direction: 'inbound',
      from: '+44 20 7946 0958',
      to: '+44 20 7946 0000',
      startedAt: '2026-01-05T09:00:00Z',
      answeredAt: '2026-01-05T09:00:12Z',
      endedAt: '2026-01-05T09:05:12Z',
      agent: 'Priya',
      recordingUrl: 'https://pbx.example.com/rec/7781.mp3',
      notes: 'Wants a replacement lid',
    };
    expect((await stack.sendWebhook(connector, answered)).status).toBe(202);
    expect((await stack.sendWebhook(connector, answered)).body['duplicate']).toBe(true);
    const stored = await callWhere(calllog.id, 'pbx-7781', () => true, 'the call log entry');
    expect(stored.text).toBe('Answered call from +44 20 7946 0958, 5 min\n\nNotes: Wants a replacement lid');
    expect(stored.metadata.call).toMatchObject({ provider: 'calllog', agent: 'Priya', recordingUrl: answered.recordingUrl, durationSeconds: 300 });

    const missed = { callId: 'pbx-7782', direction: 'inbound', from: '+44 20 7946 0959', to: '+44 20 7946 0000', startedAt: '2026-01-05T09:10:00Z' };
    expect((await stack.sendWebhook(connector, missed)).status).toBe(202);
    const missedCall = await callWhere(calllog.id, 'pbx-7782', () => true, 'the missed call log entry');
    expect(missedCall.metadata.call).toMatchObject({ outcome: 'missed', callbackRequested: true });
    await eventually(async () => (await systemLines(missedCall.conversation_id)).length === 1, 10_000, 'the call-back line');

    expect((await stack.sendWebhook(connector, answered, { signature: 'sha256=00' })).status).toBe(401);
    const bad = await stack.sendWebhook(connector, { ...missed, callId: 'pbx-bad', startedAt: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body['message']).toMatch(/^startedAt: /);
    const failed = (await stack.request<RawEventView[]>('GET', `/api/connectors/${calllog.id}/events?status=failed`, 'admin')).body;
    expect(failed.map((e) => e.error)).toContainEqual(expect.stringMatching(/^startedAt: /));
  });

  it("should thread a call into the caller's open conversation of the last 72 hours, and open a new one after that", async () => {
    const connector = { url: `${stack.baseUrl}/api/hooks/${calllog.id}/calls`, secret: calllog.signingSecret ?? '' };
    const caller = '+44 20 7946 1001';
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
    const logCall = async (callId: string, fields: Record<string, string>) => {
      expect((await stack.sendWebhook(connector, { callId, direction: 'inbound', from: caller, to: '+44 20 7946 0000', ...fields })).status).toBe(202);
      return callWhere(calllog.id, callId, () => true, `call ${callId}`);
    };
    const first = await logCall('pbx-thread-1', { startedAt: hoursAgo(2), answeredAt: hoursAgo(2), endedAt: hoursAgo(1.9) });
    const second = await logCall('pbx-thread-2', { startedAt: hoursAgo(1), answeredAt: hoursAgo(1), endedAt: hoursAgo(0.9) });
    expect(second.conversation_id).toBe(first.conversation_id);

    // The conversation went quiet four days ago: the next call is a new story.
    await stack.db.query(`UPDATE conversations SET last_message_at = now() - interval '96 hours' WHERE id = $1`, [first.conversation_id]);
    const later = await logCall('pbx-thread-3', { startedAt: hoursAgo(0.5), answeredAt: hoursAgo(0.5), endedAt: hoursAgo(0.4) });
    expect(later.conversation_id).not.toBe(first.conversation_id);
    expect(later.customer_id).toBe(first.customer_id);

    // A missed call within the window joins that new conversation and still asks for a call back.
    const missed = await logCall('pbx-thread-4', { startedAt: hoursAgo(0.1) });
    expect(missed.conversation_id).toBe(later.conversation_id);
    await eventually(
      async () => (await systemLines(later.conversation_id)).includes('Missed call: the customer is waiting for a call back'),
      10_000,
      'the call-back line',
    );
    const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM conversations WHERE customer_id = $1`, [first.customer_id]);
    expect(rows[0].n).toBe(2);
  });

  it('should keep a narrower window configured on the connector', async () => {
    const narrow = await stack.createConnector({ kind: 'phone', provider: 'calllog', config: { callThreadWindowHours: 1 } });
    expect(narrow.config).toMatchObject({ callThreadWindowHours: 1 });
    const connector = { url: `${stack.baseUrl}/api/hooks/${narrow.id}/calls`, secret: narrow.signingSecret ?? '' };
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3600_000).toISOString();
    const send = async (callId: string, startedAt: string) => {
      expect((await stack.sendWebhook(connector, { callId, direction: 'inbound', from: '+44 20 7946 1002', to: '+44 20 7946 0000', startedAt })).status).toBe(
        202,
      );
      return callWhere(narrow.id, callId, () => true, `call ${callId}`);
    };
    const first = await send('narrow-1', at(3));
    expect((await send('narrow-2', at(2.5))).conversation_id).toBe(first.conversation_id);
    expect((await send('narrow-3', at(0.5))).conversation_id).not.toBe(first.conversation_id);
    const invalid = await stack.request('POST', '/api/connectors', 'admin', {
      kind: 'phone',
      provider: 'calllog',
      name: 'bad window',
      config: { callThreadWindowHours: 0 },
    });
    expect(invalid.status).toBe(400);
  });

  it('should take Zammad CTI newCall, answer and hangup as form data with the token, as one call', async () => {
    const url = `${stack.baseUrl}/api/hooks/${calllog.id}/calls?token=${encodeURIComponent(calllog.signingSecret ?? '')}`;
    const callId = '307fa962-de8d-4ffc-817b-7f6993204159';
    const post = (fields: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ from: '493023125741', to: '492214710334', direction: 'in', callId, ...fields }).toString(),
      });
    const newCall = await post({ event: 'newCall', 'user[]': 'Emma Taylor' });
    expect(newCall.status).toBe(202);
    await callWhere(calllog.id, callId, (c) => c.metadata.call['status'] === 'newCall', 'the new call');
    expect((await post({ event: 'answer', answeringNumber: 'emma@chrispresso.com' })).status).toBe(202);
    await callWhere(calllog.id, callId, (c) => c.metadata.call['status'] === 'answer', 'the answered call');
    expect((await post({ event: 'hangup', answeringNumber: 'emma@chrispresso.com', cause: 'normalClearing' })).status).toBe(202);
    const call = await callWhere(calllog.id, callId, (c) => c.metadata.call['outcome'] === 'answered', 'the hung-up call');
    expect(await callsOf(calllog.id, callId)).toHaveLength(1);
    expect(call.metadata.call).toMatchObject({ provider: 'zammad', customerNumber: '+493023125741', agent: 'emma@chrispresso.com', status: 'normalClearing' });
    expect(call.text).toMatch(/^Answered call from \+49 30 23125741, \d+ s$/);
    const { rows } = await stack.db.query(`SELECT external_id FROM raw_events WHERE connector_id = $1 AND external_id LIKE 'zammad:%' ORDER BY external_id`, [
      calllog.id,
    ]);
    expect(rows.map((r) => r.external_id)).toEqual([`zammad:${callId}:answer`, `zammad:${callId}:hangup`, `zammad:${callId}:newCall`]);

    // A Zammad event as signed JSON is the same call log endpoint; a wrong token is refused.
    const json = JSON.stringify({ event: 'hangup', from: 'anonymous', to: '492214710334', direction: 'in', callId: 'cti-2', cause: 'cancel' });
    const signed = await fetch(`${stack.baseUrl}/api/hooks/${calllog.id}/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-throughline-signature': signBody(json, calllog.signingSecret ?? '') },
      body: json,
    });
    expect(signed.status).toBe(202);
    const anonymous = await callWhere(calllog.id, 'cti-2', () => true, 'the anonymous missed call');
    expect(anonymous.metadata.call).toMatchObject({ customerParty: 'withheld', outcome: 'missed' });
    const wrongToken = await fetch(`${stack.baseUrl}/api/hooks/${calllog.id}/calls?token=nope`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    expect(wrongToken.status).toBe(401);
  });

  it('should import an Asterisk Master.csv, report bad lines, and add nothing on re-import', async () => {
    const master = fixture('asterisk/asterisk__KelySaina__Master.csv');
    const file = `${master}"only","three","columns"\n${master.split('\n')[0].replace('"ANSWERED"', '"HUNG"')}\n`;
    const importCsv = async (body: string | FormData, contentType?: string) => {
      const headers: Record<string, string> = { authorization: `Bearer ${await stack.token('admin')}` };
      if (contentType) headers['content-type'] = contentType;
      const res = await fetch(`${stack.baseUrl}/api/connectors/${calllog.id}/calls/import`, { method: 'POST', headers, body });
      return { status: res.status, body: (await res.json()) as { imported: number; duplicates: number; errors: Array<{ line: number; reason: string }> } };
    };

    const first = await importCsv(file, 'text/csv');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      imported: 14,
      duplicates: 0,
      errors: [
        { line: 15, reason: expect.stringMatching(/^has 3 columns/) },
        { line: 16, reason: expect.stringMatching(/^disposition: unknown value "HUNG"/) },
      ],
    });
    const calls = await eventually(
      async () => {
        const { rows } = await stack.db.query<StoredCall>(
          `SELECT id, text, metadata FROM messages WHERE connector_id = $1 AND external_id LIKE '1690%' ORDER BY occurred_at`,
          [calllog.id],
        );
        return rows.length === 14 && rows;
      },
      30_000,
      'the 14 imported calls',
    );
    expect(calls.filter((c) => c.metadata.call['outcome'] === 'missed')).toHaveLength(3);
    expect(calls[0].metadata.call).toMatchObject({
      provider: 'asterisk',
      from: 'client1',
      to: '6789',
      startedAt: '2023-07-25T23:51:32.000Z',
      durationSeconds: 13,
    });

    const again = await importCsv(file, 'text/csv');
    expect(again.body).toMatchObject({ imported: 0, duplicates: 14 });
    // The same calls written by cdr_csv in its own column order are the same calls.
    const form = new FormData();
    form.append('file', new Blob([fixture('asterisk/asterisk__KelySaina__Master.derived-cdrcsv-order.csv')], { type: 'text/csv' }), 'Master.csv');
    expect((await importCsv(form)).body).toEqual({ imported: 0, duplicates: 14, errors: [] });
    const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM messages WHERE connector_id = $1 AND external_id LIKE '1690%'`, [calllog.id]);
    expect(rows[0].n).toBe(14);

    expect((await importCsv('', 'text/csv')).status).toBe(400);
    const agentImport = await fetch(`${stack.baseUrl}/api/connectors/${calllog.id}/calls/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await stack.token('agent')}`, 'content-type': 'text/csv' },
      body: file,
    });
    expect(agentImport.status).toBe(403);
  });

  it('should store an agent reply on a phone conversation without a delivery route', async () => {
    const { rows } = await stack.db.query<{ conversation_id: string }>(
      `SELECT conversation_id FROM messages WHERE connector_id = $1 AND external_id = 'pbx-7781'`,
      [calllog.id],
    );
    const reply = await stack.request<{ deliveryStatus: string }>('POST', `/api/conversations/${rows[0].conversation_id}/messages`, 'agent', {
      text: 'Called Sam back, replacement lid sent.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.deliveryStatus).toBe('stored');
  });
});
