import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { hashPassword } from '@throughline/server/auth';
import { rawEmailExternalId } from '@throughline/channels/email';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { ConnectorsService } from '@throughline/server/connectors';
import { ConnectorEntity, ConversationEntity, CustomerEntity, MessageEntity, QueueEntity, UserEntity } from '@throughline/server/database';
import { RawEventsService } from '@throughline/server/ingest';
import { AssociationsService, CatalogService, EmpathyPhrasesService } from '@throughline/server/insights';
import { ConversationHistory } from '@throughline/server/timeline';
import { demoPastConversations } from './demo-history';
import { DEMO_PRODUCTS, demoOrders } from './demo-catalog';
import {
  DEMO_CHAT_CONNECTOR_ID,
  DEMO_CHAT_CONNECTOR_KEY,
  DEMO_CHAT_IDENTITY_SECRET,
  DEMO_CONNECTOR_ID,
  DEMO_MAIL_ADDRESS,
  DEMO_PASSWORD,
  DEMO_QUEUES,
  DEMO_SIGNING_SECRET,
  DEMO_USERS,
  demoEmail,
  demoWebhooks,
} from './demo-workspace';

/**
 * Seeds the demo workspace once: a second start on the same database finds the admin and
 * leaves everything as it is.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly connectors: ConnectorsService,
    private readonly rawEvents: RawEventsService,
    private readonly catalog: CatalogService,
    private readonly associations: AssociationsService,
    private readonly phrases: EmpathyPhrasesService,
    private readonly history: ConversationHistory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * What of the demo workspace is still here: its enabled users (known emails and password) and any
   * connector holding one of its published secrets. Production refuses to start while any is.
   */
  async leftovers(): Promise<string[]> {
    const emails = DEMO_USERS.map((u) => u.email);
    const users = await this.db.getRepository(UserEntity).find({ where: { email: In(emails), disabled: false }, select: { email: true } });
    const demoSecrets = new Set<string>([DEMO_SIGNING_SECRET, DEMO_CHAT_IDENTITY_SECRET]);
    // A rotated demo secret still in its grace period still verifies, so it counts too.
    const heldSecrets = (c: ConnectorEntity) => [
      ...Object.values(this.connectors.secretsOf(c)),
      ...this.connectors.verifyingSecrets(c, 'signingSecret'),
      ...this.connectors.verifyingSecrets(c, 'identitySecret'),
    ];
    const connectors = (await this.connectors.list()).filter((c) => heldSecrets(c).some((v) => demoSecrets.has(v)));
    return [...users.map((u) => `demo user ${u.email}`), ...connectors.map((c) => `connector "${c.name}" (${c.id}) with the demo secret`)];
  }

  async seed(): Promise<boolean> {
    const users = this.db.getRepository(UserEntity);
    if (await users.exists({ where: { email: DEMO_USERS[0].email } })) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await users.save(DEMO_USERS.map((u) => users.create({ ...u, passwordHash })));
    const queues = this.db.getRepository(QueueEntity);
    const saved = await queues.save(DEMO_QUEUES.map((name) => queues.create({ name })));
    await this.connectors.create({ name: 'Website contact form', kind: 'generic', provider: 'generic', queueId: saved[0].id, config: {} }, null, {
      id: DEMO_CONNECTOR_ID,
      signingSecret: DEMO_SIGNING_SECRET,
    });
    const connector = await this.db.getRepository(ConnectorEntity).findOneByOrFail({ id: DEMO_CONNECTOR_ID });
    // Catalog, purchases, rules and phrases first, so the enrich job of each demo message finds them.
    await this.catalog.importProducts(DEMO_PRODUCTS);
    await this.catalog.importOrders(demoOrders());
    await this.associations.recompute();
    await this.phrases.installDefaults();
    for (const webhook of demoWebhooks()) {
      await this.rawEvents.accept(connector, {
        externalId: String(webhook['externalId']),
        contentType: 'application/json',
        payload: Buffer.from(JSON.stringify(webhook)),
      });
    }
    const mailbox = await this.connectors.create(
      { name: 'Support mailbox', kind: 'email', provider: 'smtp', queueId: saved[0].id, config: { address: DEMO_MAIL_ADDRESS } },
      null,
    );
    const mailConnector = await this.db.getRepository(ConnectorEntity).findOneByOrFail({ id: mailbox.id });
    await this.rawEvents.accept(mailConnector, { externalId: rawEmailExternalId(demoEmail()), contentType: 'message/rfc822', payload: demoEmail() });
    // The demo page is served by this API, so its own origins may embed the widget.
    const origins = [...new Set([this.config.publicUrl, `http://localhost:${this.config.port}`, `http://127.0.0.1:${this.config.port}`])];
    await this.connectors.create(
      { name: 'Website chat', kind: 'chat', provider: 'widget', queueId: saved[0].id, config: { allowedOrigins: origins, offlineEmailAfterSeconds: 600 } },
      null,
      { id: DEMO_CHAT_CONNECTOR_ID, signingSecret: DEMO_CHAT_IDENTITY_SECRET, generatedConfig: { connectorKey: DEMO_CHAT_CONNECTOR_KEY } },
    );
    await this.seedPastConversations(saved);
    this.logger.log('seeded the demo workspace');
    return true;
  }

  /** Two weeks of resolved conversations with their history, so Reports has something to show. */
  private async seedPastConversations(queues: QueueEntity[]): Promise<void> {
    const userIds = new Map((await this.db.getRepository(UserEntity).find()).map((u) => [u.email, u.id]));
    await this.db.transaction(async (manager) => {
      for (const past of demoPastConversations(new Date())) {
        const customer = await manager.save(manager.create(CustomerEntity, { name: past.customerName }));
        const opened = (past.messages[0] as { at: Date }).at;
        const lastMessage = past.messages[past.messages.length - 1] as { at: Date };
        const firstAnswer = past.messages.find((m) => m.direction === 'outbound')?.at ?? null;
        const resolvedAt = [...past.statuses].reverse().find((s) => s.to === 'resolved')?.at ?? null;
        const assigneeId = past.assignee ? (userIds.get(past.assignee) ?? null) : null;
        const conversation = await manager.save(
          manager.create(ConversationEntity, {
            customerId: customer.id,
            channel: past.channel,
            status: 'resolved',
            queueId: past.queue === null ? null : (queues[past.queue]?.id ?? null),
            assigneeId,
            subject: past.subject,
            preview: past.messages[past.messages.length - 1]?.text ?? null,
            lastMessageAt: lastMessage.at,
            lastInboundAt: [...past.messages].reverse().find((m) => m.direction === 'inbound')?.at ?? null,
            firstResponseAt: firstAnswer,
            resolvedAt,
            createdAt: opened,
          }),
        );
        const messages = await manager.save(
          past.messages.map((m) =>
            manager.create(MessageEntity, {
              conversationId: conversation.id,
              customerId: customer.id,
              channel: m.channel,
              direction: m.direction,
              authorName: m.direction === 'inbound' ? past.customerName : 'Support',
              authorUserId: m.direction === 'outbound' ? assigneeId : null,
              subject: past.subject,
              text: m.text,
              deliveryStatus: m.direction === 'outbound' ? 'sent' : null,
              occurredAt: m.at,
            }),
          ),
        );
        await this.history.record(manager, conversation.id, [
          { kind: 'created', actor: 'customer', to: 'open', at: opened },
          ...messages.map((m) => ({
            kind: m.direction === 'inbound' ? ('inbound' as const) : ('reply' as const),
            actor: m.direction === 'inbound' ? ('customer' as const) : assigneeId ? { userId: assigneeId } : ('system' as const),
            details: { messageId: m.id, channel: m.channel },
            at: m.occurredAt,
          })),
          ...(firstAnswer ? [{ kind: 'first_response' as const, actor: assigneeId ? { userId: assigneeId } : ('system' as const), at: firstAnswer }] : []),
          ...past.statuses.map((s) => ({ kind: 'status' as const, actor: assigneeId ? { userId: assigneeId } : ('system' as const), to: s.to, at: s.at })),
        ]);
      }
    });
  }
}
