import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { rawEmailExternalId } from '@throughline/channels/email';
import { APP_CONFIG, ConfigError, type AppConfig } from '@throughline/server/config';
import { ConnectorsService } from '@throughline/server/connectors';
import type { ConnectorEntity } from '@throughline/server/database';
import { webhooksReceived } from '@throughline/server/health';
import { RawEventsService } from './raw-events.service';

/** An SMTP reply: smtp-server sends `responseCode` and the message to the client. */
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Reads a DATA stream to its end but keeps at most `maxBytes`: past the limit the chunks are
 * dropped (the client must still be read to the final dot before the 552 reply), so a sender that
 * skips the SIZE extension cannot make us hold more than one message's worth of memory.
 */
async function readWithin(stream: Readable, maxBytes: number): Promise<{ raw: Buffer | null; retainedBytes: number }> {
  const chunks: Buffer[] = [];
  let total = 0;
  let retainedBytes = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      chunks.length = 0;
      continue;
    }
    chunks.push(chunk as Buffer);
    retainedBytes = total;
  }
  return { raw: total > maxBytes ? null : Buffer.concat(chunks), retainedBytes };
}

/**
 * The inbound SMTP listener (provider `smtp`): mail for an address a connector owns is stored
 * raw, then acknowledged with 250 — parsing happens in the worker, and a message it cannot parse
 * is kept as failed with the error, never bounced into the void. Unknown recipients are refused
 * at RCPT time (550) and oversize mail at the end of DATA (552), as RFC 5321 expects. Clients
 * are capped overall and per remote address (421 for the next one).
 */
@Injectable()
export class SmtpInboundListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpInboundListener.name);
  private server?: SMTPServer;
  /** Recipient connectors per SMTP session (the envelope only keeps the addresses). */
  private readonly recipients = new Map<string, ConnectorEntity[]>();
  /** Open sessions per remote address, and the sessions counted there (a refused one is not). */
  private readonly openPerAddress = new Map<string, number>();
  private readonly countedSessions = new Set<string>();
  port?: number;
  /** The most bytes of one message ever held in memory (exposed so tests can prove the bound). */
  peakRetainedBytes = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connectors: ConnectorsService,
    private readonly rawEvents: RawEventsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = new SMTPServer({
      name: new URL(this.config.publicUrl).hostname,
      banner: 'Throughline inbound mail',
      size: this.config.emailMaxBytes,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      maxClients: this.config.smtpInboundMaxClients,
      onConnect: (session, callback) => callback(this.admit(session)),
      onRcptTo: (address, session, callback) => void this.onRcptTo(address, session).then(() => callback(), callback),
      onData: (stream, session, callback) => void this.onData(stream, session).then((reply) => callback(null, reply), callback),
      onClose: (session) => this.release(session),
    });
    this.server.on('error', (err) => this.logger.warn(`smtp: ${err.message}`));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) =>
        reject(err.code === 'EADDRINUSE' ? new ConfigError('SMTP_INBOUND_PORT', `port ${this.config.smtpInboundPort} is already in use; choose another`) : err);
      this.server?.server.once('error', onError);
      this.server?.listen(this.config.smtpInboundPort, this.config.smtpInboundHost, () => {
        this.server?.server.off('error', onError);
        resolve();
      });
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    this.logger.log(`inbound SMTP listening on ${this.config.smtpInboundHost}:${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private admit(session: SMTPServerSession): Error | null {
    const open = this.openPerAddress.get(session.remoteAddress) ?? 0;
    if (open >= this.config.smtpInboundMaxPerIp) return smtpError(421, '4.7.0 too many connections from your address, try again later');
    this.openPerAddress.set(session.remoteAddress, open + 1);
    this.countedSessions.add(session.id);
    return null;
  }

  private release(session: SMTPServerSession): void {
    this.recipients.delete(session.id);
    if (!this.countedSessions.delete(session.id)) return;
    const open = (this.openPerAddress.get(session.remoteAddress) ?? 1) - 1;
    if (open > 0) this.openPerAddress.set(session.remoteAddress, open);
    else this.openPerAddress.delete(session.remoteAddress);
  }

  private async onRcptTo(address: SMTPServerAddress, session: SMTPServerSession): Promise<void> {
    const connector = await this.connectors.findByAddress(address.address);
    if (!connector) throw smtpError(550, `5.1.1 <${address.address}>: no mailbox here by that name`);
    if (!connector.enabled) throw smtpError(550, `5.2.1 <${address.address}>: mailbox disabled, not accepting messages`);
    this.recipients.set(session.id, [...(this.recipients.get(session.id) ?? []), connector]);
  }

  private async onData(stream: Readable, session: SMTPServerSession): Promise<string> {
    const { raw, retainedBytes } = await readWithin(stream, this.config.emailMaxBytes);
    this.peakRetainedBytes = Math.max(this.peakRetainedBytes, retainedBytes);
    if (!raw) {
      this.recipients.delete(session.id);
      throw smtpError(552, `5.3.4 message exceeds the fixed maximum message size of ${this.config.emailMaxBytes} bytes`);
    }
    const targets = [...new Map((this.recipients.get(session.id) ?? []).map((c) => [c.id, c])).values()];
    // The next transaction on this connection starts with a fresh recipient list.
    this.recipients.delete(session.id);
    const externalId = rawEmailExternalId(raw);
    try {
      const ids: string[] = [];
      for (const connector of targets) {
        const accepted = await this.rawEvents.accept(connector, { externalId, contentType: 'message/rfc822', payload: raw });
        webhooksReceived.inc({ provider: 'smtp', outcome: accepted.duplicate ? 'duplicate' : 'accepted' });
        ids.push(accepted.id);
      }
      return `2.0.0 queued as ${ids.join(', ')}`;
    } catch (err) {
      this.logger.warn(`could not store inbound mail ${externalId}: ${(err as Error).message}`);
      throw smtpError(451, '4.3.0 temporary storage failure, try again later');
    }
  }
}
