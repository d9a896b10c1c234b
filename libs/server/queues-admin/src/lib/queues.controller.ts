import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { QueueView, TeamView } from '@throughline/domain';
import { type AuthenticatedUser, CurrentUser, MinRole } from '@throughline/server/auth';
import { CreateQueueDto, CreateTeamDto, UpdateQueueDto, UpdateTeamDto } from './queues.dto';
import { QueuesService } from './queues.service';
import { TeamsService } from './teams.service';

@ApiTags('queues')
@ApiBearerAuth()
@Controller('queues')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  /** Every queue, archived ones flagged, with named members, teams and the effective members. */
  @Get()
  list(): Promise<QueueView[]> {
    return this.queues.list();
  }

  @Post()
  @MinRole('supervisor')
  create(@Body() body: CreateQueueDto, @CurrentUser() user: AuthenticatedUser): Promise<QueueView> {
    return this.queues.create(body, user.id);
  }

  @Patch(':id')
  @MinRole('supervisor')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateQueueDto, @CurrentUser() user: AuthenticatedUser): Promise<QueueView> {
    return this.queues.update(id, body, user.id);
  }

  /** 409 while the queue has conversations (archive it instead) or connectors point at it. */
  @Delete(':id')
  @HttpCode(204)
  @MinRole('supervisor')
  remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.queues.remove(id, user.id);
  }
}

@ApiTags('queues')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  list(): Promise<TeamView[]> {
    return this.teams.list();
  }

  @Post()
  @MinRole('supervisor')
  create(@Body() body: CreateTeamDto, @CurrentUser() user: AuthenticatedUser): Promise<TeamView> {
    return this.teams.create(body, user.id);
  }

  @Patch(':id')
  @MinRole('supervisor')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateTeamDto, @CurrentUser() user: AuthenticatedUser): Promise<TeamView> {
    return this.teams.update(id, body, user.id);
  }
}
