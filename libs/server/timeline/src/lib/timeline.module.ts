import { Module } from '@nestjs/common';
import { QueuesModule } from '@throughline/server/queues';
import { MessageViews } from './message-views.service';
import { TimelineEvents } from './timeline-events.service';
import { TimelineWriter } from './timeline-writer.service';

@Module({ imports: [QueuesModule], providers: [TimelineWriter, TimelineEvents, MessageViews], exports: [TimelineWriter, TimelineEvents, MessageViews] })
export class TimelineModule {}
