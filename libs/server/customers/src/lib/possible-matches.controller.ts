import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PossibleMatchView } from '@throughline/domain';
import { PossibleMatchesService } from './possible-matches.service';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers/:id/possible-matches')
export class PossibleMatchesController {
  constructor(private readonly matches: PossibleMatchesService) {}

  /** Customers who may be the same person; merge one with POST /api/customers/:id/merge { otherCustomerId: candidate.id }. */
  @Get()
  list(@Param('id', ParseUUIDPipe) id: string): Promise<PossibleMatchView[]> {
    return this.matches.list(id);
  }

  @Post(':matchId/dismiss')
  @HttpCode(204)
  dismiss(@Param('id', ParseUUIDPipe) id: string, @Param('matchId', ParseUUIDPipe) matchId: string): Promise<void> {
    return this.matches.dismiss(id, matchId);
  }
}
