import { Module } from '@nestjs/common';
import { TimelineEvents } from './timeline-events.service';
import { TimelineWriter } from './timeline-writer.service';

@Module({ providers: [TimelineWriter, TimelineEvents], exports: [TimelineWriter, TimelineEvents] })
export class TimelineModule {}
