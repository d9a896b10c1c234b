import { aggregateConversation } from './conversation/aggregate-conversation';
import { AssociationRule } from './crosssell/associations';
import { Product } from './crosssell/catalog';
import { ScoredSuggestions, scoreSuggestions } from './crosssell/score-suggestions';
import { crossSellTiming } from './crosssell/timing';
import { analyzeText, EmotionReading } from './emotions/analyze-text';
import { EmotionModel } from './emotions/emotion-model';
import { analyzeHistory, HistoryInput, HistorySignal } from './history/analyze-history';
import { ChosenPrompt, choosePrompts } from './prompts/choose-prompts';
import { EmpathyPhrase } from './prompts/empathy-phrases';
import { Sentiment } from './sentiment/sentiment';

export interface CrossSellContext {
  products: readonly Product[];
  associations: readonly AssociationRule[];
  owned: readonly string[];
  declinedRecently: readonly string[];
}

export interface ConversationInsightsInput extends Omit<HistoryInput, 'currentConversationId'> {
  conversationId: string;
  /** Omit when there is no catalog: no suggestions, but timing is still decided. */
  crossSell?: CrossSellContext;
  phrases?: readonly EmpathyPhrase[];
  model?: EmotionModel;
  /** How many of the customer's latest inbound messages in the conversation describe what they want. */
  recentMessages?: number;
}

/** The insights contract (docs/architecture.md, "Contracts"; suggestion ids are the server's), plus guidance and the history signals behind the prompts. */
export interface ConversationInsights extends ScoredSuggestions {
  sentiment: Sentiment;
  emotions: EmotionReading[];
  moodTurned: boolean;
  prompts: ChosenPrompt[];
  guidance: ChosenPrompt[];
  history: HistorySignal[];
}

/** Everything the insights panel shows for one conversation, from the customer's timeline and the catalog. */
export function conversationInsights(input: ConversationInsightsInput): ConversationInsights {
  const inbound = input.contacts.filter((message) => message.conversationId === input.conversationId && message.direction === 'inbound' && message.text);
  const mood = aggregateConversation(
    inbound.map((message) => ({
      at: message.at,
      feelings: analyzeText(message.text ?? '', input.model),
    })),
  );
  const history = analyzeHistory({
    ...input,
    currentConversationId: input.conversationId,
  });
  const { prompts, guidance } = choosePrompts({
    feelings: mood,
    history: history.signals,
    phrases: input.phrases,
  });
  const timing = crossSellTiming({ mood, history });
  const recentText = [...inbound]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(-(input.recentMessages ?? 5))
    .map((message) => message.text ?? '');
  const crossSell: ScoredSuggestions = input.crossSell
    ? scoreSuggestions({ ...input.crossSell, customerText: recentText, timing })
    : {
        suggestions: [],
        ...(timing.suppressed && { suppressed: { reason: timing.reason } }),
      };
  return {
    sentiment: mood.sentiment,
    emotions: mood.emotions,
    moodTurned: mood.turned,
    prompts,
    guidance,
    history: history.signals,
    ...crossSell,
  };
}
