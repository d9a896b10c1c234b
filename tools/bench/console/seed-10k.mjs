#!/usr/bin/env node
// Fills a migrated Throughline database with many conversations for measuring the console's inbox.
//
//   node tools/bench/console/seed-10k.mjs [--count 10000] [--database-url postgres://...]
//
// DATABASE_URL (or --database-url) must point at a database the API has already migrated (start the
// API on it once). Rows go straight in with multi-row INSERT … SELECT unnest(...), in batches: customers
// with email, phone and handle identities, conversations across channels, statuses, queues and agents,
// and three messages each (inbound, our answer for some, inbound again), with the history reports read
// (`conversation_events`: creation, messages, first response, pending and snoozed spells, resolutions,
// reopens). Each run uses fresh identity values, so it can be run several times on one database.
import { randomInt, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/throughline' },
  },
});
const COUNT = Number(args.count);
if (!Number.isInteger(COUNT) || COUNT < 1) throw new Error(`--count: ${args.count} is not a positive integer`);
const BATCH = 2000;
const DAY = 24 * 3600 * 1000;

const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'Dmitri',
  'Emeka',
  'Fatima',
  'Grace',
  'Hiro',
  'Inés',
  'Jonas',
  'Kai',
  'Leila',
  'Mateo',
  'Nora',
  'Omar',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Viktor',
  'Wen',
  'Yara',
  'Zoë',
];
const LAST = [
  'Bell',
  'Costa',
  'Duarte',
  'Eriksen',
  'Fischer',
  'García',
  'Hughes',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Patel',
  'Quinn',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Usman',
  'Varga',
  'Walsh',
  'Young',
  'Zhang',
];
const TOPICS = [
  ['Where is my order?', 'My parcel was due on Monday and the tracking has not moved since.'],
  ['Refund for a broken kettle', 'The kettle stopped heating after two days; I would like a refund.'],
  ['Invoice address wrong', 'Please correct the billing address on invoice {n}, it still shows my old flat.'],
  ['Cannot log in', 'The password reset mail never arrives, I tried three times.'],
  ['Upgrade my plan', 'We are growing and need more seats, what does the business plan cost?'],
  ['Double charge', 'I was charged twice for order {n}, please refund one of them.'],
  ['Delivery to a parcel locker', 'Can you send order {n} to a parcel locker instead of my home?'],
  ['Warranty question', 'Is the blender covered if the motor smells of smoke?'],
];
const CHANNELS = ['email', 'email', 'email', 'generic', 'phone', 'phone', 'social', 'chat'];
const STATUSES = [...Array(11).fill('open'), ...Array(3).fill('pending'), 'snoozed', ...Array(5).fill('resolved')];
const PRIORITIES = ['normal', 'normal', 'normal', 'low', 'high', 'urgent'];
const pick = (list) => list[randomInt(list.length)];

const pool = new pg.Pool({ connectionString: args['database-url'], max: 2 });
const started = Date.now();
try {
  const [{ migrated }] = (await pool.query(`SELECT to_regclass('conversation_events') IS NOT NULL AS migrated`)).rows;
  if (!migrated) throw new Error('the database is not migrated for the console yet: start the API on it once, then run this again');
  const users = (await pool.query(`SELECT id FROM users WHERE NOT disabled`)).rows.map((r) => r.id);
  const queues = (await pool.query(`SELECT id FROM queues`)).rows.map((r) => r.id);
  const run = String(randomInt(10_000)).padStart(4, '0');
  const now = Date.now();

  for (let offset = 0; offset < COUNT; offset += BATCH) {
    const size = Math.min(BATCH, COUNT - offset);
    const customers = { id: [], name: [] };
    const identities = { customerId: [], kind: [], value: [], verified: [] };
    const conversations = {
      id: [],
      customerId: [],
      channel: [],
      status: [],
      priority: [],
      queueId: [],
      assigneeId: [],
      subject: [],
      preview: [],
      lastMessageAt: [],
      lastInboundAt: [],
      firstResponseAt: [],
      resolvedAt: [],
      snoozedUntil: [],
      createdAt: [],
    };
    const messages = { conversationId: [], customerId: [], channel: [], direction: [], authorName: [], subject: [], text: [], occurredAt: [] };
    const events = { conversationId: [], kind: [], actorType: [], toValue: [], details: [], occurredAt: [] };

    for (let k = 0; k < size; k++) {
      const i = offset + k;
      const customerId = randomUUID();
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      customers.id.push(customerId);
      customers.name.push(name);
      const local = `${name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z ]/g, '')
        .replace(' ', '.')}.${run}${i}`;
      const addIdentity = (kind, value) => {
        identities.customerId.push(customerId);
        identities.kind.push(kind);
        identities.value.push(value);
        identities.verified.push(true);
      };
      addIdentity('email', `${local}@example.com`);
      if (i % 2 === 0) addIdentity('phone', `+4477${run}${String(i).padStart(5, '0')}`);
      if (i % 10 === 0) addIdentity('x', `${run}${i}`);

      const id = randomUUID();
      const channel = pick(CHANNELS);
      const status = pick(STATUSES);
      const [subject, body] = pick(TOPICS);
      const text = body.replace('{n}', String(100000 + i));
      const createdAt = now - randomInt(1, 60) * DAY - randomInt(DAY);
      const firstInbound = createdAt;
      const answered = status === 'resolved' || randomInt(10) < 4;
      const answerAt = firstInbound + randomInt(5 * 60_000, 6 * 3600_000);
      // Some customers wrote again after our answer, so they are waiting once more.
      const wroteAgain = answered && randomInt(3) === 0;
      const lastInbound = wroteAgain ? answerAt + randomInt(60_000, 2 * DAY) : firstInbound;
      const lastMessage = Math.max(lastInbound, answered ? answerAt : 0);
      const author = name;

      conversations.id.push(id);
      conversations.customerId.push(customerId);
      conversations.channel.push(channel);
      conversations.status.push(status);
      conversations.priority.push(pick(PRIORITIES));
      conversations.queueId.push(queues.length && randomInt(5) ? pick(queues) : null);
      conversations.assigneeId.push(users.length && randomInt(3) ? pick(users) : null);
      conversations.subject.push(channel === 'email' ? subject : null);
      conversations.lastMessageAt.push(new Date(lastMessage));
      conversations.lastInboundAt.push(new Date(lastInbound));
      conversations.firstResponseAt.push(answered ? new Date(answerAt) : null);
      conversations.resolvedAt.push(status === 'resolved' ? new Date(lastMessage + 60_000) : null);
      conversations.snoozedUntil.push(status === 'snoozed' ? new Date(now + randomInt(1, 72) * 3600_000) : null);
      conversations.createdAt.push(new Date(createdAt));

      const addMessage = (direction, messageText, at) => {
        messages.conversationId.push(id);
        messages.customerId.push(customerId);
        messages.channel.push(channel);
        messages.direction.push(direction);
        messages.authorName.push(direction === 'inbound' ? author : 'Support');
        messages.subject.push(channel === 'email' ? subject : null);
        messages.text.push(messageText);
        messages.occurredAt.push(new Date(at));
      };
      addMessage('inbound', text, firstInbound);
      if (answered) addMessage('outbound', `Thanks ${name.split(' ')[0]}, we are looking into it and will get back to you today.`, answerAt);
      if (wroteAgain) addMessage('inbound', 'Any news? I am still waiting.', lastInbound);

      const addEvent = (kind, at, toValue = null, actorType = 'system') => {
        events.conversationId.push(id);
        events.kind.push(kind);
        events.actorType.push(actorType);
        events.toValue.push(toValue);
        events.details.push(kind === 'inbound' || kind === 'reply' ? JSON.stringify({ channel }) : '{}');
        events.occurredAt.push(new Date(at));
      };
      addEvent('created', createdAt, 'open', 'customer');
      addEvent('inbound', firstInbound, null, 'customer');
      if (answered) {
        addEvent('reply', answerAt);
        addEvent('first_response', answerAt);
      }
      // Resolved conversations the customer wrote to again were resolved, reopened by that message, and resolved again.
      if (status === 'resolved' && wroteAgain) addEvent('status', answerAt + Math.floor((lastInbound - answerAt) / 2), 'resolved');
      if (wroteAgain) {
        if (status === 'resolved') addEvent('status', lastInbound, 'open', 'customer');
        addEvent('inbound', lastInbound, null, 'customer');
      }
      if (status === 'pending' || status === 'snoozed') addEvent('status', lastMessage + 30_000, status);
      if (status === 'resolved') addEvent('status', lastMessage + 60_000, 'resolved');
      conversations.preview.push(messages.text[messages.text.length - 1]);
    }

    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO customers (id, name) SELECT * FROM unnest($1::uuid[], $2::text[])`, [customers.id, customers.name]);
      await client.query(
        `INSERT INTO customer_identities (customer_id, kind, value, verified) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[])`,
        [identities.customerId, identities.kind, identities.value, identities.verified],
      );
      const c = conversations;
      await client.query(
        `INSERT INTO conversations (id, customer_id, channel, status, priority, queue_id, assignee_id, subject, preview,
                                    last_message_at, last_inbound_at, first_response_at, resolved_at, snoozed_until, created_at, updated_at)
         SELECT *, created_at FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::text[], $9::text[],
                                          $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[])
                AS t(id, customer_id, channel, status, priority, queue_id, assignee_id, subject, preview,
                     last_message_at, last_inbound_at, first_response_at, resolved_at, snoozed_until, created_at)`,
        [
          c.id,
          c.customerId,
          c.channel,
          c.status,
          c.priority,
          c.queueId,
          c.assigneeId,
          c.subject,
          c.preview,
          c.lastMessageAt,
          c.lastInboundAt,
          c.firstResponseAt,
          c.resolvedAt,
          c.snoozedUntil,
          c.createdAt,
        ],
      );
      const m = messages;
      await client.query(
        `INSERT INTO messages (conversation_id, customer_id, channel, direction, author_name, subject, text, occurred_at, delivery_status)
         SELECT *, CASE WHEN direction = 'outbound' THEN 'sent' END
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
             AS t(conversation_id, customer_id, channel, direction, author_name, subject, text, occurred_at)`,
        [m.conversationId, m.customerId, m.channel, m.direction, m.authorName, m.subject, m.text, m.occurredAt],
      );
      const e = events;
      await client.query(
        `INSERT INTO conversation_events (conversation_id, kind, actor_type, to_value, details, occurred_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[])`,
        [e.conversationId, e.kind, e.actorType, e.toValue, e.details, e.occurredAt],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
    process.stdout.write(`\r${offset + size}/${COUNT} conversations`);
  }
  // Fresh statistics, so the planner sees the real table sizes at once.
  await pool.query('ANALYZE customers, customer_identities, conversations, messages, conversation_events');
  const [totals] = (
    await pool.query(`SELECT (SELECT count(*) FROM conversations)::int AS conversations, (SELECT count(*) FROM messages)::int AS messages,
                             (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM conversation_events)::int AS events`)
  ).rows;
  console.log(`\nseeded ${COUNT} conversations in ${((Date.now() - started) / 1000).toFixed(1)} s; the database now holds`, totals);
} finally {
  await pool.end();
}
