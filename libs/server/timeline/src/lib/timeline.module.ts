import { Module } from '@nestjs/common';
import { MessageViews } from './message-views.service';
import { TimelineEvents } from './timeline-events.service';
import { TimelineWriter } from './timeline-writer.service';

@Module({ providers: [TimelineWriter, TimelineEvents, MessageViews], exports: [TimelineWriter, TimelineEvents, MessageViews] })
export class TimelineModule {}
