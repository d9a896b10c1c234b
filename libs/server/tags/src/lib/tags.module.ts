import { Module } from '@nestjs/common';
import { AuditModule } from '@throughline/server/audit';
import { TimelineModule } from '@throughline/server/timeline';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

/** /api/tags: the list everyone reads and admins manage. Conversations' own tags are set under /api/conversations. */
@Module({ imports: [TimelineModule, AuditModule], controllers: [TagsController], providers: [TagsService] })
export class TagsModule {}
