import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  clockPauses,
  conversationsMetByAnswer,
  type CustomerWait,
  evaluateSla,
  inheritedWaitingSince,
  matchSlaPolicy,
  type SlaBreach,
  type SlaStatus,
  type SlaTarget,
  type SlaTargetKind,
  slaTargets,
} from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { ConversationEntity } from '@throughline/server/database';
import { ConversationHistory } from './conversation-history.service';
import { SlaPolicies } from './sla-policies.repository';

/** What a refresh changed, for the live warnings. */
export interface SlaChange {
  previousStatus: SlaStatus;
  /** The target that became at risk (ok → at_risk), if one did. */
  warning: { kind: SlaTargetKind; dueAt: string } | null;
  newBreaches: SlaBreach[];
}

const SLA_COLUMNS = [
  'slaPolicyId',
  'slaPolicyName',
  'slaWaitingSince',
  'slaFirstResponseMetAt',
  'firstResponseDueAt',
  'nextResponseDueAt',
  'resolutionDueAt',
  'slaStatus',
  'slaBreaches',
  'slaCheckAt',
] as const;

/**
 * Owner of a conversation's SLA columns: which policy applies, its due times in business time
 * (paused while pending or snoozed, from `conversation_events`), status and breaches. The
 * decisions are the pure functions of `libs/domain` (sla.ts, business-time.ts).
 */
@Injectable()
export class SlaClock {
  constructor(
    private readonly history: ConversationHistory,
    private readonly policies: SlaPolicies,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new conversation of a customer already waiting elsewhere for a first answer starts its clock at that earlier wait. */
  async start(manager: EntityManager, conversation: ConversationEntity): Promise<void> {
    conversation.slaWaitingSince = inheritedWaitingSince(conversation.createdAt, await this.otherWaits(manager, conversation)).waitingSince;
  }

  /**
   * An agent answered the customer: the first response of their other conversations still waiting
   * for one is met too. Returns those conversations, refreshed, to publish after commit.
   */
  async answered(manager: EntityManager, conversation: ConversationEntity, at: Date): Promise<ConversationEntity[]> {
    const met = conversationsMetByAnswer(conversation.id, await this.otherWaits(manager, conversation));
    const touched: ConversationEntity[] = [];
    for (const id of met) {
      const other = await manager.findOneOrFail(ConversationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      other.slaFirstResponseMetAt = at;
      await this.history.record(manager, id, [{ kind: 'first_response', actor: 'system', details: { answeredIn: conversation.id }, at }]);
      await this.refresh(manager, other, at);
      touched.push(other);
    }
    return touched;
  }

  /** Recomputes and stores the conversation's SLA state at `now` (the entity is updated in place). */
  async refresh(manager: EntityManager, conversation: ConversationEntity, now = new Date()): Promise<SlaChange> {
    const previousStatus = conversation.slaStatus ?? 'ok';
    const policy = matchSlaPolicy(
      (await this.policies.policies(manager)).map((p) => ({ ...p, match: { queueId: p.matchQueueId, priority: p.matchPriority, channel: p.matchChannel } })),
      conversation,
    );
    if (!policy) {
      Object.assign(conversation, {
        slaPolicyId: null,
        slaPolicyName: null,
        firstResponseDueAt: null,
        nextResponseDueAt: null,
        resolutionDueAt: null,
        slaStatus: 'ok',
        slaCheckAt: null,
      });
      await this.save(manager, conversation);
      return { previousStatus, warning: null, newBreaches: [] };
    }
    conversation.slaWaitingSince ??= conversation.createdAt;
    const firstResponseMet = conversation.firstResponseAt !== null || conversation.slaFirstResponseMetAt !== null;
    const targets = slaTargets({
      policy,
      schedule: policy.businessHoursId ? await this.policies.schedule(manager, policy.businessHoursId) : null,
      pauses: clockPauses(await this.history.statusChanges(manager, conversation.id)),
      waitingSince: conversation.slaWaitingSince,
      openedAt: conversation.createdAt,
      firstResponseMet,
      awaitingReplySince: firstResponseMet ? await this.history.awaitingReplySince(manager, conversation.id) : null,
      resolved: conversation.status === 'resolved',
      atRiskShare: this.config.slaAtRiskShare,
    });
    // A target that stopped running after its due time (answered late) was still missed.
    const stopped: SlaTarget[] = [
      { kind: 'first_response' as const, dueAt: conversation.firstResponseDueAt, warnAt: null },
      { kind: 'next_response' as const, dueAt: conversation.nextResponseDueAt, warnAt: null },
      { kind: 'resolution' as const, dueAt: conversation.resolutionDueAt, warnAt: null },
    ].filter((t) => !targets.some((running) => running.kind === t.kind));
    const recorded = [...(conversation.slaBreaches ?? [])];
    const late = evaluateSla(stopped, now, recorded).newBreaches;
    const evaluation = evaluateSla(targets, now, [...recorded, ...late]);
    const due = (kind: SlaTargetKind) => targets.find((t) => t.kind === kind)?.dueAt ?? null;
    Object.assign(conversation, {
      slaPolicyId: policy.id,
      slaPolicyName: policy.name,
      firstResponseDueAt: due('first_response'),
      nextResponseDueAt: due('next_response'),
      resolutionDueAt: due('resolution'),
      slaStatus: evaluation.status,
      slaBreaches: [...recorded, ...late, ...evaluation.newBreaches],
      slaCheckAt: evaluation.checkAt,
    });
    await this.save(manager, conversation);
    const warned =
      evaluation.status === 'at_risk' && previousStatus === 'ok' ? targets.find((t) => t.warnAt && t.warnAt <= now && t.dueAt && t.dueAt > now) : undefined;
    return {
      previousStatus,
      warning: warned?.dueAt ? { kind: warned.kind, dueAt: warned.dueAt.toISOString() } : null,
      newBreaches: [...late, ...evaluation.newBreaches],
    };
  }

  private async save(manager: EntityManager, conversation: ConversationEntity): Promise<void> {
    await manager.update(ConversationEntity, { id: conversation.id }, Object.fromEntries(SLA_COLUMNS.map((column) => [column, conversation[column]])));
  }

  private async otherWaits(manager: EntityManager, conversation: ConversationEntity): Promise<CustomerWait[]> {
    const rows = (await manager.query(
      `SELECT id, status, sla_waiting_since, (first_response_at IS NOT NULL OR sla_first_response_met_at IS NOT NULL) AS met
         FROM conversations WHERE customer_id = $1 AND id <> $2 AND status <> 'resolved'`,
      [conversation.customerId, conversation.id],
    )) as Array<{ id: string; status: CustomerWait['status']; sla_waiting_since: Date | null; met: boolean }>;
    return rows.map((r) => ({ id: r.id, status: r.status, waitingSince: r.sla_waiting_since, firstResponseMet: r.met }));
  }
}
