import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AuditApiModule } from '@throughline/server/audit';
import { AuthApiModule } from '@throughline/server/auth';
import { type AppConfig, ConfigModule } from '@throughline/server/config';
import { ChatGatewayModule } from '@throughline/server/chat';
import { ConnectorsApiModule } from '@throughline/server/connectors';
import { ConversationsModule, ConversationsWorkerModule } from '@throughline/server/conversations';
import { CustomersModule } from '@throughline/server/customers';
import { DatabaseModule } from '@throughline/server/database';
import { DeliveryWorkerModule } from '@throughline/server/delivery';
import { HealthModule } from '@throughline/server/health';
import { IngestApiModule, IngestWorkerModule } from '@throughline/server/ingest';
import { InsightsApiModule, InsightsWorkerModule } from '@throughline/server/insights';
import { queuePrefix, QueueModule, redisOptionsFromUrl } from '@throughline/server/queue';
import { PresenceApiModule } from '@throughline/server/presence';
import { QueuesApiModule } from '@throughline/server/queues-admin';
import { RealtimeGatewayModule } from '@throughline/server/realtime';
import { RepliesApiModule } from '@throughline/server/replies';
import { RoutingApiModule, RoutingWorkerModule } from '@throughline/server/routing';
import { SeedModule } from '@throughline/server/seed';
import { SlaApiModule, SlaWorkerModule } from '@throughline/server/sla';
import { SurveysApiModule, SurveysWorkerModule } from '@throughline/server/surveys';
import { ReportsApiModule } from '@throughline/server/reports';
import { SupervisorApiModule } from '@throughline/server/supervisor';
import { TagsModule } from '@throughline/server/tags';

/** The HTTP API: REST, webhooks, the /agents socket namespace. */
@Module({})
export class ApiRootModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiRootModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.databaseUrl),
        QueueModule,
        AuthApiModule,
        HealthModule,
        ConnectorsApiModule,
        CustomersModule,
        ConversationsModule,
        IngestApiModule,
        InsightsApiModule,
        QueuesApiModule,
        RepliesApiModule,
        AuditApiModule,
        RealtimeGatewayModule,
        ChatGatewayModule,
        SeedModule,
        SlaApiModule,
        PresenceApiModule,
        SurveysApiModule,
        RoutingApiModule,
        ReportsApiModule,
        SupervisorApiModule,
        TagsModule,
      ],
    };
  }
}

/** The worker: BullMQ processors and sweepers, no HTTP. */
@Module({})
export class WorkerRootModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerRootModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.databaseUrl),
        QueueModule,
        BullModule.forRoot({ connection: { ...redisOptionsFromUrl(config.redisUrl), maxRetriesPerRequest: null }, prefix: queuePrefix(config.redisPrefix) }),
        IngestWorkerModule,
        DeliveryWorkerModule,
        InsightsWorkerModule,
        ConversationsWorkerModule,
        SlaWorkerModule,
        SurveysWorkerModule,
        RoutingWorkerModule,
      ],
    };
  }
}
