import { Module } from '@nestjs/common';
import { ConnectorsModule } from '@throughline/server/connectors';
import { IngestApiModule } from '@throughline/server/ingest';
import { InsightsApiModule } from '@throughline/server/insights';
import { TimelineModule } from '@throughline/server/timeline';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [ConnectorsModule, IngestApiModule, InsightsApiModule, TimelineModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class SeedModule {}
