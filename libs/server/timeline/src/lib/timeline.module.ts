import { Module } from '@nestjs/common';
import { QueuesModule } from '@throughline/server/queues';
import { ConversationActivity } from './conversation-activity.service';
import { ConversationStats } from './conversation-stats.repository';
import { ConversationHistory } from './conversation-history.service';
import { ConversationMetricsRepository } from './conversation-metrics.repository';
import { MessageViews } from './message-views.service';
import { SlaClock } from './sla-clock.service';
import { SlaPolicies } from './sla-policies.repository';
import { TagsRepository } from './tags.repository';
import { TimelineEntries } from './timeline-entries.service';
import { TimelineEvents } from './timeline-events.service';
import { TimelineWriter } from './timeline-writer.service';

const PROVIDERS = [
  TimelineWriter,
  TimelineEvents,
  MessageViews,
  ConversationHistory,
  SlaPolicies,
  SlaClock,
  ConversationActivity,
  ConversationMetricsRepository,
  TimelineEntries,
  ConversationStats,
  TagsRepository,
];

@Module({ imports: [QueuesModule], providers: PROVIDERS, exports: PROVIDERS })
export class TimelineModule {}
