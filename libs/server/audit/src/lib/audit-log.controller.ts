import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditEntryView, Page } from '@throughline/domain';
import { MinRole } from '@throughline/server/auth';
import { AuditLogQueryDto } from './audit-log.dto';
import { AuditLog } from './audit-log.repository';

@ApiTags('audit log')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLog) {}

  /** Who changed what and when, newest first, secrets redacted. */
  @Get()
  @MinRole('admin')
  list(@Query() query: AuditLogQueryDto): Promise<Page<AuditEntryView>> {
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) throw new BadRequestException('to: must be after from');
    return this.audit.page(query);
  }
}
