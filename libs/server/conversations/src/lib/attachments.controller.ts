import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { Repository } from 'typeorm';
import { AttachmentEntity } from '@throughline/server/database';

/** Types a browser may show inline without running anything; everything else is a download. */
const SAFE_INLINE = /^(image\/(png|jpeg|gif|webp|bmp)|application\/pdf|text\/plain)$/i;

/** RFC 6266 filename: ASCII fallback plus the UTF-8 original. */
function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('attachments')
export class AttachmentsController {
  constructor(@InjectRepository(AttachmentEntity) private readonly attachments: Repository<AttachmentEntity>) {}

  /**
   * Any signed-in agent may download (agents see every conversation). The sender chose the bytes,
   * so the response never lets the browser run them: no sniffing, a sandboxing CSP, and only
   * harmless types inline.
   */
  @Get(':id')
  @ApiQuery({ name: 'inline', required: false, description: 'true: show images and PDFs in the browser instead of downloading' })
  async download(@Param('id', ParseUUIDPipe) id: string, @Query('inline') inline: string | undefined, @Res() res: Response): Promise<void> {
    const attachment = await this.attachments.findOne({ where: { id } });
    if (!attachment) throw new NotFoundException(`attachment ${id} not found`);
    const showInline = inline === 'true' && SAFE_INLINE.test(attachment.contentType);
    res.setHeader('Content-Type', SAFE_INLINE.test(attachment.contentType) ? attachment.contentType : 'application/octet-stream');
    res.setHeader('Content-Length', String(attachment.content.length));
    res.setHeader('Content-Disposition', contentDisposition(showInline ? 'inline' : 'attachment', attachment.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.end(attachment.content);
  }
}
