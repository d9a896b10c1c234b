// What the bench sends per channel (--channel): the bodies, the paths they take into the product, and
// how a live event or a baseline row names the request it belongs to (its marker).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newRecord } from './load.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test-fixtures', 'email');

/**
 * Every human-written mail in test-fixtures/email: replies from AOL, Apple Mail, iPhone and
 * Thunderbird, mailing-list posts with Received chains and HTML parts, an iPhone mail with an inline
 * JPEG, ISO-8859-1 and ISO-2022-JP text, upper-case MIME with a PNG, a missing final boundary, mail
 * without a Message-ID. The bounce and the vacation auto-reply are left out: Throughline records such
 * mail without raising message.created (a bounce about none of our messages is skipped, an unclaimed
 * auto-reply goes to the customer's timeline only), so it could not be timed to a live event.
 */
const MAIL_FIXTURES = [
  'talon__aol.eml',
  'talon__apple_mail.eml',
  'talon__iphone.eml',
  'talon__thunderbird.eml',
  'ponymail__httpd-users-2020-07.mbox__msg015.eml',
  'ponymail__httpd-users-2020-07.mbox__msg016.eml',
  'ponymail__httpd-users-2020-07.mbox__msg017.eml',
  'ponymail__httpd-users-2020-07.mbox__msg018.eml',
  'ponymail__httpd-users-2020-07.mbox__msg019.eml',
  'flanker__iphone.eml',
  'flanker__encoded-header.eml',
  'flanker__missing-final-boundary.eml',
  'hunnysoft__m1001.txt.eml',
  'hunnysoft__m2002.txt.eml',
  'hunnysoft__m2003.txt.eml',
  'hunnysoft__m3003.txt.eml',
  'mikel__japanese_iso_2022.eml',
  'mikel__rfc2822-example05.eml',
  'mikel__rfc2822-example06.eml',
  'mikel__rfc2822-example07.eml',
].map((name) => ({ name, raw: readFileSync(join(FIXTURES, name)) }));

/**
 * A fixture as mail from a new customer in a new thread: a fresh Message-ID (the marker), its own
 * From address (the display name stays) and its own copies of the ids In-Reply-To and References
 * name. Otherwise all copies of a fixture would be one customer in one thread, and Throughline's
 * advisory locks per identity and referenced id would serialise them: like the generic mode, the
 * bench measures the pipeline, not lock contention. Works on latin1 text, so every byte survives.
 */
function personalize(raw, { key, messageId, from }) {
  const text = raw.toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const header = text.slice(0, headerEnd);
  const eol = header.includes('\r\n') ? '\r\n' : '\n';
  const fields = header.split(/\r?\n(?![ \t])/).flatMap((field) => {
    const name = field.slice(0, field.indexOf(':')).trim().toLowerCase();
    if (name === 'message-id') return [];
    if (name === 'from') return [field.includes('<') ? field.replace(/<[^<>]*>/, `<${from}>`) : `From: ${from}`];
    if (name === 'in-reply-to' || name === 'references') return [field.replace(/<([^<>]*)>/g, `<${key}.$1>`)];
    return [field];
  });
  return Buffer.from([`Message-ID: <${messageId}>`, ...fields].join(eol) + text.slice(headerEnd), 'latin1');
}

export const CHANNELS = {
  generic: {
    unit: 'webhook',
    contentType: 'application/json',
    payload: 'json', // how the baseline reads the body
    paths: [{ name: 'webhook', transport: 'http', ack: '202' }],
    /**
     * Every sender is a distinct customer on a distinct thread, so Throughline's per-customer/per-thread
     * advisory locks never serialise requests: we measure the pipeline, not contention.
     * The text is the marker used to match live events back to requests.
     */
    build(tag, count) {
      return Array.from({ length: count }, (_, i) => {
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
        return newRecord({ externalId, marker: `bench ${externalId}`, body });
      });
    },
    liveMarker: (message) => message.text,
    baselineMarker: (row) => row.text,
  },
  email: {
    unit: 'mail',
    contentType: 'message/rfc822',
    payload: 'rfc822',
    paths: [
      { name: 'hook', title: 'hook path: POST /api/hooks/:id/email (message/rfc822, signed)', transport: 'http', ack: '202' },
      { name: 'smtp', title: 'SMTP path: the inbound listener', transport: 'smtp', ack: '250' },
    ],
    /** Mail i is fixture i mod 20; its Message-ID, stored without brackets as messages.external_id, is the marker. */
    build(tag, count) {
      return Array.from({ length: count }, (_, i) => {
        const key = `${tag}-${i}`;
        const externalId = `${key}@mail.bench.example.test`;
        const sender = `${key}@bench.example.test`;
        const body = personalize(MAIL_FIXTURES[i % MAIL_FIXTURES.length].raw, { key, messageId: externalId, from: sender });
        return newRecord({ externalId, marker: externalId, body, sender });
      });
    },
    liveMarker: (message) => message.metadata?.email?.messageId,
    baselineMarker: (row) => row.external_id,
    /** The mix and its size as sent: one round of the fixtures, personalized with a tag like the phases'. */
    describe(tag) {
      const sizes = this.build(tag, MAIL_FIXTURES.length).map((r) => r.body.length);
      const kb = (bytes) => (bytes / 1024).toFixed(1);
      return `Mails: the ${sizes.length} human-written fixtures of test-fixtures/email in turn, mean ${kb(sizes.reduce((a, b) => a + b) / sizes.length)} KB (${kb(Math.min(...sizes))}–${kb(Math.max(...sizes))} KB).`;
    },
  },
};
