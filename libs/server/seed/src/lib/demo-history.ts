import type { ChannelKind } from '@throughline/domain';

/** A past conversation of the demo workspace, for the reports to have weeks to show. */
export interface DemoPastConversation {
  customerName: string;
  channel: ChannelKind;
  /** Index into DEMO_QUEUES, or null. */
  queue: number | null;
  /** Email of the demo user it is assigned to, or null. */
  assignee: string | null;
  subject: string;
  messages: Array<{ direction: 'inbound' | 'outbound'; channel: ChannelKind; text: string; at: Date }>;
  /** Status changes after creation: pending spells, resolutions, reopens. */
  statuses: Array<{ to: 'pending' | 'open' | 'resolved'; at: Date }>;
}

const NAMES = [
  'Marta Quinn',
  'Ravi Patel',
  'Lena Fischer',
  'Tom Walsh',
  'Aiko Tanaka',
  'Sofia Rossi',
  'Kwame Mensah',
  'Ines Duarte',
  'Piotr Nowak',
  'Hannah Lee',
];
const TOPICS: Array<[string, string, string]> = [
  ['Where is my order?', 'My parcel has not moved for three days.', 'Sorry for the wait: it is with the courier again and arrives tomorrow.'],
  ['Refund for a broken kettle', 'The kettle stopped heating after two days.', 'We have refunded it in full; no need to send it back.'],
  ['Invoice address wrong', 'My invoice still shows my old address.', 'Corrected, and a new invoice is on its way.'],
  ['Cannot log in', 'The password reset mail never arrives.', 'Your address had a typo; fixed, the reset mail is sent.'],
  ['Double charge', 'I was charged twice for one order.', 'One charge is refunded; it shows in 3–5 days.'],
];
const CHANNELS: ChannelKind[] = ['email', 'email', 'chat', 'chat', 'generic', 'phone'];
const ASSIGNEES = ['agent@example.com', 'agent@example.com', 'supervisor@example.com', null];
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/**
 * About seventy conversations over the 14 days before `now`, all resolved (the live inbox stays
 * the demo's): some answered in minutes, some after hours, some left pending on the customer,
 * some reopened, some that moved from one channel to another. Deterministic for a given `now`.
 */
export function demoPastConversations(now: Date): DemoPastConversation[] {
  let state = 20261207;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const conversations: DemoPastConversation[] = [];
  const startOfToday = Math.floor(now.getTime() / DAY) * DAY;
  for (let day = 14; day >= 1; day--) {
    const count = 3 + random(4) + (day % 7 === 3 ? 3 : 0);
    for (let i = 0; i < count; i++) {
      const [subject, question, answer] = TOPICS[random(TOPICS.length)] as [string, string, string];
      const channel = CHANNELS[random(CHANNELS.length)] as ChannelKind;
      const opened = startOfToday - day * DAY + (8 * 60 + random(9 * 60)) * MINUTE;
      // Chat is answered in minutes, the rest in up to a few hours.
      const firstAnswer = opened + (channel === 'chat' ? 1 + random(8) : 10 + random(240)) * MINUTE;
      const messages: DemoPastConversation['messages'] = [{ direction: 'inbound', channel, text: question, at: new Date(opened) }];
      const statuses: DemoPastConversation['statuses'] = [];
      let last = firstAnswer;
      const kind = random(10);
      if (kind < 2) {
        // The customer wrote again on another channel before the answer.
        messages.push({
          direction: 'inbound',
          channel: channel === 'email' ? 'chat' : 'email',
          text: 'Following up here, any news?',
          at: new Date(opened + 5 * MINUTE),
        });
      }
      messages.push({ direction: 'outbound', channel, text: answer, at: new Date(firstAnswer) });
      if (kind === 2 || kind === 3) {
        // Waiting on the customer for a while.
        statuses.push({ to: 'pending', at: new Date(firstAnswer + MINUTE) });
        last = firstAnswer + (60 + random(600)) * MINUTE;
        statuses.push({ to: 'open', at: new Date(last) });
        messages.push({ direction: 'inbound', channel, text: 'Here is the order number you asked for.', at: new Date(last) });
        last += (5 + random(60)) * MINUTE;
        messages.push({ direction: 'outbound', channel, text: 'Thank you, all sorted now.', at: new Date(last) });
      }
      last += (5 + random(120)) * MINUTE;
      statuses.push({ to: 'resolved', at: new Date(last) });
      if (kind === 4 && day > 1) {
        // Reopened the next day and resolved again.
        const reopened = last + (12 * 60 + random(600)) * MINUTE;
        statuses.push({ to: 'open', at: new Date(reopened) });
        messages.push({ direction: 'inbound', channel, text: 'It happened again, sorry.', at: new Date(reopened) });
        messages.push({
          direction: 'outbound',
          channel,
          text: 'We have replaced it; the new one ships today.',
          at: new Date(reopened + (15 + random(90)) * MINUTE),
        });
        statuses.push({ to: 'resolved', at: new Date(reopened + 3 * 60 * MINUTE) });
      }
      conversations.push({
        customerName: NAMES[random(NAMES.length)] as string,
        channel,
        queue: random(4) === 0 ? null : random(3),
        assignee: ASSIGNEES[random(ASSIGNEES.length)] ?? null,
        subject,
        messages,
        statuses,
      });
    }
  }
  return conversations;
}
