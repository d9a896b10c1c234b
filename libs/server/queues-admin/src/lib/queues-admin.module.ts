import { Module } from '@nestjs/common';
import { AuditModule } from '@throughline/server/audit';
import { QueuesModule } from '@throughline/server/queues';
import { QueuesController, TeamsController } from './queues.controller';
import { QueuesService } from './queues.service';
import { TeamsService } from './teams.service';

/** /api/queues and /api/teams. */
@Module({ imports: [QueuesModule, AuditModule], controllers: [QueuesController, TeamsController], providers: [QueuesService, TeamsService] })
export class QueuesApiModule {}
