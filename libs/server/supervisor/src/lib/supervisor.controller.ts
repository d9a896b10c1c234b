import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SupervisorOverview } from '@throughline/domain';
import { MinRole } from '@throughline/server/auth';
import { SupervisorOverviewService } from './supervisor-overview.service';

@ApiTags('supervisor')
@ApiBearerAuth()
@Controller('supervisor')
export class SupervisorController {
  constructor(private readonly overview: SupervisorOverviewService) {}

  /** The wallboard now; afterwards it arrives as `supervisor.overview` on the `/agents` socket. */
  @Get('overview')
  @MinRole('supervisor')
  get(): Promise<SupervisorOverview> {
    return this.overview.overview();
  }
}
