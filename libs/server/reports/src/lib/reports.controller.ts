import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { reportCsv, type ReportSummaryView } from '@throughline/domain';
import { MinRole } from '@throughline/server/auth';
import { ReportSummaryQueryDto } from './reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@MinRole('supervisor')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiOperation({
    summary:
      'Volume, response and resolution times, SLA met, reopen rate, contacts per issue, CSAT, CES and NPS of the conversations created in [from, to), grouped',
  })
  summary(@Query() query: ReportSummaryQueryDto): Promise<ReportSummaryView> {
    return this.reports.summary(query);
  }

  @Get('summary.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="throughline-report.csv"')
  @ApiOperation({ summary: 'The same report as CSV: a header row, one row per group, then the totals' })
  async summaryCsv(@Query() query: ReportSummaryQueryDto): Promise<string> {
    return reportCsv(await this.reports.summary(query));
  }
}
