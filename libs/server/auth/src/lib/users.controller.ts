import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CreatedPersonView, PersonView, ResetLinkView } from '@throughline/domain';
import { CurrentUser, MinRole } from './auth.decorators';
import type { AuthenticatedUser } from './token.service';
import { CreateUserDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Everyone may list (to assign conversations); only admins see disabled people. */
  @Get()
  list(@CurrentUser() viewer: AuthenticatedUser): Promise<PersonView[]> {
    return this.users.list(viewer);
  }

  @MinRole('admin')
  @Post()
  create(@CurrentUser() actor: AuthenticatedUser, @Body() body: CreateUserDto): Promise<CreatedPersonView> {
    return this.users.create(actor, body);
  }

  @MinRole('admin')
  @Patch(':id')
  update(@CurrentUser() actor: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto): Promise<PersonView> {
    return this.users.update(actor, id, body);
  }

  @MinRole('admin')
  @Post(':id/reset-link')
  @HttpCode(200)
  resetLink(@CurrentUser() actor: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ResetLinkView> {
    return this.users.resetLink(actor, id);
  }
}
