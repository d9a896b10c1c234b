import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { MastodonClient } from '@throughline/channels/social';
import { ConnectorsService, mastodonProviderConfigSchema } from '@throughline/server/connectors';
import { ConnectorCursorEntity } from '@throughline/server/database';
import { RedisLocks } from '@throughline/server/queue';
import { RawEventsService } from './raw-events.service';
import { guardedFetch } from '@throughline/channels/outbound';

/** Where reading stopped: the newest notification id already stored. */
interface MastodonCursor {
  sinceId: string;
}

export type MastodonPollOutcome = { stored: number } | 'busy' | 'disabled';

/** A poll walks pages of at most this many notifications. */
const PAGE_SIZE = 40;

/**
 * Reads one Mastodon account's new mentions for one poll job. Each notification is stored as its
 * own raw event (keyed on the notification id) before the cursor moves past it, so a crash
 * re-reads at most what was stored already, and a Redis lease keeps two workers off one account.
 */
@Injectable()
export class MastodonPoller {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly rawEvents: RawEventsService,
    private readonly locks: RedisLocks,
    @InjectRepository(ConnectorCursorEntity) private readonly cursors: Repository<ConnectorCursorEntity>,
  ) {}

  async poll(connectorId: string): Promise<MastodonPollOutcome> {
    const connector = await this.connectors.get(connectorId).catch(() => null);
    if (!connector?.enabled) return 'disabled';
    const config = mastodonProviderConfigSchema.parse(connector.config);
    const lease = await this.locks.acquire(`mastodon:${connectorId}`, config.pollIntervalSeconds * 2000);
    if (!lease) return 'busy';
    try {
      const client = new MastodonClient({
        instanceUrl: config.instanceUrl,
        accessToken: this.connectors.secretsOf(connector)['accessToken'] ?? '',
        fetch: guardedFetch(this.connectors.outboundPolicy()),
      });
      const { notifications, newestId } = await client.fetchMentionsSince(await this.sinceIdOf(connectorId), PAGE_SIZE);
      let stored = 0;
      for (const notification of notifications) {
        const accepted = await this.rawEvents.accept(connector, {
          externalId: `notification:${notification.id}`,
          contentType: 'application/json',
          payload: Buffer.from(JSON.stringify(notification)),
        });
        if (!accepted.duplicate) stored++;
      }
      if (newestId) await this.cursors.upsert({ connectorId, state: { sinceId: newestId } satisfies MastodonCursor }, ['connectorId']);
      await this.connectors.recordHealthy(connectorId);
      return { stored };
    } catch (err) {
      await this.connectors.recordFailure(connectorId, `reading Mastodon mentions failed: ${(err as Error).message}`);
      throw err;
    } finally {
      await lease.release();
    }
  }

  private async sinceIdOf(connectorId: string): Promise<string | undefined> {
    const state = (await this.cursors.findOne({ where: { connectorId } }))?.state as Partial<MastodonCursor> | undefined;
    return typeof state?.sinceId === 'string' ? state.sinceId : undefined;
  }
}
