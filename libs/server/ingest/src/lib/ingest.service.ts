import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { InvalidPayloadError, type NormalizedMessage, withoutNulCharacters } from '@throughline/domain';
import { issueVisitorToken, visitorIdOfThreadKey } from '@throughline/channels/chat';
import { ConnectorsService } from '@throughline/server/connectors';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { ConnectorEntity, type ConversationEntity, RawEventEntity } from '@throughline/server/database';
import { JobProducer, RealtimePublisher } from '@throughline/server/queue';
import { type PersistedInbound, TimelineEvents, TimelineWriter } from '@throughline/server/timeline';
import { type AdapterContext, CHANNEL_ADAPTERS } from './channel-adapters';

export type IngestOutcome = 'processed' | 'already-processed' | 'failed';

/** Steps 3–5 of the message path, run by the `ingest` job. Idempotent: safe to run twice for one event. */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(RawEventEntity) private readonly rawEvents: Repository<RawEventEntity>,
    @InjectRepository(ConnectorEntity) private readonly connectorRows: Repository<ConnectorEntity>,
    private readonly connectors: ConnectorsService,
    private readonly writer: TimelineWriter,
    private readonly events: TimelineEvents,
    private readonly jobs: JobProducer,
    private readonly realtime: RealtimePublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async process(rawEventId: string): Promise<IngestOutcome> {
    const event = await this.rawEvents.findOne({ where: { id: rawEventId } });
    if (!event) throw new Error(`raw event ${rawEventId} does not exist`);
    if (event.status === 'processed') return 'already-processed';
    const connector = await this.connectorRows.findOneOrFail({ where: { id: event.connectorId } });

    const adapter = CHANNEL_ADAPTERS[connector.provider];
    let messages: NormalizedMessage[];
    try {
      if (!adapter) throw new InvalidPayloadError(`provider ${connector.provider} has no adapter on this server`);
      const ctx = this.adapterContext(connector, event.receivedAt, event.contentType);
      messages = await adapter.normalize(event.payload, ctx);
      if (adapter.lookup)
        messages.push(
          ...(await adapter.lookup(event.payload, { ...ctx, secrets: this.connectors.secretsOf(connector), outbound: this.connectors.outboundPolicy() })),
        );
      messages = withoutNulCharacters(messages);
    } catch (err) {
      if (!(err instanceof InvalidPayloadError)) throw err;
      await this.markFailed(rawEventId, err.message);
      return 'failed';
    }

    const persisted = await this.db.transaction(async (manager) => {
      // The row lock makes a concurrent second run of this event wait, then see it processed.
      const [locked] = (await manager.query('SELECT status FROM raw_events WHERE id = $1 FOR UPDATE', [rawEventId])) as Array<{ status: string }>;
      if (locked?.status === 'processed') return null;
      const results: PersistedInbound[] = [];
      const notes: string[] = messages.length ? [] : ['nothing to record (e.g. a typing indicator, or our own mail coming back)'];
      for (const message of messages) {
        const result = await this.writer.persistInbound(manager, connector, rawEventId, message, adapter?.mergeUpdate);
        if (result && 'skipped' in result) notes.push(result.skipped);
        else if (result) results.push(result);
      }
      // A processed event keeps a note of what was deliberately not recorded, so admins can see why.
      await manager.query("UPDATE raw_events SET status = 'processed', processed_at = now(), error = $2, attempts = attempts + 1 WHERE id = $1", [
        rawEventId,
        notes.length ? notes.join('; ').slice(0, 2000) : null,
      ]);
      return results;
    });
    if (!persisted) return 'already-processed';

    for (const result of persisted) {
      if (result.isUpdate) {
        await this.events.messageUpdated(result.message, result.conversation);
        for (const line of result.systemMessages) await this.events.messageCreated(line, result.conversation);
        if (result.systemMessages.length && result.conversation) await this.events.conversationUpdated(result.conversation);
        continue;
      }
      for (const line of result.systemMessages) await this.events.messageCreated(line, result.conversation);
      await this.events.messageCreated(result.message, result.conversation, result.conversationIsNew);
      if (result.conversation && (result.absorbed.length || result.previousOwnerId)) {
        await this.events.threadRegrouped(result.conversation, result.absorbed, result.previousOwnerId);
      }
      if (result.conversationIsNew && result.conversation) this.announceChatSession(connector, result.conversation);
      // Step 6: empathy prompts and cross-sell for what the customer just said (best effort, like publishing).
      if (result.message.direction === 'inbound' && result.conversation) {
        await this.jobs.tryEnqueueEnrich({ conversationId: result.conversation.id, messageId: result.message.id });
      }
      for (const bounced of result.bounced) await this.events.messageUpdated(bounced);
    }
    // Routing: a new or reopened conversation nobody has taken waits in its queue for the route job.
    const waitingIn = new Set(persisted.flatMap(({ conversation: c }) => (c?.queueId && c.status === 'open' && !c.assigneeId ? [c.queueId] : [])));
    for (const queueId of waitingIn) await this.jobs.tryEnqueueRoute({ queueId });
    return 'processed';
  }

  /** A chat visitor's first message opened their conversation: their open tabs learn its id without reconnecting. */
  private announceChatSession(connector: ConnectorEntity, conversation: ConversationEntity): void {
    const visitorId = conversation.channel === 'chat' ? visitorIdOfThreadKey(conversation.threadKey) : null;
    if (!visitorId) return;
    const { visitorToken } = issueVisitorToken(this.connectors.secretsOf(connector)['identitySecret'] ?? '', visitorId);
    this.realtime.toVisitor(visitorId, 'session', { visitorToken, conversationId: conversation.id });
  }

  private adapterContext(connector: ConnectorEntity, receivedAt: Date, contentType: string): AdapterContext {
    return { connector, defaultCountry: this.config.defaultPhoneCountry, receivedAt, contentType };
  }

  /** After the last retry: the event is kept, failed, with the error visible to admins. */
  async markFailed(rawEventId: string, reason: string, attempts?: number): Promise<void> {
    const error = withoutNulCharacters(reason);
    await this.rawEvents.update({ id: rawEventId }, { status: 'failed', error: error.slice(0, 2000), ...(attempts !== undefined ? { attempts } : {}) });
    const event = await this.rawEvents.findOne({ where: { id: rawEventId }, select: { id: true, connectorId: true } });
    if (event) await this.connectors.recordFailure(event.connectorId, `event ${rawEventId}: ${error}`);
    this.logger.warn(`raw event ${rawEventId} failed: ${error}`);
  }
}
