import { BadRequestException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { checkSurveyAnswer, SURVEY_LIMITS, surveyAnswerLine, type SurveyAnswerInput, surveyOpen, type SurveySettingsView } from '@throughline/domain';
import { ConversationEntity, type SurveyEntity } from '@throughline/server/database';
import { TimelineEntries, TimelineEvents } from '@throughline/server/timeline';
import { SurveySettingsRepository } from './survey-settings.repository';
import { SURVEY_TOKEN, surveyTokenHash } from './survey-tokens';
import { SurveysRepository } from './surveys.repository';

export interface OpenSurvey {
  survey: SurveyEntity;
  settings: SurveySettingsView;
  /** Answers are taken until then. */
  closesAt: Date;
}

/** Records a customer's answers (from the survey page, its JSON API or the chat widget) and shows them on the timeline. */
@Injectable()
export class SurveyAnswers {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly surveys: SurveysRepository,
    private readonly settings: SurveySettingsRepository,
    private readonly entries: TimelineEntries,
    private readonly events: TimelineEvents,
  ) {}

  /** 404 for a token that is not a survey's, 410 once the survey no longer takes answers. */
  async open(token: string, now = new Date()): Promise<OpenSurvey> {
    const survey = SURVEY_TOKEN.test(token) ? await this.surveys.findByTokenHash(surveyTokenHash(token)) : null;
    if (!survey) throw new NotFoundException('token: no survey has this link');
    return this.stillOpen(survey, now);
  }

  async answer(token: string, answer: SurveyAnswerInput, now = new Date()): Promise<SurveyEntity> {
    const { survey } = await this.open(token, now);
    return this.record(survey, answer, now);
  }

  /**
   * The 1–5 rating a chat visitor gave inside the widget, for the survey message `messageId` of
   * their conversation; earlier answers to the other questions stay.
   */
  async answerInline(conversationId: string, messageId: string, csat: number, now = new Date()): Promise<SurveyEntity> {
    const survey = await this.surveys.findByMessage(conversationId, messageId);
    if (!survey) throw new NotFoundException('messageId: no survey of this conversation was sent in this message');
    await this.stillOpen(survey, now);
    const kept = { ces: survey.ces ?? undefined, nps: survey.nps ?? undefined, comment: survey.comment ?? undefined };
    return this.record(survey, { ...kept, csat }, now);
  }

  private async stillOpen(survey: SurveyEntity, now: Date): Promise<OpenSurvey> {
    if (!surveyOpen(survey.sentAt, now)) throw new GoneException(`token: this survey took answers for ${SURVEY_LIMITS.answerWindowDays} days and is closed`);
    const closesAt = new Date(survey.sentAt.getTime() + SURVEY_LIMITS.answerWindowDays * 24 * 3600 * 1000);
    return { survey, settings: await this.settings.get(), closesAt };
  }

  private async record(survey: SurveyEntity, answer: SurveyAnswerInput, now: Date): Promise<SurveyEntity> {
    const problem = checkSurveyAnswer(survey.kinds, answer);
    if (problem) throw new BadRequestException(`${problem.field}: ${problem.message}`);
    const { saved, line, conversation } = await this.db.transaction(async (manager) => {
      const locked = await this.surveys.lockById(manager, survey.id);
      await this.surveys.saveAnswer(manager, survey.id, answer, now);
      const conversation = await manager.getRepository(ConversationEntity).findOneOrFail({ where: { id: survey.conversationId } });
      const line = await this.entries.systemLine(manager, conversation, {
        text: surveyAnswerLine(answer, locked.answeredAt !== null),
        metadata: { event: 'survey.answered', surveyId: survey.id, csat: answer.csat ?? null, ces: answer.ces ?? null, nps: answer.nps ?? null },
        at: now,
      });
      return { saved: await this.surveys.lockById(manager, survey.id), line, conversation };
    });
    await this.events.messageCreated(line, conversation);
    return saved;
  }
}
