import { BadRequestException, Controller, Headers, HttpCode, Param, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { ConnectorProvider } from '@throughline/domain';
import { SIGNATURE_HEADER, verifySignature } from '@throughline/channels/generic';
import { Public } from '@throughline/server/auth';
import type { ConnectorEntity } from '@throughline/server/database';
import { connectorIdPipe, HookIntake, type HookRequest, rawBody } from './hook-intake.service';
import type { AcceptedRawEvent } from './raw-events.service';

@ApiTags('webhooks')
@Public()
@Controller('hooks')
export class HooksController {
  constructor(private readonly intake: HookIntake) {}

  @Post(':connectorId/generic')
  @HttpCode(202)
  @ApiHeader({ name: 'X-Throughline-Signature', description: 'sha256=<hex HMAC-SHA256 of the raw body under the signing secret>' })
  async generic(
    @Param('connectorId', connectorIdPipe) connectorId: string,
    @Req() req: HookRequest,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
  ): Promise<AcceptedRawEvent> {
    const connector = await this.signedConnector(connectorId, 'generic', req, signature);
    return this.intake.ingest(connector, rawBody(req), String(req.headers['content-type'] ?? 'application/json'));
  }

  /** Raw RFC 5322 mail forwarded by a mail provider, signed like the generic webhook. */
  @Post(':connectorId/email')
  @HttpCode(202)
  @ApiConsumes('message/rfc822')
  @ApiHeader({ name: 'X-Throughline-Signature', description: 'sha256=<hex HMAC-SHA256 of the raw mail under the signing secret>' })
  async email(
    @Param('connectorId', connectorIdPipe) connectorId: string,
    @Req() req: HookRequest,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
  ): Promise<AcceptedRawEvent> {
    const contentType = String(req.headers['content-type'] ?? '');
    if (!/^message\/rfc822\b/i.test(contentType)) {
      throw new UnsupportedMediaTypeException(`send the raw mail with Content-Type: message/rfc822 (got ${contentType || 'none'})`);
    }
    const connector = await this.signedConnector(connectorId, 'mime', req, signature);
    if (!rawBody(req).length) throw new BadRequestException('the body is empty; send the raw RFC 5322 mail');
    return this.intake.ingest(connector, rawBody(req), 'message/rfc822');
  }

  private async signedConnector(id: string, provider: ConnectorProvider, req: HookRequest, signature: string | undefined): Promise<ConnectorEntity> {
    const connector = await this.intake.connectorFor(id, provider);
    if (!this.intake.verifyingSecrets(connector, 'signingSecret').some((secret) => verifySignature(rawBody(req), signature, secret))) {
      await this.intake.refuse(connector, "X-Throughline-Signature is missing or does not match the body signed with this connector's secret");
    }
    return connector;
  }
}
