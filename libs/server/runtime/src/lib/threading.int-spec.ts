import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConversationView, CreatedConnectorView, MessageView, Page } from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { TestStack } from '../testing/test-stack';

const FIXTURES = join(__dirname, '../../../../../test-fixtures/email');

/** test-fixtures/MANIFEST.md §1.3: the files of a thread, root first, with every Message-ID they use. */
interface Thread {
  files: string[];
  ids: string[];
  rootAuthor: string;
  otherAuthor: string;
}

const S1: Thread = {
  files: ['mikel__rfc2822-example05.eml', 'mikel__rfc2822-example06.eml', 'mikel__rfc2822-example07.eml'],
  ids: ['1234@local.machine.example', '3456@example.net', 'abcd.1234@local.machine.tld'],
  rootAuthor: 'jdoe@machine.example',
  otherAuthor: 'mary@example.net',
};

const S2: Thread = {
  files: ['015', '016', '017', '018', '019'].map((n) => `ponymail__httpd-users-2020-07.mbox__msg${n}.eml`),
  ids: [
    '225131299.2033432.1594201321692@mail.yahoo.com',
    'CALK=YjN6+1RWmnTLjv=XicUm6E9nGVxkHif0uf+OkLMk3k_kpg@mail.gmail.com',
    '727946651.2091014.1594208957697@mail.yahoo.com',
    '994727555.2099179.1594209215506@mail.yahoo.com',
    'CALK=YjM96+rB-pwWR2Tq31fUB==NXaPdym_HiN--=bPmA_FGcQ@mail.gmail.com',
  ],
  rootAuthor: 'nt_mahmood@yahoo.com.invalid',
  otherAuthor: 'covener@gmail.com',
};

/** The thread's mail with every Message-ID made unique to `round` (Message-IDs thread across connectors). */
function freshMail(thread: Thread, round: string): Buffer[] {
  return thread.files.map((file) => {
    let text = readFileSync(join(FIXTURES, file), 'latin1');
    for (const id of thread.ids) text = text.split(`<${id}>`).join(`<${round}.${id}>`);
    return Buffer.from(text, 'latin1');
  });
}

/** A deterministic shuffle, so a failing order can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

type Arrival = { name: string; order: (n: number) => number[]; together: boolean };
const ARRIVALS: Arrival[] = [
  { name: 'all at once', order: (n) => [...Array(n).keys()], together: true },
  { name: 'all at once, replies first', order: (n) => [...Array(n).keys()].reverse(), together: true },
  { name: 'one at a time, reversed', order: (n) => [...Array(n).keys()].reverse(), together: false },
  ...[11, 23, 37, 41, 59].map((seed) => ({
    name: `one at a time, shuffled (seed ${seed})`,
    order: (n: number) => shuffled([...Array(n).keys()], seed),
    together: false,
  })),
  ...[5, 8].map((seed) => ({ name: `all at once, shuffled (seed ${seed})`, order: (n: number) => shuffled([...Array(n).keys()], seed), together: true })),
];

describe('threading in any arrival order (real API, worker, PostgreSQL, Redis)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });

  afterAll(() => stack?.close());

  let mailboxes = 0;
  const newMailbox = () => stack.createConnector({ kind: 'email', provider: 'mime', config: { address: `help-${++mailboxes}@shop.example` } });

  const post = async (connector: CreatedConnectorView, raw: Buffer): Promise<number> => {
    const res = await fetch(`${stack.baseUrl}/api/hooks/${connector.id}/email`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'x-throughline-signature': signBody(raw, connector.signingSecret ?? '') },
      body: new Uint8Array(raw),
    });
    return res.status;
  };

  const deliver = async (connector: CreatedConnectorView, mail: Buffer[], order: number[], together: boolean): Promise<void> => {
    if (together) {
      expect(await Promise.all(order.map((i) => post(connector, mail[i] as Buffer)))).toEqual(order.map(() => 202));
    } else {
      for (const i of order) expect(await post(connector, mail[i] as Buffer)).toBe(202);
    }
    await stack.settle(60_000);
  };

  const customerOf = async (email: string): Promise<string> =>
    (await stack.db.query<{ customer_id: string }>(`SELECT customer_id FROM customer_identities WHERE kind = 'email' AND value = $1`, [email])).rows[0]
      ?.customer_id ?? '';

  const conversationsOf = async (connectorId: string) =>
    (
      await stack.db.query<{ conversation_id: string; owner: string; messages: number; message_owners: number }>(
        `SELECT m.conversation_id, c.customer_id AS owner, count(*)::int AS messages,
                count(*) FILTER (WHERE m.customer_id = c.customer_id)::int AS message_owners
           FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.connector_id = $1 AND m.direction = 'inbound' GROUP BY 1, 2`,
        [connectorId],
      )
    ).rows;

  for (const [label, thread] of [
    ['S2 (five messages, a branch, two authors)', S2],
    ['S1 (three messages, linear)', S1],
  ] as const) {
    describe(label, () => {
      for (const [round, arrival] of ARRIVALS.entries()) {
        it(`should make one conversation owned by the root's author: ${arrival.name}`, async () => {
          const connector = await newMailbox();
          const mail = freshMail(thread, `r${round}-${connector.id.slice(0, 8)}`);
          await deliver(connector, mail, arrival.order(mail.length), arrival.together);

          const conversations = await conversationsOf(connector.id);
          const root = await customerOf(thread.rootAuthor);
          expect(conversations).toEqual([{ conversation_id: expect.any(String), owner: root, messages: mail.length, message_owners: mail.length }]);
          const conversationId = conversations[0]?.conversation_id as string;
          const participants = (
            await stack.db.query<{ customer_id: string; role: string }>(
              `SELECT customer_id, role FROM conversation_participants WHERE conversation_id = $1 ORDER BY role`,
              [conversationId],
            )
          ).rows;
          expect(participants).toEqual([
            { customer_id: root, role: 'owner' },
            { customer_id: await customerOf(thread.otherAuthor), role: 'participant' },
          ]);

          // Redelivery of the whole thread, in another order, adds nothing.
          await deliver(connector, mail, arrival.order(mail.length).reverse(), true);
          expect(await conversationsOf(connector.id)).toEqual(conversations);
        }, 120_000);
      }
    });
  }

  it("should put the thread on every participant's timeline and name them on the conversation", async () => {
    const connector = await newMailbox();
    const mail = freshMail(S2, `timeline-${connector.id.slice(0, 8)}`);
    await deliver(connector, mail, [4, 3, 2, 1, 0], true);
    const [conversation] = await conversationsOf(connector.id);
    const other = await customerOf(S2.otherAuthor);
    const timeline = await stack.request<Page<MessageView>>('GET', `/api/customers/${other}/timeline?limit=200`);
    expect(timeline.status).toBe(200);
    const entries = timeline.body.items.filter((m) => m.conversationId === conversation?.conversation_id && m.direction === 'inbound');
    expect(entries).toHaveLength(5);
    // Their own messages say who wrote them; the entries belong to the owner's conversation.
    expect(entries.filter((m) => m.metadata['senderCustomerId'] === other)).toHaveLength(2);

    const view = await stack.request<ConversationView>('GET', `/api/conversations/${conversation?.conversation_id}`);
    expect(view.body.participants).toEqual([
      { customerId: await customerOf(S2.rootAuthor), name: 'Mahmood Naderan', role: 'owner' },
      { customerId: other, name: 'Eric Covener', role: 'participant' },
    ]);
  }, 120_000);

  it('should keep participants right through a customer merge and its undoing', async () => {
    const connector = await newMailbox();
    const mail = freshMail(S1, `merge-${connector.id.slice(0, 8)}`);
    await deliver(connector, mail, [2, 1, 0], true);
    const [thread] = await conversationsOf(connector.id);
    const mary = await customerOf(S1.otherAuthor);
    const created = await stack.request<{ id: string }>('POST', '/api/customers', 'agent', {
      name: 'Mary at home',
      identities: [{ kind: 'email', value: 'mary.home@example.org' }],
    });
    const inThread = async (customerId: string) =>
      (await stack.request<Page<MessageView>>('GET', `/api/customers/${customerId}/timeline?limit=200`)).body.items.filter(
        (m) => m.conversationId === thread?.conversation_id,
      ).length;
    const participantIds = async () =>
      (await stack.request<ConversationView>('GET', `/api/conversations/${thread?.conversation_id}`)).body.participants?.map((p) => p.customerId);
    expect(await inThread(created.body.id)).toBe(0);

    expect((await stack.request('POST', `/api/customers/${created.body.id}/merge`, 'agent', { otherCustomerId: mary })).status).toBe(200);
    expect(await inThread(created.body.id)).toBe(3);
    expect(await participantIds()).toEqual([await customerOf(S1.rootAuthor), created.body.id]);

    expect((await stack.request('POST', `/api/customers/${created.body.id}/unmerge`, 'agent', { mergedCustomerId: mary })).status).toBe(200);
    expect(await inThread(created.body.id)).toBe(0);
    expect(await inThread(mary)).toBe(3);
    expect(await participantIds()).toEqual([await customerOf(S1.rootAuthor), mary]);
  }, 120_000);
});
