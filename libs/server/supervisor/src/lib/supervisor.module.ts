import { Module } from '@nestjs/common';
import { AuthModule } from '@throughline/server/auth';
import { IngestApiModule } from '@throughline/server/ingest';
import { PresenceModule } from '@throughline/server/presence';
import { QueuesModule } from '@throughline/server/queues';
import { TimelineModule } from '@throughline/server/timeline';
import { SupervisorController } from './supervisor.controller';
import { SupervisorOverviewService } from './supervisor-overview.service';
import { SupervisorPush } from './supervisor-push.service';

/** For the HTTP API: the wallboard's route and its push to supervisors. */
@Module({
  imports: [AuthModule, PresenceModule, QueuesModule, TimelineModule, IngestApiModule],
  controllers: [SupervisorController],
  providers: [SupervisorOverviewService, SupervisorPush],
})
export class SupervisorApiModule {}
