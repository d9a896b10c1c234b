import { Module } from '@nestjs/common';
import { ConnectorsModule } from '@throughline/server/connectors';
import { IngestApiModule } from '@throughline/server/ingest';
import { InsightsApiModule } from '@throughline/server/insights';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [ConnectorsModule, IngestApiModule, InsightsApiModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class SeedModule {}
