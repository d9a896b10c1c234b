import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { InvalidPayloadError, type RawEventStatus, withoutNulCharacters } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { webhooksReceived } from '@throughline/server/health';
import { ConnectorEntity, RawEventEntity } from '@throughline/server/database';
import { JobProducer } from '@throughline/server/queue';
import { CHANNEL_ADAPTERS } from './channel-adapters';

export interface IncomingRawEvent {
  externalId: string;
  contentType: string;
  payload: Buffer;
}

export interface AcceptedRawEvent {
  id: string;
  duplicate: boolean;
  status: RawEventStatus;
}

/** Steps 1–2 of the message path: persist what arrived, then try to queue it. */
@Injectable()
export class RawEventsService {
  constructor(
    @InjectRepository(RawEventEntity) private readonly rawEvents: Repository<RawEventEntity>,
    @InjectRepository(ConnectorEntity) private readonly connectors: Repository<ConnectorEntity>,
    private readonly jobs: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * For entry points that can tell the sender at once what is wrong (webhooks): normalise first,
   * then store and queue. A payload that can never be ingested is kept as failed, with the reason,
   * and InvalidPayloadError is rethrown for the caller to answer 400.
   */
  async receiveValidated(connector: ConnectorEntity, payload: Buffer, contentType: string): Promise<AcceptedRawEvent> {
    const adapter = CHANNEL_ADAPTERS[connector.provider];
    if (!adapter) throw new InvalidPayloadError(`provider ${connector.provider} has no adapter on this server`);
    try {
      const ctx = { connector, defaultCountry: this.config.defaultPhoneCountry, receivedAt: new Date(), contentType };
      const messages = await adapter.normalize(payload, ctx);
      const externalId = adapter.rawEventId?.(payload, ctx) ?? messages[0]?.externalId ?? `sha256:${createHash('sha256').update(payload).digest('hex')}`;
      const accepted = await this.accept(connector, { externalId, contentType, payload });
      webhooksReceived.inc({ provider: connector.provider, outcome: accepted.duplicate ? 'duplicate' : 'accepted' });
      return accepted;
    } catch (err) {
      if (!(err instanceof InvalidPayloadError)) throw err;
      webhooksReceived.inc({ provider: connector.provider, outcome: 'invalid' });
      const externalId = `invalid:${createHash('sha256').update(payload).digest('hex')}`;
      await this.recordInvalid(connector, { externalId, contentType, payload }, err.message);
      throw err;
    }
  }

  /**
   * Stores the event (a redelivery of the same external id is a no-op) and queues it. When Redis
   * is unreachable the event stays `pending` and the sweeper queues it later; either way it is safe
   * to acknowledge, because Postgres already has it.
   */
  async accept(connector: ConnectorEntity, incoming: IncomingRawEvent): Promise<AcceptedRawEvent> {
    const event = { ...incoming, externalId: withoutNulCharacters(incoming.externalId) };
    const inserted = await this.rawEvents
      .createQueryBuilder()
      .insert()
      .values({ connectorId: connector.id, externalId: event.externalId, contentType: event.contentType, payload: event.payload })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
    if (!id) {
      const existing = await this.rawEvents.findOneOrFail({
        where: { connectorId: connector.id, externalId: event.externalId },
        select: { id: true, status: true },
      });
      return { id: existing.id, duplicate: true, status: existing.status };
    }
    await this.touchConnector(connector.id);
    const queued = await this.jobs.tryEnqueueIngest({ rawEventId: id });
    if (queued) await this.rawEvents.update({ id, status: 'pending' }, { status: 'queued', queuedAt: new Date() });
    return { id, duplicate: false, status: queued ? 'queued' : 'pending' };
  }

  /** A signed but unusable payload: kept as failed, with the reason, for admins. */
  async recordInvalid(connector: ConnectorEntity, incoming: IncomingRawEvent, reason: string): Promise<void> {
    const event = { ...incoming, externalId: withoutNulCharacters(incoming.externalId) };
    const error = withoutNulCharacters(reason);
    await this.rawEvents
      .createQueryBuilder()
      .insert()
      .values({ connectorId: connector.id, externalId: event.externalId, contentType: event.contentType, payload: event.payload, status: 'failed', error })
      .orIgnore()
      .execute();
    await this.connectors.update({ id: connector.id }, { lastError: `invalid payload: ${error}`.slice(0, 1000), lastErrorAt: new Date(), health: 'failing' });
  }

  /** Throttled to one write every 10 s per connector, so a busy connector's row isn't a hot spot. */
  /** How long the oldest event not yet ingested has waited, in seconds (0 when the pipeline is empty). */
  async ingestLagSeconds(): Promise<number> {
    const [row] = (await this.rawEvents.query(
      `SELECT COALESCE(floor(extract(epoch FROM now() - min(received_at))), 0)::int AS lag FROM raw_events WHERE status IN ('pending', 'queued')`,
    )) as Array<{ lag: number }>;
    return row?.lag ?? 0;
  }

  private async touchConnector(connectorId: string): Promise<void> {
    await this.connectors
      .createQueryBuilder()
      .update()
      .set({ lastEventAt: () => 'now()', health: 'ok' })
      .where("id = :id AND (last_event_at IS NULL OR last_event_at < now() - interval '10 seconds' OR health <> 'ok')", { id: connectorId })
      .execute();
  }
}
