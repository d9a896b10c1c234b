import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeInboundEmail } from './normalize-inbound';
import { stripReply } from './reply-stripping';

interface ReplyCorpus {
  text: Array<{ name: string; input: string; expected: string[] }>;
  html: Array<{ name: string; html: string; expected: string }>;
}
const corpus = JSON.parse(readFileSync(join(__dirname, 'testdata/reply-corpus.json'), 'utf8')) as ReplyCorpus;

const FIXTURES = join(__dirname, '../../../../../../test-fixtures/reply-bodies');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('stripReply on the shared reply bodies (MANIFEST §2)', () => {
  it.each(['embedded_email_1', 'embedded_email_2', 'strip', 'text_only', 'forwarded_apple'])(
    'should give email_reply_trimmer’s expected text for %s',
    (name) => {
      expect(stripReply(fixture(`replytrimmer__emails__${name}.txt`))).toBe(fixture(`replytrimmer__trimmed__${name}.txt`).trim());
    },
  );

  it.each([
    ['email_iPhone', 'Here is another email'],
    ['email_BlackBerry', 'Here is another email'],
    ['email_multi_word_sent_from_my_mobile_device', 'Here is another email'],
    ['email_sent_from_my_not_signature', 'Here is another email\n\nSent from my desk, is much easier then my mobile phone.'],
    ['correct_sig', 'this is an email with a correct -- signature.'],
    ['email_1_3', 'Oh thanks.\n\nHaving the function would be great.'],
  ])('should give email_reply_parser’s visible text for %s', (name, expected) => {
    expect(stripReply(fixture(`emailreplyparser__${name}.txt`))).toBe(expected);
  });
});

describe('stripReply on attributions, quoted headers and signatures', () => {
  const reply = 'Danke, das hat geholfen.';
  it.each([
    ['English', 'On Mon, 4 Mar 2024 at 10:12, Acme Support <support@example.com> wrote:'],
    ['English, wrapped by the client', 'On Mon, Mar 4, 2024 at 10:12 AM Acme Support <\nsupport@example.com> wrote:'],
    ['German', 'Am 04.03.2024 um 10:12 schrieb Acme Support <support@example.com>:'],
    ['German (Gmail)', 'Acme Support <support@example.com> schrieb am Mo., 4. März 2024, 10:12:'],
    ['French', 'Le lun. 4 mars 2024 à 10:12, Acme Support <support@example.com> a écrit :'],
    ['Spanish', 'El lun, 4 mar 2024 a las 10:12, Acme Support (<support@example.com>) escribió:'],
    ['Portuguese', 'Em seg., 4 de mar. de 2024 às 10:12, Acme Support <support@example.com> escreveu:'],
    ['Italian', 'Il giorno lun 4 mar 2024 alle ore 10:12 Acme Support <support@example.com> ha scritto:'],
    ['Dutch', 'Op ma 4 mrt 2024 om 10:12 schreef Acme Support <support@example.com>:'],
    ['Polish', 'W dniu 4.03.2024 o 10:12, Acme Support <support@example.com> pisze:'],
    ['Swedish', 'Den mån 4 mars 2024 kl 10:12 skrev Acme Support <support@example.com>:'],
  ])('should cut a %s attribution and the quote under it', (_language, attribution) => {
    expect(stripReply(`${reply}\n\n${attribution}\n\n> Hallo,\n> ist das Problem gelöst?\n`)).toBe(reply);
  });

  it.each([
    [
      '-----Original Message-----',
      '-----Original Message-----\nFrom: Acme Support [mailto:support@example.com]\nSent: Monday, March 4, 2024 10:12 AM\nTo: Ana\nSubject: Printer on fire\n\nHello Ana,',
    ],
    [
      'Outlook From/Sent/To/Subject block',
      'From: Acme Support <support@example.com>\nSent: Monday, March 4, 2024 10:12 AM\nTo: Ana <ana@example.com>\nSubject: RE: [#4F2K] Printer on fire\n\nHello Ana,',
    ],
    [
      'German Outlook block',
      'Von: Acme Support <support@example.com>\nGesendet: Montag, 4. März 2024 10:12\nAn: Ana <ana@example.com>\nBetreff: AW: Drucker brennt\n\nHallo Ana,',
    ],
    [
      'Outlook block under a rule',
      '________________________________\nFrom: Acme Support <support@example.com>\nSent: Monday, March 4, 2024 10:12 AM\n\nHello Ana,',
    ],
    [
      'forwarded message',
      '---------- Forwarded message ---------\nFrom: Bob <bob@example.com>\nDate: Mon, 4 Mar 2024 at 10:12\nSubject: Printer\n\nSee below.',
    ],
  ])('should cut an %s', (_name, history) => {
    expect(stripReply(`Thanks, that fixed it.\n\n${history}\nThe technician comes tomorrow.\n`)).toBe('Thanks, that fixed it.');
  });

  it.each([
    'Sent from my iPhone',
    'Sent from my Verizon Wireless BlackBerry',
    'Sent from my Samsung Galaxy smartphone.',
    'Envoyé de mon iPhone',
    'Von meinem iPhone gesendet',
    'Enviado desde mi iPhone',
    'Verstuurd vanaf mijn iPad',
    'Get Outlook for iOS',
  ])('should drop the "%s" sign-off', (signOff) => {
    expect(stripReply(`See you tomorrow.\n\n${signOff}\n`)).toBe('See you tomorrow.');
  });

  it('should drop a `-- ` signature block and a one-line -Name sign-off', () => {
    expect(stripReply('See you tomorrow.\n\n-- \nAna Lima\nHead of IT, Example Corp\n+44 20 7946 0958')).toBe('See you tomorrow.');
    expect(stripReply('See you tomorrow.\n\n-Ana Lima')).toBe('See you tomorrow.');
  });

  it('should keep what only looks like a signature or an attribution', () => {
    const keep = [
      'Sent from my desk, is much easier then my mobile phone.',
      'We sent the parcel from our Leeds depot, it should arrive on Monday.',
      'Here is a fix -- this is not a signature.',
      'Things to bring:\n\n- a laptop\n- the charger',
      'On Monday the printer caught fire again.\n\nCan someone come by?',
      'From what I can see the toner is empty.',
    ];
    for (const text of keep) expect(stripReply(text)).toBe(text);
  });

  it('should leave an inline (interleaved) reply intact and drop only the trailing quote', () => {
    const inline = [
      'On Mon, 4 Mar 2024 at 10:12, Acme Support <support@example.com> wrote:',
      '> Which model is it?',
      '',
      'An HP LaserJet 4000.',
      '',
      '> Does it print a test page?',
      '',
      'No, the paper jams.',
      '',
      '> Kind regards,',
      '> Acme Support',
    ].join('\n');
    expect(stripReply(inline)).toBe(
      ['> Which model is it?', '', 'An HP LaserJet 4000.', '', '> Does it print a test page?', '', 'No, the paper jams.'].join('\n'),
    );
  });

  it('should keep fenced code whole', () => {
    const text = 'Try this:\n\n```\n-- not a signature\n> not a quote\n```\n\nThanks';
    expect(stripReply(text)).toBe(text);
  });

  it('should stay fast on pathological input', () => {
    const started = Date.now();
    stripReply(`${'On and on and on '.repeat(5_000)}\n`.repeat(20) + '> quote\n'.repeat(5_000));
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('stripReply on the wider corpus (testdata/SOURCES.md)', () => {
  const visibleText = (text: string) =>
    text
      .replace(/\r\n/g, '\n')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trim();

  it.each(corpus.text.map((c) => [c.name, c] as const))('should give the expected text for %s', (_name, c) => {
    expect(c.expected.map(visibleText)).toContain(stripReply(c.input));
  });

  it.each(corpus.html.map((c) => [c.name, c] as const))('should strip the HTML-only reply %s through its derived text', async (_name, c) => {
    const raw = Buffer.from(`From: alex@example.com\r\nSubject: Re: Test\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${c.html}`);
    const [message] = await normalizeInboundEmail(raw, { connectorId: 'c1', ownAddresses: [] });
    expect(message.strippedText?.replace(/\s+/g, '')).toBe(c.expected.replace(/\s+/g, ''));
  });
});
