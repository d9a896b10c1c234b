import { createTransport } from 'nodemailer';
import { DovecotServer, startDovecot } from './dovecot';
import { SmtpCapture, startSmtpCapture } from './smtp-capture';

const customer = { user: 'customer', password: 'customer-secret' };
const raw = 'From: support@example.com\r\nTo: customer@example.com\r\nSubject: Re: help\r\n\r\nHello\r\n';
const envelope = { from: 'support@example.com', to: ['customer@example.com', 'cc@example.com'] };

describe('startSmtpCapture', () => {
  let dovecot: DovecotServer;
  const captures: SmtpCapture[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [customer] });
  });

  afterAll(async () => {
    await Promise.all(captures.map((capture) => capture.stop()));
    await dovecot?.stop();
  });

  async function capture(options: Parameters<typeof startSmtpCapture>[0]): Promise<SmtpCapture> {
    const started = await startSmtpCapture(options);
    captures.push(started);
    return started;
  }

  function send(to: SmtpCapture, auth?: { user: string; pass: string }) {
    return createTransport({ host: to.host, port: to.port, secure: false, auth }).sendMail({ envelope, raw });
  }

  it('records the envelope and the exact bytes of each message', async () => {
    const smtp = await capture({});
    await send(smtp);
    const [message] = await smtp.waitForMessages(1);
    expect(message).toEqual({ from: envelope.from, to: envelope.to, raw: Buffer.from(raw) });
  });

  it('requires the configured login', async () => {
    const smtp = await capture({ auth: { user: 'relay', password: 'relay-secret' } });
    await expect(send(smtp, { user: 'relay', pass: 'wrong' })).rejects.toMatchObject({ code: 'EAUTH', responseCode: 535 });
    await send(smtp, { user: 'relay', pass: 'relay-secret' });
    expect(await smtp.waitForMessages(1)).toHaveLength(1);
  });

  it('answers DATA with the configured failure and records nothing', async () => {
    const smtp = await capture({ failWith: { code: 552, message: 'Mailbox full' } });
    await expect(send(smtp)).rejects.toMatchObject({ responseCode: 552, response: expect.stringContaining('Mailbox full') });
    await expect(smtp.waitForMessages(1, 200)).rejects.toThrow('expected 1 message(s) within 200 ms, received 0');
  });

  it('delivers accepted messages into a Dovecot mailbox', async () => {
    const smtp = await capture({ deliverTo: { dovecot, ...customer } });
    await send(smtp);
    await smtp.waitForMessages(1);
    const inbox = await dovecot.list(customer.user, customer.password, 'INBOX');
    expect(inbox.map((message) => message.source)).toEqual([Buffer.from(raw)]);
  });

  it('stops twice without complaint', async () => {
    const smtp = await startSmtpCapture();
    await smtp.stop();
    await smtp.stop();
  });
});
