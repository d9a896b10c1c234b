import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ImapMailboxSession, rawEmailExternalId } from '@throughline/channels/email';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { type ImapProviderConfig, ConnectorsService, imapSettingsOf } from '@throughline/server/connectors';
import { ConnectorCursorEntity, type ConnectorEntity } from '@throughline/server/database';
import { RedisLocks } from '@throughline/server/queue';
import { RawEventsService } from './raw-events.service';

/** Where reading stopped: a UID is only meaningful under the UIDVALIDITY it was read in. */
interface MailboxCursor {
  uidValidity: number;
  lastUid: number;
}

export type MailboxPollOutcome = { stored: number } | 'busy' | 'disabled';

const FETCH_BATCH = 50;

/**
 * Reads one IMAP mailbox for one poll job. A Redis lease makes it the only reader of that mailbox
 * in the deployment; it stores each message raw, then marks it in the mailbox, then advances the
 * cursor — so a crash anywhere re-reads at most the last message (stored once, by Message-ID)
 * and never skips one. Where the server supports IDLE, the session stays open for most of the
 * poll interval and picks new mail up as it arrives.
 */
@Injectable()
export class MailboxPoller {
  private readonly logger = new Logger(MailboxPoller.name);

  constructor(
    private readonly connectors: ConnectorsService,
    private readonly rawEvents: RawEventsService,
    private readonly locks: RedisLocks,
    @InjectRepository(ConnectorCursorEntity) private readonly cursors: Repository<ConnectorCursorEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async poll(connectorId: string, signal?: AbortSignal): Promise<MailboxPollOutcome> {
    const connector = await this.connectors.get(connectorId).catch(() => null);
    if (!connector?.enabled) return 'disabled';
    const config = connector.config as ImapProviderConfig;
    const intervalMs = config.pollIntervalSeconds * 1000;
    const lease = await this.locks.acquire(`mailbox:${connectorId}`, intervalMs * 2);
    if (!lease) return 'busy';

    const session = new ImapMailboxSession(imapSettingsOf(connector.config, this.connectors.secretsOf(connector), this.connectors.outboundPolicy()));
    let count = 0;
    try {
      const opened = await session.open();
      const stored = await this.cursorOf(connectorId);
      let cursor: MailboxCursor = stored ?? { uidValidity: opened.uidValidity, lastUid: 0 };
      if (cursor.uidValidity !== opened.uidValidity) {
        // A new UIDVALIDITY means old UIDs mean nothing: read everything again; Message-IDs dedupe.
        this.logger.warn(`mailbox of connector ${connectorId} changed UIDVALIDITY (${cursor.uidValidity} → ${opened.uidValidity}); re-reading it`);
        cursor = { uidValidity: opened.uidValidity, lastUid: 0 };
      }
      if (cursor !== stored) await this.saveCursor(connectorId, cursor);
      // Hold the session (IDLE) for most of the interval; the next scheduled job takes over after.
      const deadline = Date.now() + (opened.idleSupported ? intervalMs * 0.8 : 0);
      for (;;) {
        for await (const mail of session.fetchSince(cursor.lastUid, FETCH_BATCH)) {
          await this.store(connector, mail.raw);
          await session.markProcessed(mail.uid, this.afterProcessing(config));
          cursor = { ...cursor, lastUid: mail.uid };
          await this.saveCursor(connectorId, cursor);
          count++;
          if (!(await lease.extend(intervalMs * 2))) throw new Error('lost the mailbox lease; another worker took over');
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0 || signal?.aborted) break;
        if ((await session.waitForNewMail(remaining, signal)) !== 'exists') break;
      }
      await this.connectors.recordHealthy(connectorId);
      return { stored: count };
    } catch (err) {
      await this.connectors.recordFailure(connectorId, `reading the IMAP mailbox failed: ${(err as Error).message}`);
      throw err;
    } finally {
      await session.close();
      await lease.release();
    }
  }

  /** Mail larger than EMAIL_MAX_BYTES is kept as failed with the reason, not dropped. */
  private async store(connector: ConnectorEntity, raw: Buffer): Promise<void> {
    const event = { externalId: rawEmailExternalId(raw), contentType: 'message/rfc822', payload: raw };
    if (raw.length > this.config.emailMaxBytes) {
      await this.rawEvents.recordInvalid(connector, event, `the message is ${raw.length} bytes, over EMAIL_MAX_BYTES (${this.config.emailMaxBytes})`);
    } else {
      await this.rawEvents.accept(connector, event);
    }
  }

  private afterProcessing(config: ImapProviderConfig): { kind: 'seen' } | { kind: 'move'; folder: string } | { kind: 'none' } {
    if (config.afterProcessing === 'move' && config.processedFolder) return { kind: 'move', folder: config.processedFolder };
    return config.afterProcessing === 'none' ? { kind: 'none' } : { kind: 'seen' };
  }

  private async cursorOf(connectorId: string): Promise<MailboxCursor | null> {
    const row = await this.cursors.findOne({ where: { connectorId } });
    const state = row?.state as Partial<MailboxCursor> | undefined;
    return typeof state?.uidValidity === 'number' && typeof state.lastUid === 'number' ? { uidValidity: state.uidValidity, lastUid: state.lastUid } : null;
  }

  private async saveCursor(connectorId: string, cursor: MailboxCursor): Promise<void> {
    await this.cursors.upsert({ connectorId, state: { ...cursor } }, ['connectorId']);
  }
}
