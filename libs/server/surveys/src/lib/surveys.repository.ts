import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { SurveyAnswer, SurveyAnswerInput, SurveyAnswersReader } from '@throughline/domain';
import { SurveyEntity } from '@throughline/server/database';

export type NewSurvey = Omit<SurveyEntity, 'answeredAt' | 'csat' | 'ces' | 'nps' | 'comment' | 'createdAt' | 'updatedAt' | 'messageId'>;

/** The owner of `surveys`; also what the reports read (`SURVEY_ANSWERS_READER`). */
@Injectable()
export class SurveysRepository implements SurveyAnswersReader {
  constructor(@InjectRepository(SurveyEntity) private readonly surveys: Repository<SurveyEntity>) {}

  /**
   * Inserts the conversation's survey, or returns null when it has one already: the unique
   * constraint decides between concurrent resolutions and duplicate jobs.
   */
  async insertOnce(manager: EntityManager, survey: NewSurvey): Promise<SurveyEntity | null> {
    const inserted = await manager.createQueryBuilder().insert().into(SurveyEntity).values(survey).orIgnore().returning('*').execute();
    const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
    return id ? manager.getRepository(SurveyEntity).findOneByOrFail({ id }) : null;
  }

  async setMessage(manager: EntityManager, surveyId: string, messageId: string): Promise<void> {
    await manager.getRepository(SurveyEntity).update({ id: surveyId }, { messageId });
  }

  async existsFor(manager: EntityManager, conversationId: string): Promise<boolean> {
    return manager.getRepository(SurveyEntity).exists({ where: { conversationId } });
  }

  /** When the customer was last sent an NPS question, on any conversation. */
  async lastNpsAt(manager: EntityManager, customerId: string): Promise<Date | null> {
    const [row] = (await manager.query(`SELECT max(sent_at) AS at FROM surveys WHERE customer_id = $1 AND 'nps' = ANY(kinds)`, [customerId])) as Array<{
      at: Date | null;
    }>;
    return row?.at ?? null;
  }

  findByMessage(conversationId: string, messageId: string): Promise<SurveyEntity | null> {
    return this.surveys.findOne({ where: { conversationId, messageId } });
  }

  findByTokenHash(tokenHash: string): Promise<SurveyEntity | null> {
    return this.surveys.findOne({ where: { tokenHash } });
  }

  /** Locks the survey row for an answer, so two answers at once are applied one after the other. */
  lockById(manager: EntityManager, id: string): Promise<SurveyEntity> {
    return manager.getRepository(SurveyEntity).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async saveAnswer(manager: EntityManager, id: string, answer: SurveyAnswerInput, at: Date): Promise<void> {
    await manager
      .getRepository(SurveyEntity)
      .update({ id }, { csat: answer.csat ?? null, ces: answer.ces ?? null, nps: answer.nps ?? null, comment: answer.comment?.trim() || null, answeredAt: at });
  }

  /** Resolutions due (resolved + delay) between an hour and a minute ago that have no survey: the sweeper checks their job exists. */
  async resolvedWithoutSurvey(delaySeconds: number): Promise<Array<{ id: string; resolvedAt: Date }>> {
    const rows = (await this.surveys.query(
      `SELECT c.id, c.resolved_at FROM conversations c
        WHERE c.status = 'resolved'
          AND c.resolved_at BETWEEN now() - interval '1 hour' - make_interval(secs => $1) AND now() - interval '1 minute' - make_interval(secs => $1)
          AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.conversation_id = c.id)
        ORDER BY c.resolved_at LIMIT 200`,
      [delaySeconds],
    )) as Array<{ id: string; resolved_at: Date }>;
    return rows.map((r) => ({ id: r.id, resolvedAt: r.resolved_at }));
  }

  async answersBetween(from: Date, to: Date): Promise<SurveyAnswer[]> {
    const rows = await this.surveys
      .createQueryBuilder('s')
      .select(['s.conversationId', 's.csat', 's.ces', 's.nps', 's.answeredAt'])
      .where('s.answered_at >= :from AND s.answered_at < :to', { from, to })
      .orderBy('s.answered_at', 'ASC')
      .getMany();
    return rows.map((s) => ({ conversationId: s.conversationId, csat: s.csat, ces: s.ces, nps: s.nps, answeredAt: s.answeredAt as Date }));
  }
}
