import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TagView } from '@throughline/domain';
import { type AuthenticatedUser, CurrentUser, MinRole } from '@throughline/server/auth';
import { CreateTagDto, UpdateTagDto } from './tags.dto';
import { TagsService } from './tags.service';

@ApiTags('tags')
@ApiBearerAuth()
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  /** Every tag, by name: what the tag picker and the inbox filter offer. */
  @Get()
  list(): Promise<TagView[]> {
    return this.tags.list();
  }

  /** 409 when a tag of this name exists, whatever its case. */
  @Post()
  @MinRole('admin')
  create(@Body() body: CreateTagDto, @CurrentUser() user: AuthenticatedUser): Promise<TagView> {
    return this.tags.create(body, user.id);
  }

  @Patch(':id')
  @MinRole('admin')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateTagDto, @CurrentUser() user: AuthenticatedUser): Promise<TagView> {
    return this.tags.update(id, body, user.id);
  }

  /** Takes it off every conversation too. */
  @Delete(':id')
  @HttpCode(204)
  @MinRole('admin')
  remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.tags.remove(id, user.id);
  }
}
