import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CannedResponseView } from '@throughline/domain';
import { type AuthenticatedUser, CurrentUser } from '@throughline/server/auth';
import { CreateCannedResponseDto, UpdateCannedResponseDto } from './canned-responses.dto';
import { CannedResponsesService } from './canned-responses.service';

/** Every signed-in user: the service decides who may change what (shared: supervisors and admins; personal: the owner). */
@ApiTags('canned responses')
@ApiBearerAuth()
@Controller('canned-responses')
export class CannedResponsesController {
  constructor(private readonly responses: CannedResponsesService) {}

  /** The shared ones and the requesting user's own. */
  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<CannedResponseView[]> {
    return this.responses.list(user);
  }

  @Post()
  create(@Body() body: CreateCannedResponseDto, @CurrentUser() user: AuthenticatedUser): Promise<CannedResponseView> {
    return this.responses.create(body, user);
  }

  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateCannedResponseDto, @CurrentUser() user: AuthenticatedUser): Promise<CannedResponseView> {
    return this.responses.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.responses.remove(id, user);
  }
}
