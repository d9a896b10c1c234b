import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CHOSEN_AGENT_STATUSES, type ChosenAgentStatus } from '@throughline/domain';

export class ChoosePresenceDto {
  @ApiProperty({ enum: CHOSEN_AGENT_STATUSES, description: 'offline follows from closing the console, it cannot be chosen' })
  @IsIn(CHOSEN_AGENT_STATUSES, { message: `status must be one of ${CHOSEN_AGENT_STATUSES.join(', ')}` })
  status!: ChosenAgentStatus;
}
