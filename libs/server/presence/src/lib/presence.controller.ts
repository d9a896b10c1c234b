import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AgentPresenceView } from '@throughline/domain';
import { type AuthenticatedUser, CurrentUser, MinRole, UsersService } from '@throughline/server/auth';
import { ChoosePresenceDto } from './presence.dto';
import { PresenceService } from './presence.service';

@ApiTags('presence')
@ApiBearerAuth()
@Controller()
export class PresenceController {
  constructor(
    private readonly presence: PresenceService,
    private readonly users: UsersService,
  ) {}

  /** The signed-in agent's own status (for the header toggle). */
  @Get('me/presence')
  async own(@CurrentUser() user: AuthenticatedUser): Promise<AgentPresenceView> {
    return (await this.presence.statuses([user.id])).get(user.id) as AgentPresenceView;
  }

  /** The signed-in agent goes away (takes no new work) or comes back online. */
  @Put('me/presence')
  chooseOwn(@Body() body: ChoosePresenceDto, @CurrentUser() user: AuthenticatedUser): Promise<AgentPresenceView> {
    return this.presence.choose(user.id, body.status);
  }

  /** Every active person's status now. */
  @Get('presence')
  @MinRole('supervisor')
  async list(@CurrentUser() viewer: AuthenticatedUser): Promise<AgentPresenceView[]> {
    const people = (await this.users.list(viewer)).filter((person) => person.status !== 'disabled');
    const statuses = await this.presence.statuses(people.map((person) => person.id));
    return people.map((person) => statuses.get(person.id) as AgentPresenceView);
  }

  /** A supervisor sets an agent away (so routing passes them by) or back online. */
  @Put('presence/:userId')
  @MinRole('supervisor')
  async choose(@Param('userId', ParseUUIDPipe) userId: string, @Body() body: ChoosePresenceDto): Promise<AgentPresenceView> {
    const user = await this.users.findById(userId);
    if (!user || user.disabled) throw new NotFoundException(`userId: no active user ${userId}`);
    return this.presence.choose(userId, body.status);
  }
}
