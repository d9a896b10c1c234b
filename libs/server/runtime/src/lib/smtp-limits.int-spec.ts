import { connect, type Socket } from 'node:net';
import { SmtpInboundListener } from '@throughline/server/ingest';
import { eventually, TestStack } from '../testing/test-stack';

const LIMIT = 64 * 1024;

/** A bare SMTP client on a socket: no SIZE extension, no pipelining, one reply per command. */
class RawSmtp {
  private buffered = '';
  private waiting: ((line: string) => void) | null = null;
  private readonly replies: string[] = [];

  private constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      this.buffered += data;
      let end: number;
      while ((end = this.buffered.indexOf('\r\n')) >= 0) {
        const line = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 2);
        // Multi-line replies ("250-...") end with the line that has a space after the code.
        if (/^\d{3} /.test(line)) this.replies.push(line);
      }
      this.flush();
    });
    socket.on('close', () => {
      this.replies.push('closed');
      this.flush();
    });
  }

  static async open(port: number): Promise<RawSmtp> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawSmtp(socket);
  }

  private flush(): void {
    if (this.waiting && this.replies.length) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(this.replies.shift() as string);
    }
  }

  reply(): Promise<string> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.flush();
    });
  }

  async command(line: string): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** Writes the body in chunks, respecting back-pressure, then the final dot. */
  async data(body: Buffer, chunkBytes = 64 * 1024): Promise<string> {
    for (let offset = 0; offset < body.length; offset += chunkBytes) {
      if (!this.socket.write(body.subarray(offset, offset + chunkBytes))) await new Promise((r) => this.socket.once('drain', r));
    }
    this.socket.write('\r\n.\r\n');
    return this.reply();
  }
}

describe('inbound SMTP limits (real API, real sockets)', () => {
  let stack: TestStack;
  let listener: SmtpInboundListener;
  const open: RawSmtp[] = [];

  beforeAll(async () => {
    stack = await TestStack.start({ env: { EMAIL_MAX_BYTES: String(LIMIT), SMTP_INBOUND_MAX_PER_IP: '3' } });
    listener = stack.api.get(SmtpInboundListener);
    await stack.createConnector({ kind: 'email', provider: 'smtp', config: { address: 'limits@shop.example' } });
  });

  afterEach(() => {
    for (const client of open.splice(0)) client.socket.destroy();
  });

  afterAll(() => stack?.close());

  const client = async () => {
    const smtp = await RawSmtp.open(listener.port as number);
    open.push(smtp);
    return smtp;
  };

  it('should answer 552 to a body over EMAIL_MAX_BYTES sent without SIZE, holding no more than the limit in memory', async () => {
    const smtp = await client();
    expect(await smtp.reply()).toMatch(/^220 /);
    expect(await smtp.command('EHLO sender.example')).toMatch(/^250 /);
    expect(await smtp.command('MAIL FROM:<big@sender.example>')).toMatch(/^250 /);
    expect(await smtp.command('RCPT TO:<limits@shop.example>')).toMatch(/^250 /);
    expect(await smtp.command('DATA')).toMatch(/^354 /);
    const body = Buffer.concat([Buffer.from('From: big@sender.example\r\nSubject: big\r\n\r\n'), Buffer.alloc(64 * LIMIT, 'a')]);
    expect(await smtp.data(body)).toMatch(/^552 5\.3\.4 /);
    expect(listener.peakRetainedBytes).toBeLessThanOrEqual(LIMIT);
    // The session goes on: the next, small message on the same connection is accepted.
    expect(await smtp.command('MAIL FROM:<small@sender.example>')).toMatch(/^250 /);
    expect(await smtp.command('RCPT TO:<limits@shop.example>')).toMatch(/^250 /);
    expect(await smtp.command('DATA')).toMatch(/^354 /);
    expect(await smtp.data(Buffer.from('From: small@sender.example\r\nSubject: small\r\nMessage-ID: <small@sender.example>\r\n\r\nhello'))).toMatch(/^250 /);
    const { rows } = await stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw_events WHERE external_id = 'small@sender.example'`);
    expect(rows[0].n).toBe(1);
    const stored = await stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw_events WHERE octet_length(payload) > $1`, [LIMIT]);
    expect(stored.rows[0].n).toBe(0);
  });

  it('should refuse a connection over SMTP_INBOUND_MAX_PER_IP with 421, and admit again once one closes', async () => {
    const admitted = await Promise.all([client(), client(), client()]);
    for (const smtp of admitted) expect(await smtp.reply()).toMatch(/^220 /);
    const extra = await client();
    expect(await extra.reply()).toMatch(/^421 .*too many connections/);
    expect(await extra.reply()).toBe('closed');

    expect(await admitted[0].command('QUIT')).toMatch(/^221 /);
    expect(await admitted[0].reply()).toBe('closed');
    // The server releases the slot just after its side of the socket closes; then a new client is admitted.
    const greeting = await eventually(
      async () => {
        const next = await client();
        const reply = await next.reply();
        return reply.startsWith('220') && reply;
      },
      5_000,
      'a freed slot',
    );
    expect(greeting).toMatch(/^220 /);
  });
});
