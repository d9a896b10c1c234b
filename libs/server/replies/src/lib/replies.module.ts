import { Module } from '@nestjs/common';
import { AuditModule } from '@throughline/server/audit';
import { CannedResponsesController } from './canned-responses.controller';
import { CannedResponsesRepository } from './canned-responses.repository';
import { CannedResponsesService } from './canned-responses.service';

/** /api/canned-responses. */
@Module({ imports: [AuditModule], controllers: [CannedResponsesController], providers: [CannedResponsesRepository, CannedResponsesService] })
export class RepliesApiModule {}
