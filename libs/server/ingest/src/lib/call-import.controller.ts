import { BadRequestException, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { MinRole } from '@throughline/server/auth';
import { CALL_IMPORT_MAX_BYTES, type CallImportResult, CallImportService } from './call-import.service';

/** The part of a multer upload we read. */
interface UploadedCsv {
  buffer: Buffer;
}

@ApiTags('connectors')
@ApiBearerAuth()
@MinRole('admin')
@Controller('connectors')
export class CallImportController {
  constructor(private readonly imports: CallImportService) {}

  /**
   * An Asterisk `Master.csv`, as the raw body (`text/csv`) or as the `file` field of a
   * multipart upload. Answers what was imported and, by line, what was not.
   */
  @Post(':id/calls/import')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: CALL_IMPORT_MAX_BYTES, files: 1 } }))
  importCalls(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: { body?: unknown },
    @UploadedFile() file: UploadedCsv | undefined,
  ): Promise<CallImportResult> {
    const csv = file ? file.buffer.toString('utf8') : typeof req.body === 'string' ? req.body : '';
    if (!csv.trim()) throw new BadRequestException('send the CDR file as a text/csv body or as the "file" field of a multipart/form-data upload');
    return this.imports.importCdr(id, csv);
  }
}
