import { Injectable } from '@nestjs/common';
import type { ConversationEntity } from '@throughline/server/database';
import { JobProducer } from '@throughline/server/queue';
import { SurveySettingsRepository } from './survey-settings.repository';

/**
 * Called after a resolution is committed: schedules the survey job for when the delay ends. Whether
 * it is still wanted (reopened? surveyed already?) is decided when the job runs, not here.
 */
@Injectable()
export class SurveyScheduler {
  constructor(
    private readonly settings: SurveySettingsRepository,
    private readonly jobs: JobProducer,
  ) {}

  async conversationResolved(conversation: Pick<ConversationEntity, 'id' | 'resolvedAt'>): Promise<boolean> {
    if (!conversation.resolvedAt) return false;
    const settings = await this.settings.get();
    if (!settings.csat.enabled && !settings.ces.enabled && !settings.nps.enabled) return false;
    const dueAt = conversation.resolvedAt.getTime() + settings.csat.delaySeconds * 1000;
    return this.jobs.tryScheduleSurvey({ conversationId: conversation.id, resolvedAt: conversation.resolvedAt.toISOString() }, dueAt - Date.now());
  }
}
