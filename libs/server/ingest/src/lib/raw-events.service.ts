import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { RawEventStatus } from '@throughline/domain';
import { ConnectorEntity, RawEventEntity } from '@throughline/server/database';
import { JobProducer } from '@throughline/server/queue';

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
  ) {}

  /**
   * Stores the event (a redelivery of the same external id is a no-op) and queues it. When Redis
   * is unreachable the event stays `pending` and the sweeper queues it later; either way it is safe
   * to acknowledge, because Postgres already has it.
   */
  async accept(connector: ConnectorEntity, event: IncomingRawEvent): Promise<AcceptedRawEvent> {
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
  async recordInvalid(connector: ConnectorEntity, event: IncomingRawEvent, error: string): Promise<void> {
    await this.rawEvents
      .createQueryBuilder()
      .insert()
      .values({ connectorId: connector.id, externalId: event.externalId, contentType: event.contentType, payload: event.payload, status: 'failed', error })
      .orIgnore()
      .execute();
    await this.connectors.update({ id: connector.id }, { lastError: `invalid payload: ${error}`.slice(0, 1000), lastErrorAt: new Date(), health: 'failing' });
  }

  /** Throttled to one write every 10 s per connector, so a busy connector's row isn't a hot spot. */
  private async touchConnector(connectorId: string): Promise<void> {
    await this.connectors
      .createQueryBuilder()
      .update()
      .set({ lastEventAt: () => 'now()', health: 'ok' })
      .where("id = :id AND (last_event_at IS NULL OR last_event_at < now() - interval '10 seconds' OR health <> 'ok')", { id: connectorId })
      .execute();
  }
}
