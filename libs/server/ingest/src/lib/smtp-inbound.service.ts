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
 * The inbound SMTP listener (provider `smtp`): mail for an address a connector owns is stored
 * raw, then acknowledged with 250 — parsing happens in the worker, and a message it cannot parse
 * is kept as failed with the error, never bounced into the void. Unknown recipients are refused
 * at RCPT time (550) and oversize mail at the end of DATA (552), as RFC 5321 expects.
 */
@Injectable()
export class SmtpInboundListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpInboundListener.name);
  private server?: SMTPServer;
  /** Recipient connectors per SMTP session (the envelope only keeps the addresses). */
  private readonly recipients = new Map<string, ConnectorEntity[]>();
  port?: number;

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
      onRcptTo: (address, session, callback) => void this.onRcptTo(address, session).then(() => callback(), callback),
      onData: (stream, session, callback) => void this.onData(stream, session).then((reply) => callback(null, reply), callback),
      onClose: (session) => this.recipients.delete(session.id),
    });
    this.server.on('error', (err) => this.logger.warn(`smtp: ${err.message}`));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'EADDRINUSE'
            ? new ConfigError('SMTP_INBOUND_PORT', `port ${this.config.smtpInboundPort} is already in use; choose another`)
            : err,
        );
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

  private async onRcptTo(address: SMTPServerAddress, session: SMTPServerSession): Promise<void> {
    const connector = await this.connectors.findByAddress(address.address);
    if (!connector) throw smtpError(550, `5.1.1 <${address.address}>: no mailbox here by that name`);
    if (!connector.enabled) throw smtpError(550, `5.2.1 <${address.address}>: mailbox disabled, not accepting messages`);
    this.recipients.set(session.id, [...(this.recipients.get(session.id) ?? []), connector]);
  }

  private async onData(stream: Readable & { sizeExceeded?: boolean }, session: SMTPServerSession): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) {
      throw smtpError(552, `5.3.4 message exceeds the fixed maximum message size of ${this.config.emailMaxBytes} bytes`);
    }
    const raw = Buffer.concat(chunks);
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
