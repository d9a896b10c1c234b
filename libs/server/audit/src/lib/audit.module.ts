import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLog } from './audit-log.repository';

/** The audit log's writer, for every capability that records changes. */
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditModule {}

/** GET /api/audit-log. */
@Module({ imports: [AuditModule], controllers: [AuditLogController] })
export class AuditApiModule {}
