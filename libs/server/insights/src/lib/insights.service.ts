import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type ChannelKind, type InsightsView, type MessageDirection, rooms } from '@throughline/domain';
import {
  type ConversationInsights,
  type ConversationInsightsInput,
  type CrossSellContext,
  conversationInsights,
  DEFAULT_HISTORY_OPTIONS,
  type HistoryConversation,
  type HistoryMessage,
  type Product,
} from '@throughline/insights';
import { ConversationEntity, ConversationInsightEntity } from '@throughline/server/database';
import { RealtimePublisher } from '@throughline/server/queue';
import { EmpathyPhrasesService } from './empathy-phrases.service';

/** A dismissed product is not suggested to that customer again for this long. */
const DECLINED_DAYS = 30;
/** The newest messages of the customer's timeline that the history is read from. */
const MAX_HISTORY_MESSAGES = 2000;
const DAY_MS = 86_400_000;

interface MessageRow {
  conversation_id: string;
  channel: ChannelKind;
  provider: string | null;
  direction: MessageDirection;
  occurred_at: Date;
  text: string;
}

interface ConversationRow {
  id: string;
  status: string;
  subject: string | null;
  created_at: Date;
  resolved_at: Date | null;
  last_sentiment: number | null;
}

/**
 * Computes a conversation's insights from the customer's whole timeline and the catalog, stores
 * them with the suggestions shown, and pushes them to the agents who have the conversation open.
 */
@Injectable()
export class InsightsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly publisher: RealtimePublisher,
    private readonly phrases: EmpathyPhrasesService,
  ) {}

  /** The stored insights (without suggestions dismissed since), or computed now if the enrich job has not run yet. */
  async get(conversationId: string): Promise<InsightsView> {
    const stored = await this.db.getRepository(ConversationInsightEntity).findOne({ where: { conversationId } });
    if (!stored) return this.compute(conversationId, null);
    const ids = stored.payload.suggestions.map((suggestion) => suggestion.id);
    const dismissed = new Set(
      ((await this.db.query(`SELECT id FROM suggestions WHERE id = ANY($1) AND status = 'dismissed'`, [ids])) as Array<{ id: string }>).map((row) => row.id),
    );
    return { ...stored.payload, suggestions: stored.payload.suggestions.filter((suggestion) => !dismissed.has(suggestion.id)) };
  }

  /** `messageId`: the inbound message that triggered the computation, null when asked for. */
  async compute(conversationId: string, messageId: string | null): Promise<InsightsView> {
    const view = await this.db.transaction(async (manager) => {
      // One computation per conversation at a time, so the last one stored has read every message.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`insights:${conversationId}`]);
      const conversation = await manager.findOne(ConversationEntity, { where: { id: conversationId } });
      if (!conversation) throw new NotFoundException(`conversation ${conversationId} not found`);
      const insights = conversationInsights(await this.inputFor(manager, conversation));
      const computedAt = new Date();
      const result = await this.viewWithSuggestionIds(manager, conversation, insights, { messageId, computedAt: computedAt.toISOString() });
      await manager.upsert(ConversationInsightEntity, { conversationId, messageId, payload: result, computedAt }, ['conversationId']);
      return result;
    });
    this.publisher.publish('insights.updated', { conversationId, insights: view }, [rooms.conversation(conversationId)]);
    return view;
  }

  private async inputFor(manager: EntityManager, conversation: ConversationEntity): Promise<ConversationInsightsInput> {
    const now = new Date();
    const since = new Date(now.getTime() - DEFAULT_HISTORY_OPTIONS.negativeLookbackDays * DAY_MS);
    const customerIds = [
      conversation.customerId,
      ...((await manager.query(`SELECT id FROM customers WHERE merged_into = $1`, [conversation.customerId])) as Array<{ id: string }>).map((row) => row.id),
    ];
    const messages = (
      (await manager.query(
        `SELECT m.conversation_id, m.channel, c.provider, m.direction, m.occurred_at, coalesce(nullif(m.stripped_text, ''), m.text) AS text
         FROM messages m LEFT JOIN connectors c ON c.id = m.connector_id
         WHERE m.customer_id = ANY($1) AND m.conversation_id IS NOT NULL AND m.direction IN ('inbound', 'outbound')
           AND (m.occurred_at >= $2 OR m.conversation_id = $3)
         ORDER BY m.occurred_at DESC LIMIT ${MAX_HISTORY_MESSAGES}`,
        [customerIds, since, conversation.id],
      )) as MessageRow[]
    ).reverse();
    const conversations = (await manager.query(
      `SELECT c.id, c.status, c.subject, c.created_at, c.resolved_at, (ci.payload->'sentiment'->>'score')::float8 AS last_sentiment
       FROM conversations c LEFT JOIN conversation_insights ci ON ci.conversation_id = c.id
       WHERE c.customer_id = ANY($1) AND (c.last_message_at >= $2 OR c.status <> 'resolved' OR c.id = $3)`,
      [customerIds, since, conversation.id],
    )) as ConversationRow[];
    return {
      now,
      conversationId: conversation.id,
      contacts: messages.map(toHistoryMessage),
      conversations: conversations.map(toHistoryConversation),
      phrases: await this.phrases.active(),
      crossSell: await this.crossSellContext(manager, customerIds),
    };
  }

  /** Undefined without a catalog: no suggestions, though timing is still decided. */
  private async crossSellContext(manager: EntityManager, customerIds: string[]): Promise<CrossSellContext | undefined> {
    const products = (await manager.query(
      `SELECT sku, name, description, tags, price::float8 AS price, upgrade_of AS "upgradeOf" FROM products ORDER BY sku`,
    )) as Product[];
    if (!products.length) return undefined;
    const owned = (
      (await manager.query(`SELECT DISTINCT l.sku FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.customer_id = ANY($1)`, [
        customerIds,
      ])) as Array<{ sku: string }>
    ).map((row) => row.sku);
    const declinedRecently = (
      (await manager.query(
        `SELECT DISTINCT sku FROM suggestions WHERE customer_id = ANY($1) AND status = 'dismissed' AND decided_at >= now() - make_interval(days => $2)`,
        [customerIds, DECLINED_DAYS],
      )) as Array<{ sku: string }>
    ).map((row) => row.sku);
    const associations = await manager.query(
      `SELECT antecedent, consequent, count, support, confidence, lift FROM product_associations WHERE antecedent = ANY($1)`,
      [owned],
    );
    return { products, owned, declinedRecently, associations };
  }

  /** Records the suggestions shown (one row per product per conversation) and puts their ids in the view. */
  private async viewWithSuggestionIds(
    manager: EntityManager,
    conversation: ConversationEntity,
    insights: ConversationInsights,
    extras: { messageId: string | null; computedAt: string },
  ): Promise<InsightsView> {
    const suggestions: InsightsView['suggestions'] = [];
    for (const suggestion of insights.suggestions) {
      const [row] = (await manager.query(
        `INSERT INTO suggestions (conversation_id, customer_id, sku, score, reasons) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (conversation_id, sku) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons, updated_at = now()
         RETURNING id`,
        [conversation.id, conversation.customerId, suggestion.sku, suggestion.score, suggestion.reasons],
      )) as Array<{ id: string }>;
      suggestions.push({ id: row.id, sku: suggestion.sku, name: suggestion.name, score: suggestion.score, reasons: suggestion.reasons });
    }
    return {
      sentiment: insights.sentiment,
      emotions: insights.emotions.map(({ label, score, evidence }) => ({ label, score, evidence })),
      prompts: insights.prompts,
      suggestions,
      ...(insights.suppressed && { suppressed: insights.suppressed }),
      guidance: insights.guidance,
      history: insights.history.map(({ kind, reason }) => ({ kind, reason })),
      moodTurned: insights.moodTurned,
      ...extras,
    };
  }
}

/** Social messages are named by platform ("then tweeted"); other channels by kind. */
function toHistoryMessage(row: MessageRow): HistoryMessage {
  return {
    conversationId: row.conversation_id,
    channel: row.channel === 'social' && row.provider ? row.provider : row.channel,
    direction: row.direction,
    at: row.occurred_at,
    text: row.text,
  };
}

function toHistoryConversation(row: ConversationRow): HistoryConversation {
  return {
    id: row.id,
    status: row.status,
    subject: row.subject,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
    ...(row.last_sentiment !== null && { lastSentiment: row.last_sentiment }),
  };
}
