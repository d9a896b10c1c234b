import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { AcceptedSuggestionView, InsightsReportView, SuggestionView } from '@throughline/domain';
import { pitchFor, rates } from '@throughline/insights';
import { ProductEntity, PromptUseEntity, SuggestionEntity } from '@throughline/server/database';

const toView = (row: SuggestionEntity): SuggestionView => ({
  id: row.id,
  conversationId: row.conversationId,
  customerId: row.customerId,
  sku: row.sku,
  score: row.score,
  reasons: row.reasons,
  status: row.status,
  dismissReason: row.dismissReason,
  convertedOrderId: row.convertedOrderId,
  createdAt: row.createdAt.toISOString(),
});

/** What agents did with insights: suggestions accepted or dismissed, prompts inserted; and the rates that follow. */
@Injectable()
export class FeedbackService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(SuggestionEntity) private readonly suggestions: Repository<SuggestionEntity>,
    @InjectRepository(ProductEntity) private readonly products: Repository<ProductEntity>,
    @InjectRepository(PromptUseEntity) private readonly promptUses: Repository<PromptUseEntity>,
  ) {}

  /** Accepting twice is harmless (same pitch); accepting a dismissed suggestion is a conflict. */
  async accept(id: string, userId: string): Promise<AcceptedSuggestionView> {
    const suggestion = await this.decide(id, userId, 'accepted', null);
    const product = await this.products.findOne({ where: { sku: suggestion.sku } });
    return { suggestion: toView(suggestion), pitch: pitchFor(product ?? { name: suggestion.sku, description: '' }) };
  }

  async dismiss(id: string, userId: string, reason: string): Promise<SuggestionView> {
    return toView(await this.decide(id, userId, 'dismissed', reason.trim()));
  }

  async recordPromptUse(conversationId: string, promptId: string, userId: string): Promise<{ id: string; promptId: string; createdAt: string }> {
    const [conversation] = (await this.db.query(`SELECT id FROM conversations WHERE id = $1`, [conversationId])) as unknown[];
    if (!conversation) throw new NotFoundException(`conversation ${conversationId} not found`);
    const [phrase] = (await this.db.query(`SELECT id FROM empathy_phrases WHERE id = $1`, [promptId])) as unknown[];
    if (!phrase) throw new NotFoundException(`empathy phrase ${promptId} not found`);
    const use = await this.promptUses.save(this.promptUses.create({ conversationId, promptId, userId }));
    return { id: use.id, promptId: use.promptId, createdAt: use.createdAt.toISOString() };
  }

  async report(days: number): Promise<InsightsReportView> {
    const since = new Date(Date.now() - days * 86_400_000);
    const [counts] = (await this.db.query(
      `SELECT
         (SELECT count(*) FROM conversation_insights WHERE computed_at >= $1)::int AS conversations,
         (SELECT count(DISTINCT conversation_id) FROM suggestions WHERE created_at >= $1)::int AS "conversationsWithSuggestions",
         count(*)::int AS shown,
         (count(*) FILTER (WHERE status = 'accepted'))::int AS accepted,
         (count(*) FILTER (WHERE status = 'dismissed'))::int AS dismissed,
         (count(*) FILTER (WHERE converted_order_id IS NOT NULL))::int AS converted,
         (SELECT count(*) FROM prompt_uses WHERE created_at >= $1)::int AS "promptUses"
       FROM suggestions WHERE created_at >= $1`,
      [since],
    )) as Array<Omit<InsightsReportView, 'days' | 'since' | 'suggestionRate' | 'acceptanceRate' | 'conversionRate'>>;
    return { days, since: since.toISOString(), ...counts, ...rates(counts) };
  }

  private async decide(id: string, userId: string, status: 'accepted' | 'dismissed', dismissReason: string | null): Promise<SuggestionEntity> {
    const suggestion = await this.suggestions.findOne({ where: { id } });
    if (!suggestion) throw new NotFoundException(`suggestion ${id} not found`);
    if (suggestion.status !== 'shown' && suggestion.status !== status) {
      throw new ConflictException(`suggestion ${id} was already ${suggestion.status}`);
    }
    Object.assign(suggestion, { status, dismissReason, decidedBy: userId, decidedAt: new Date() });
    return this.suggestions.save(suggestion);
  }
}
