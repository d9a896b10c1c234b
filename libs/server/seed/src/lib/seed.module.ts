import { Module } from '@nestjs/common';
import { ConnectorsModule } from '@throughline/server/connectors';
import { IngestApiModule } from '@throughline/server/ingest';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [ConnectorsModule, IngestApiModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class SeedModule {}
