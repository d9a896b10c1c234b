import { Module } from '@nestjs/common';
import { TimelineModule } from '@throughline/server/timeline';
import { SlaController } from './sla.controller';
import { SlaSettings } from './sla-settings.service';
import { SlaSweeper } from './sla-sweeper.service';

/** In the API: business hours and SLA policies. */
@Module({ imports: [TimelineModule], controllers: [SlaController], providers: [SlaSettings] })
export class SlaApiModule {}

/** In the worker: SLA warnings and breaches as the clock runs. */
@Module({ imports: [TimelineModule], providers: [SlaSweeper] })
export class SlaWorkerModule {}
