import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { type EntityManager, In, IsNull, type Repository } from 'typeorm';
import {
  isProviderOfKind,
  type ConnectorProvidersView,
  type ConnectorTestView,
  type ConnectorView,
  type CreatedConnectorView,
  type RawEventView,
  type RotatedSecretView,
} from '@throughline/domain';
import { AuditLog } from '@throughline/server/audit';
import type { OutboundPolicy } from '@throughline/channels/outbound';
import { APP_CONFIG, type AppConfig, outboundPolicyOf, SecretBox } from '@throughline/server/config';
import { ConnectorEntity, QueueEntity, RawEventEntity } from '@throughline/server/database';
import { JobProducer, QueueName, STUCK_AFTER } from '@throughline/server/queue';
import { connectorProviderViews } from './connector-fields';
import { PROVIDERS, type ProviderSpec } from './connector-providers';
import type { CreateConnectorDto, UpdateConnectorDto } from './connector.dto';

export function toRawEventView(e: RawEventEntity): RawEventView {
  return {
    id: e.id,
    connectorId: e.connectorId,
    externalId: e.externalId,
    status: e.status,
    error: e.error,
    attempts: e.attempts,
    receivedAt: e.receivedAt.toISOString(),
    processedAt: e.processedAt?.toISOString() ?? null,
  };
}

const STUCK_LIMIT = 500;

/** One message per problem, naming the field by its path in the request (`config.smtp.host: …`). */
function configProblems(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string[] {
  return issues.map((i) => `config.${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}

/** What the audit log keeps of a connector: its settings and the names of its secrets, never their values (keys named "secret…" would be redacted whole). */
function auditedState(c: ConnectorEntity): Record<string, unknown> {
  return { name: c.name, provider: c.provider, queueId: c.queueId, config: c.config, storedCredentials: c.secretNames };
}

@Injectable()
export class ConnectorsService {
  private readonly logger = new Logger(ConnectorsService.name);
  private readonly providerViews = connectorProviderViews();

  constructor(
    @InjectRepository(ConnectorEntity) private readonly connectors: Repository<ConnectorEntity>,
    @InjectRepository(QueueEntity) private readonly queues: Repository<QueueEntity>,
    @InjectRepository(RawEventEntity) private readonly rawEvents: Repository<RawEventEntity>,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly box: SecretBox,
    private readonly jobs: JobProducer,
  ) {}

  toView(c: ConnectorEntity): ConnectorView {
    const spec = PROVIDERS[c.provider];
    return {
      id: c.id,
      name: c.name,
      kind: c.kind,
      provider: c.provider,
      queueId: c.queueId,
      config: c.config,
      secretNames: c.secretNames,
      enabled: c.enabled,
      health: c.health,
      lastEventAt: c.lastEventAt?.toISOString() ?? null,
      lastError: c.lastError,
      webhookUrls: Object.fromEntries((spec?.webhookPaths ?? []).map((path) => [path, `${this.config.publicUrl}/api/hooks/${c.id}/${path}`])),
      previousSecretValidUntil: this.inGrace(c) ? (c.previousSecretsExpireAt?.toISOString() ?? null) : null,
      createdAt: c.createdAt.toISOString(),
    };
  }

  /** What the console's "New connector" form is generated from. */
  providers(): ConnectorProvidersView {
    return { publicUrl: this.config.publicUrl, providers: this.providerViews };
  }

  list(): Promise<ConnectorEntity[]> {
    return this.connectors.find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<ConnectorEntity> {
    const connector = await this.connectors.findOne({ where: { id, deletedAt: IsNull() } });
    if (!connector) throw new NotFoundException(`connector ${id} not found`);
    return connector;
  }

  /** Decrypted secrets; server-side use only. */
  /** The outbound guard (SSRF) for every connection to a host or URL from connector settings. */
  outboundPolicy(): OutboundPolicy {
    return outboundPolicyOf(this.config);
  }

  secretsOf(connector: ConnectorEntity): Record<string, string> {
    return connector.secretsSealed ? this.box.open(connector.secretsSealed) : {};
  }

  /**
   * The values a signature or HMAC may be checked against: the current secret, and during a
   * rotation's grace period the one it replaced. Empty values are left out (they verify nothing).
   */
  verifyingSecrets(connector: ConnectorEntity, name: string): string[] {
    const previous = this.inGrace(connector) && connector.previousSecretsSealed ? this.box.open(connector.previousSecretsSealed)[name] : undefined;
    return [this.secretsOf(connector)[name], previous].filter((value): value is string => Boolean(value));
  }

  /** The connector, its row locked until the transaction ends: edits and rotations of one connector take turns. */
  private async locked(manager: EntityManager, id: string): Promise<ConnectorEntity> {
    const connector = await manager.findOne(ConnectorEntity, { where: { id, deletedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (!connector) throw new NotFoundException(`connector ${id} not found`);
    return connector;
  }

  private inGrace(connector: ConnectorEntity): boolean {
    return connector.previousSecretsExpireAt !== null && connector.previousSecretsExpireAt.getTime() > Date.now();
  }

  /**
   * Replaces the generated secret (signing or identity) with a new one, returned this once. The old
   * one is kept sealed and still verifies for `graceSeconds`, so senders can switch without losing events.
   */
  async rotateSecret(id: string, graceSeconds: number, actorId: string): Promise<RotatedSecretView> {
    const { saved, secretName, secret } = await this.connectors.manager.transaction(async (manager) => {
      // Locked: two rotations at once must not both keep the same old secret as "previous".
      const connector = await this.locked(manager, id);
      const name = this.spec(connector.provider).generatedSecret;
      if (!name) {
        throw new BadRequestException(
          `provider: ${connector.provider} connectors have no generated secret to rotate; replace their secrets by editing the connector`,
        );
      }
      const secrets = this.secretsOf(connector);
      const fresh = randomBytes(32).toString('base64url');
      connector.previousSecretsSealed = graceSeconds > 0 && secrets[name] ? this.box.seal({ [name]: secrets[name] }) : null;
      connector.previousSecretsExpireAt = connector.previousSecretsSealed ? new Date(Date.now() + graceSeconds * 1000) : null;
      connector.secretsSealed = this.box.seal({ ...secrets, [name]: fresh });
      connector.secretNames = Object.keys({ ...secrets, [name]: fresh }).sort();
      return { saved: await manager.save(connector), secretName: name, secret: fresh };
    });
    const previousValidUntil = saved.previousSecretsExpireAt?.toISOString() ?? null;
    await this.audit.record({
      actorId,
      action: 'connector.secret_rotated',
      entity: 'connector',
      entityId: id,
      details: { rotated: secretName, graceSeconds, previousValidUntil },
    });
    return { connector: this.toView(saved), secretName, secret, previousValidUntil };
  }

  async create(
    dto: CreateConnectorDto,
    actorId: string | null,
    fixed?: { id: string; signingSecret: string; generatedConfig?: Record<string, unknown> },
  ): Promise<CreatedConnectorView> {
    if (!isProviderOfKind(dto.kind, dto.provider)) {
      throw new BadRequestException(`provider: '${dto.provider}' is not a provider of kind '${dto.kind}'`);
    }
    const spec = this.spec(dto.provider);
    const secrets = { ...(dto.secrets ?? {}) };
    // Every problem at once, each naming its field, so a form can show them all beside their fields.
    const parsed = spec.config.safeParse(dto.config ?? {});
    const problems = [
      ...(parsed.success ? [] : configProblems(parsed.error.issues)),
      ...spec.requiredSecrets.filter((name) => !secrets[name]).map((name) => `secrets.${name}: is required`),
    ];
    if (problems.length || !parsed.success) throw new BadRequestException(problems);
    const config = { ...parsed.data, ...(spec.generatedConfig ? (fixed?.generatedConfig ?? spec.generatedConfig()) : {}) };
    await this.assertQueue(dto.queueId);
    if (spec.ownsAddress) await this.assertAddressFree(config, null);
    const signingSecret = spec.generatedSecret ? (fixed?.signingSecret ?? randomBytes(32).toString('base64url')) : null;
    if (spec.generatedSecret && signingSecret) secrets[spec.generatedSecret] = signingSecret;
    const saved = await this.connectors.save(
      this.connectors.create({
        id: fixed?.id,
        name: dto.name,
        kind: dto.kind,
        provider: dto.provider,
        queueId: dto.queueId ?? null,
        config,
        secretsSealed: this.box.seal(secrets),
        secretNames: Object.keys(secrets).sort(),
      }),
    );
    await this.audit.record({ actorId, action: 'connector.created', entity: 'connector', entityId: saved.id, after: auditedState(saved) });
    await this.syncPoller(saved);
    return { ...this.toView(saved), signingSecret };
  }

  async update(id: string, dto: UpdateConnectorDto, actorId: string): Promise<ConnectorView> {
    // Under the row lock a rotation takes too: saving a copy read before it would put the old secret back.
    const { saved, before, wasEnabled } = await this.connectors.manager.transaction(async (manager) => {
      const connector = await this.locked(manager, id);
      const spec = this.spec(connector.provider);
      const state = { before: auditedState(connector), wasEnabled: connector.enabled };
      if (dto.name !== undefined) connector.name = dto.name;
      if (dto.queueId !== undefined) {
        await this.assertQueue(dto.queueId);
        connector.queueId = dto.queueId;
      }
      if (dto.config !== undefined) {
        connector.config = { ...this.validConfig(spec, dto.config), ...this.generatedConfigOf(spec, connector.config) };
        if (spec.ownsAddress) await this.assertAddressFree(connector.config, connector.id);
      }
      if (dto.enabled !== undefined) connector.enabled = dto.enabled;
      if (dto.secrets !== undefined) {
        const secrets = { ...this.secretsOf(connector), ...dto.secrets };
        connector.secretsSealed = this.box.seal(secrets);
        connector.secretNames = Object.keys(secrets).sort();
      }
      return { ...state, saved: await manager.save(connector) };
    });
    if (wasEnabled !== saved.enabled) {
      await this.audit.record({ actorId, action: saved.enabled ? 'connector.enabled' : 'connector.disabled', entity: 'connector', entityId: id });
    }
    const edited = Object.keys(dto).filter((key) => key !== 'enabled');
    if (edited.length) {
      // Secret values never reach the log: their names only, and the audit view redacts secret-looking config keys.
      const replaced = Object.keys(dto.secrets ?? {});
      await this.audit.record({
        actorId,
        action: 'connector.updated',
        entity: 'connector',
        entityId: id,
        before,
        after: auditedState(saved),
        details: { fields: edited, ...(replaced.length && { credentialsReplaced: replaced }) },
      });
    }
    await this.syncPoller(saved);
    return this.toView(saved);
  }

  /** Soft delete: history that came through the connector stays; its webhooks stop answering. */
  async remove(id: string, actorId: string): Promise<void> {
    const connector = await this.get(id);
    connector.deletedAt = new Date();
    connector.enabled = false;
    await this.connectors.save(connector);
    await this.audit.record({ actorId, action: 'connector.deleted', entity: 'connector', entityId: id, before: auditedState(connector) });
    await this.syncPoller(connector);
  }

  /** Logs in to the servers the connector uses and reports each step in an admin's words. */
  async test(id: string, actorId: string): Promise<ConnectorTestView> {
    const connector = await this.get(id);
    const spec = this.spec(connector.provider);
    if (!spec.check)
      return {
        ok: true,
        checks: [{ ok: true, stage: 'ok', message: `${connector.provider} connectors receive events by webhook; there is nothing to log in to` }],
      };
    const checks = await spec.check(connector.config, this.secretsOf(connector), this.outboundPolicy());
    const ok = checks.every((c) => c.ok);
    if (ok) await this.connectors.update({ id }, { health: 'ok', lastError: null });
    else
      await this.recordFailure(
        id,
        `connection test: ${checks
          .filter((c) => !c.ok)
          .map((c) => c.message)
          .join('; ')}`,
      );
    await this.audit.record({ actorId, action: 'connector.tested', entity: 'connector', entityId: id, details: { ok } });
    return { ok, checks };
  }

  /** The live chat widget connector with this public key (disabled ones too: the caller says why it refuses). */
  findByWidgetKey(connectorKey: string): Promise<ConnectorEntity | null> {
    return this.connectors
      .createQueryBuilder('c')
      .where("c.provider = 'widget' AND c.deleted_at IS NULL AND c.config->>'connectorKey' = :connectorKey", { connectorKey })
      .getOne();
  }

  /** The live email connector that owns an address (inbound SMTP routing). */
  findByAddress(address: string): Promise<ConnectorEntity | null> {
    return this.connectors
      .createQueryBuilder('c')
      .where("c.kind = 'email' AND c.deleted_at IS NULL AND lower(c.config->>'address') = :address", { address: address.toLowerCase() })
      .getOne();
  }

  /** Every connector that should be polled, for workers to re-create schedulers Redis may have lost. */
  async pollable(): Promise<Array<{ connector: ConnectorEntity; everyMs: number }>> {
    const all = await this.connectors.find({ where: { deletedAt: IsNull(), enabled: true } });
    return all.flatMap((connector) => {
      const everyMs = PROVIDERS[connector.provider]?.pollEveryMs?.(connector.config);
      return everyMs ? [{ connector, everyMs }] : [];
    });
  }

  /** Starts, changes or stops the connector's poll schedule; Redis being down only delays it. */
  private async syncPoller(connector: ConnectorEntity): Promise<void> {
    const everyMs = PROVIDERS[connector.provider]?.pollEveryMs?.(connector.config);
    if (!everyMs) return;
    try {
      if (connector.enabled && !connector.deletedAt) await this.jobs.schedulePoll(connector.id, everyMs);
      else await this.jobs.unschedulePoll(connector.id);
    } catch (err) {
      this.logger.warn(`could not update the poll schedule of connector ${connector.id}; workers will on start: ${(err as Error).message}`);
    }
  }

  private async assertAddressFree(config: Record<string, unknown>, exceptId: string | null): Promise<void> {
    const owner = await this.findByAddress(String(config['address']));
    if (owner && owner.id !== exceptId) {
      throw new ConflictException(`config.address: ${String(config['address'])} already belongs to connector "${owner.name}" (${owner.id})`);
    }
  }

  async events(id: string, status?: RawEventView['status']): Promise<RawEventView[]> {
    await this.get(id);
    const events = await this.rawEvents.find({
      where: { connectorId: id, ...(status ? { status } : {}) },
      order: { receivedAt: 'DESC' },
      take: 200,
      // The payload can be megabytes; the list only needs the bookkeeping.
      select: { id: true, connectorId: true, externalId: true, status: true, error: true, attempts: true, receivedAt: true, processedAt: true },
    });
    return events.map(toRawEventView);
  }

  /**
   * Raw events an admin should look at, across connectors, oldest first: failed ones, and those
   * still pending or queued after STUCK_AFTER (the sweeper and the job retries had their chance).
   */
  async stuckEvents(connectorId?: string): Promise<RawEventView[]> {
    const rows = (await this.rawEvents.query(
      `SELECT id FROM raw_events
        WHERE (status = 'failed' OR (status IN ('pending', 'queued') AND received_at < now() - interval '${STUCK_AFTER}'))
          AND ($1::uuid IS NULL OR connector_id = $1)
        ORDER BY received_at LIMIT ${STUCK_LIMIT}`,
      [connectorId ?? null],
    )) as Array<{ id: string }>;
    if (!rows.length) return [];
    const events = await this.rawEvents.find({
      where: { id: In(rows.map((r) => r.id)) },
      order: { receivedAt: 'ASC' },
      select: { id: true, connectorId: true, externalId: true, status: true, error: true, attempts: true, receivedAt: true, processedAt: true },
    });
    return events.map(toRawEventView);
  }

  /** Puts a failed event back through ingest, e.g. after fixing the connector's configuration. */
  async retryEvent(connectorId: string, eventId: string, actorId: string): Promise<RawEventView> {
    const event = await this.rawEvents.findOne({ where: { id: eventId, connectorId } });
    if (!event) throw new NotFoundException(`event ${eventId} not found on connector ${connectorId}`);
    if (event.status !== 'failed') throw new ConflictException(`event ${eventId} is ${event.status}, only failed events can be retried`);
    await this.requeueEvent(eventId);
    await this.audit.record({ actorId, action: 'raw_event.retried', entity: 'raw_event', entityId: eventId, details: { connectorId } });
    return toRawEventView(await this.rawEvents.findOneByOrFail({ id: eventId }));
  }

  /** Every failed or stuck event of the connector goes through ingest again (ingest is idempotent, so a live one is not doubled). */
  async retryStuckEvents(connectorId: string, actorId: string): Promise<{ retried: number }> {
    await this.get(connectorId);
    const stuck = await this.stuckEvents(connectorId);
    for (const event of stuck) await this.requeueEvent(event.id);
    await this.audit.record({ actorId, action: 'raw_event.retried_all', entity: 'connector', entityId: connectorId, details: { count: stuck.length } });
    return { retried: stuck.length };
  }

  private async requeueEvent(eventId: string): Promise<void> {
    await this.rawEvents.update({ id: eventId, status: 'failed' }, { status: 'pending', error: null, attempts: 0 });
    if ((await this.jobs.requeue(QueueName.Ingest, 'ingest', { rawEventId: eventId }, eventId)) !== 'unreachable') {
      await this.rawEvents.update({ id: eventId, status: In(['pending', 'queued']) }, { status: 'queued', queuedAt: new Date() });
    }
  }

  /** A successful read of a polled connector clears the failure shown to admins. */
  async recordHealthy(connectorId: string): Promise<void> {
    await this.connectors.update({ id: connectorId }, { health: 'ok', lastError: null });
  }

  /** Shown on the connector in the admin screen until the next healthy event. */
  async recordFailure(connectorId: string, error: string): Promise<void> {
    await this.connectors.update({ id: connectorId }, { lastError: error.slice(0, 1000), lastErrorAt: new Date(), health: 'failing' });
  }

  private spec(provider: string): ProviderSpec {
    const spec = PROVIDERS[provider as keyof typeof PROVIDERS];
    if (!spec) throw new BadRequestException(`provider: '${provider}' is not available on this server yet`);
    return spec;
  }

  /** Generated values survive a config update: an admin cannot change or drop them by editing the config. */
  private generatedConfigOf(spec: ProviderSpec, stored: Record<string, unknown>): Record<string, unknown> {
    if (!spec.generatedConfig) return {};
    return Object.fromEntries(Object.keys(spec.generatedConfig()).map((key) => [key, stored[key]]));
  }

  private validConfig(spec: ProviderSpec, config: Record<string, unknown>): Record<string, unknown> {
    const result = spec.config.safeParse(config);
    if (!result.success) throw new BadRequestException(configProblems(result.error.issues));
    return result.data;
  }

  private async assertQueue(queueId: string | undefined | null): Promise<void> {
    if (queueId && !(await this.queues.exists({ where: { id: queueId } }))) {
      throw new BadRequestException(`queueId: queue ${queueId} does not exist`);
    }
  }
}
