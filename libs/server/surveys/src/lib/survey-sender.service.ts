import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { decideSurvey, isAngry, surveyInvitationText } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { ConversationEntity, type MessageEntity } from '@throughline/server/database';
import { InsightsService } from '@throughline/server/insights';
import { JobProducer, type SurveyJobData } from '@throughline/server/queue';
import { ConversationHistory, TimelineEntries, TimelineEvents } from '@throughline/server/timeline';
import { SurveySettingsRepository } from './survey-settings.repository';
import { surveyToken, surveyTokenHash } from './survey-tokens';
import { SurveysRepository } from './surveys.repository';

export type SurveyOutcome = { sent: string } | { waitUntil: Date } | { skipped: string };

/**
 * The survey job's work: decides again with what is true now (`decideSurvey`), then stores the
 * survey and its message in one transaction and hands the message to delivery like any reply.
 */
@Injectable()
export class SurveySender {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly surveys: SurveysRepository,
    private readonly settings: SurveySettingsRepository,
    private readonly history: ConversationHistory,
    private readonly entries: TimelineEntries,
    private readonly events: TimelineEvents,
    private readonly insights: InsightsService,
    private readonly jobs: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(job: SurveyJobData, now = new Date()): Promise<SurveyOutcome> {
    const resolvedAt = new Date(job.resolvedAt);
    // Outside the transaction: computing insights that are missing takes its own.
    const mood = await this.insights.get(job.conversationId).catch(() => null);
    const done = await this.db.transaction(async (manager) => {
      // A reopen (or another job for this conversation) waits until this one is decided.
      const conversation = await manager.getRepository(ConversationEntity).findOne({ where: { id: job.conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation) return { outcome: { skipped: 'the conversation was deleted' } };
      // Two conversations of one customer resolved at once must not both ask NPS.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`survey-nps:${conversation.customerId}`]);
      const settings = await this.settings.get(manager);
      const lastInbound = await this.entries.lastInbound(manager, conversation.id);
      const decision = decideSurvey({
        settings,
        resolvedAt,
        conversation,
        alreadySurveyed: await this.surveys.existsFor(manager, conversation.id),
        lastNpsAt: await this.surveys.lastNpsAt(manager, conversation.customerId),
        customerAngry: isAngry(mood),
        agentAnswered: await this.history.agentAnswered(manager, conversation.id),
        lastInboundChannel: lastInbound?.channel ?? null,
        now,
      });
      if (!decision.send) return { outcome: 'waitUntil' in decision ? { waitUntil: decision.waitUntil } : { skipped: decision.reason } };
      const id = randomUUID();
      const survey = await this.surveys.insertOnce(manager, {
        id,
        conversationId: conversation.id,
        customerId: conversation.customerId,
        assigneeId: conversation.assigneeId,
        queueId: conversation.queueId,
        channel: lastInbound?.channel ?? conversation.channel,
        connectorId: lastInbound?.connectorId ?? null,
        delivery: decision.delivery,
        kinds: decision.kinds,
        tokenHash: surveyTokenHash(surveyToken(this.config.secretsKey, id)),
        resolvedAt,
        sentAt: now,
      });
      if (!survey) return { outcome: { skipped: 'this conversation was surveyed already' } };
      const message = await this.entries.automatedMessage(manager, conversation, {
        connectorId: survey.connectorId,
        channel: survey.channel,
        text: surveyInvitationText(settings, decision.kinds, decision.delivery),
        metadata: { survey: { surveyId: id, kinds: decision.kinds, delivery: decision.delivery } },
        at: now,
      });
      await this.surveys.setMessage(manager, id, message.id);
      return { outcome: { sent: id }, message, conversation };
    });
    if ('message' in done && done.message) await this.deliver(done.message, done.conversation);
    return done.outcome;
  }

  /** A message whose job cannot be queued now stays pending for the delivery sweeper. */
  private async deliver(message: MessageEntity, conversation: ConversationEntity): Promise<void> {
    await this.events.messageCreated(message, conversation);
    await this.jobs.tryEnqueueDeliver({ messageId: message.id });
  }
}
