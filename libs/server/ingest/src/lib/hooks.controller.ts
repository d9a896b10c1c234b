import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import { InvalidPayloadError, type ConnectorProvider } from '@throughline/domain';
import { SIGNATURE_HEADER, verifySignature } from '@throughline/channels/generic';
import { Public } from '@throughline/server/auth';
import { ConnectorsService } from '@throughline/server/connectors';
import type { ConnectorEntity } from '@throughline/server/database';
import { webhooksReceived } from '@throughline/server/health';
import { type AcceptedRawEvent, RawEventsService } from './raw-events.service';

interface HookRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** Bodies under /api/hooks arrive as raw Buffers (see the API bootstrap) so signatures cover the exact bytes. */
function rawBody(req: { body?: unknown }): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

@ApiTags('webhooks')
@Public()
@Controller('hooks')
export class HooksController {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly rawEvents: RawEventsService,
  ) {}

  @Post(':connectorId/generic')
  @HttpCode(202)
  @ApiHeader({ name: 'X-Throughline-Signature', description: 'sha256=<hex HMAC-SHA256 of the raw body under the signing secret>' })
  async generic(
    @Param('connectorId', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('no such connector') })) connectorId: string,
    @Req() req: HookRequest,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
  ): Promise<AcceptedRawEvent> {
    const connector = await this.signedConnector(connectorId, 'generic', req, signature);
    return this.ingest(connector, rawBody(req), String(req.headers['content-type'] ?? 'application/json'));
  }

  /** Raw RFC 5322 mail forwarded by a mail provider, signed like the generic webhook. */
  @Post(':connectorId/email')
  @HttpCode(202)
  @ApiConsumes('message/rfc822')
  @ApiHeader({ name: 'X-Throughline-Signature', description: 'sha256=<hex HMAC-SHA256 of the raw mail under the signing secret>' })
  async email(
    @Param('connectorId', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('no such connector') })) connectorId: string,
    @Req() req: HookRequest,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
  ): Promise<AcceptedRawEvent> {
    const contentType = String(req.headers['content-type'] ?? '');
    if (!/^message\/rfc822\b/i.test(contentType)) {
      throw new UnsupportedMediaTypeException(`send the raw mail with Content-Type: message/rfc822 (got ${contentType || 'none'})`);
    }
    const connector = await this.signedConnector(connectorId, 'mime', req, signature);
    if (!rawBody(req).length) throw new BadRequestException('the body is empty; send the raw RFC 5322 mail');
    return this.ingest(connector, rawBody(req), 'message/rfc822');
  }

  private async signedConnector(id: string, provider: ConnectorProvider, req: HookRequest, signature: string | undefined): Promise<ConnectorEntity> {
    const connector = await this.connectorFor(id, provider);
    if (!verifySignature(rawBody(req), signature, this.connectors.secretsOf(connector)['signingSecret'] ?? '')) {
      webhooksReceived.inc({ provider, outcome: 'rejected_signature' });
      await this.connectors.recordFailure(connector.id, 'refused a webhook with a missing or wrong X-Throughline-Signature');
      throw new UnauthorizedException('X-Throughline-Signature is missing or does not match the body signed with this connector\'s secret');
    }
    return connector;
  }

  private async connectorFor(id: string, provider: ConnectorProvider): Promise<ConnectorEntity> {
    const connector = await this.connectors.get(id).catch(() => null);
    if (!connector || connector.provider !== provider) {
      webhooksReceived.inc({ provider, outcome: 'unknown_connector' });
      throw new NotFoundException(`no ${provider} connector ${id}`);
    }
    if (!connector.enabled) throw new ForbiddenException(`connector ${id} is disabled; enable it to accept events`);
    return connector;
  }

  /** Validates before acknowledging, so the sender learns at once what is wrong; invalid payloads are kept as failed. */
  private async ingest(connector: ConnectorEntity, payload: Buffer, contentType: string): Promise<AcceptedRawEvent> {
    try {
      return await this.rawEvents.receiveValidated(connector, payload, contentType);
    } catch (err) {
      if (err instanceof InvalidPayloadError) throw new BadRequestException(err.message);
      throw err;
    }
  }
}
