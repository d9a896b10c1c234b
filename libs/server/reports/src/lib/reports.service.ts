import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  conversationMetrics,
  elapsedClock,
  type ElapsedClock,
  EMPTY_AGGREGATE,
  reportRows,
  type ReportSummaryView,
  SURVEY_ANSWERS_READER,
  type SurveyAnswer,
  type SurveyAnswersReader,
} from '@throughline/domain';
import { UsersService } from '@throughline/server/auth';
import { QueuesRepository } from '@throughline/server/queues';
import { ConversationHistory, ConversationMetricsRepository, type ReportScope, SlaPolicies } from '@throughline/server/timeline';
import type { ReportSummaryQueryDto } from './reports.dto';

const DAY_MS = 86_400_000;
/** A longer range is a year-over-year question the day and week rows are not made for. */
export const MAX_REPORT_DAYS = 366;
const DEFAULT_REPORT_DAYS = 7;
/** Histories replayed per query while refreshing. */
const REFRESH_BATCH = 2000;

/**
 * The reports. Each conversation's metrics are worked out once from its history by the pure
 * functions of `libs/domain` (service-metrics.ts) and kept in `conversation_metrics` (timeline's
 * `ConversationMetricsRepository`); every request first replays the histories that grew since the
 * last one, then sums up in SQL. Survey answers come from the surveys capability.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly history: ConversationHistory,
    private readonly metrics: ConversationMetricsRepository,
    private readonly slaPolicies: SlaPolicies,
    private readonly users: UsersService,
    private readonly queues: QueuesRepository,
    // Provided by the surveys capability; without it the survey columns count no answers.
    @Inject(SURVEY_ANSWERS_READER) private readonly surveyAnswers: SurveyAnswersReader,
  ) {}

  async summary(query: ReportSummaryQueryDto, now = new Date()): Promise<ReportSummaryView> {
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY_MS);
    if (to <= from) throw new BadRequestException(`to: must be after from (${from.toISOString()})`);
    if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) throw new BadRequestException(`to: a report covers at most ${MAX_REPORT_DAYS} days`);
    const groupBy = query.groupBy ?? 'day';
    const scope: ReportScope = { from, to, queueId: query.queueId, channel: query.channel, agentId: query.agentId };

    await this.refreshMetrics();
    const [{ groups, totals }, answers] = await Promise.all([
      this.metrics.aggregate(this.db.manager, scope, groupBy),
      // Answers to conversations of the range, whenever they were given.
      this.surveyAnswers.answersBetween(from, new Date(Math.max(now.getTime(), to.getTime()) + 1)),
    ]);
    const groupOf = await this.metrics.groupsOf(this.db.manager, scope, groupBy, [...new Set(answers.map((a) => a.conversationId))]);
    const answersByGroup = new Map<string, SurveyAnswer[]>();
    for (const answer of answers) {
      const key = groupOf.get(answer.conversationId);
      if (key !== undefined) answersByGroup.set(key, [...(answersByGroup.get(key) ?? []), answer]);
    }
    const labels = await this.labels(groupBy, [...groups.keys()]);
    const report = reportRows(groups, totals ?? EMPTY_AGGREGATE, answersByGroup, groupBy, { from, to }, (key) => labels.get(key) ?? key);
    return { from: from.toISOString(), to: to.toISOString(), groupBy, ...report };
  }

  /**
   * Replays the histories that grew since the last refresh (all of them the first time, or when
   * an SLA policy or its business hours changed) into `conversation_metrics`, one refresh at a time.
   */
  async refreshMetrics(): Promise<void> {
    await this.db.transaction(async (manager) => {
      const state = await this.metrics.lockRefreshState(manager);
      const through = await this.metrics.transactionStart(manager);
      const { clocks, fingerprint } = await this.clocks(manager, through);
      const changed = await this.history.conversationsChangedSince(manager, state?.clocks === fingerprint ? state.refreshedThrough : null);
      const wallClock = elapsedClock(null);
      for (let i = 0; i < changed.length; i += REFRESH_BATCH) {
        const histories = await this.history.reportHistories(manager, changed.slice(i, i + REFRESH_BATCH));
        await this.metrics.save(
          manager,
          histories.map((h) => ({
            conversationId: h.id,
            metrics: conversationMetrics(h.events, (h.slaPolicyId && clocks.get(h.slaPolicyId)) || wallClock, h.waitingSince),
          })),
        );
      }
      await this.metrics.markRefreshed(manager, through, fingerprint);
    });
  }

  /**
   * The clock of each SLA policy with business hours (its open hours worked out once for the last
   * 400 days), and a fingerprint of them: when it changes, every conversation is measured again.
   */
  private async clocks(manager: EntityManager, now: Date): Promise<{ clocks: Map<string, ElapsedClock>; fingerprint: string }> {
    const hours = new Map((await this.slaPolicies.businessHoursList()).map((h) => [h.id, h]));
    const window = { from: new Date(now.getTime() - 400 * DAY_MS), to: new Date(now.getTime() + DAY_MS) };
    const clocks = new Map<string, ElapsedClock>();
    const parts: string[] = [];
    for (const policy of await this.slaPolicies.policies(manager)) {
      const schedule = policy.businessHoursId ? hours.get(policy.businessHoursId) : undefined;
      parts.push(`${policy.id}:${schedule ? `${schedule.id}@${schedule.updatedAt.toISOString()}` : ''}`);
      if (schedule) clocks.set(policy.id, elapsedClock({ timezone: schedule.timezone, weekly: schedule.weekly, holidays: schedule.holidays }, window));
    }
    return { clocks, fingerprint: parts.sort().join('|') };
  }

  private async labels(groupBy: ReportSummaryView['groupBy'], keys: string[]): Promise<Map<string, string>> {
    if (groupBy === 'agent') return new Map([...(await this.users.namesByIds(keys.filter((k) => k !== 'none'))), ['none', 'Unassigned']]);
    if (groupBy === 'queue') return new Map([...(await this.queues.list()).map((q) => [q.id, q.name] as [string, string]), ['none', 'No queue']]);
    return new Map();
  }
}
