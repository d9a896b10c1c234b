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
} from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { InvalidPayloadError, type ConnectorProvider } from '@throughline/domain';
import { SIGNATURE_HEADER, verifySignature } from '@throughline/channels/generic';
import { Public } from '@throughline/server/auth';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { ConnectorsService } from '@throughline/server/connectors';
import type { ConnectorEntity } from '@throughline/server/database';
import { webhooksReceived } from '@throughline/server/health';
import { CHANNEL_ADAPTERS } from './channel-adapters';
import { type AcceptedRawEvent, RawEventsService } from './raw-events.service';

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':connectorId/generic')
  @HttpCode(202)
  @ApiHeader({ name: 'X-Throughline-Signature', description: 'sha256=<hex HMAC-SHA256 of the raw body under the signing secret>' })
  async generic(
    @Param('connectorId', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('no such connector') })) connectorId: string,
    @Req() req: { body?: unknown; headers: Record<string, string | string[] | undefined> },
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
  ): Promise<AcceptedRawEvent> {
    const body = rawBody(req);
    const connector = await this.connectorFor(connectorId, 'generic');
    if (!verifySignature(body, signature, this.connectors.secretsOf(connector)['signingSecret'] ?? '')) {
      webhooksReceived.inc({ provider: 'generic', outcome: 'rejected_signature' });
      await this.connectors.recordFailure(connector.id, 'refused a webhook with a missing or wrong X-Throughline-Signature');
      throw new UnauthorizedException('X-Throughline-Signature is missing or does not match the body signed with this connector\'s secret');
    }
    return this.ingest(connector, body, String(req.headers['content-type'] ?? 'application/json'));
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
    const adapter = CHANNEL_ADAPTERS[connector.provider];
    if (!adapter) throw new NotFoundException(`provider ${connector.provider} has no adapter on this server`);
    try {
      const messages = adapter.normalize(payload, { connectorId: connector.id, defaultCountry: this.config.defaultPhoneCountry });
      const externalId = messages[0]?.externalId ?? `sha256:${createHash('sha256').update(payload).digest('hex')}`;
      const accepted = await this.rawEvents.accept(connector, { externalId, contentType, payload });
      webhooksReceived.inc({ provider: connector.provider, outcome: accepted.duplicate ? 'duplicate' : 'accepted' });
      return accepted;
    } catch (err) {
      if (!(err instanceof InvalidPayloadError)) throw err;
      webhooksReceived.inc({ provider: connector.provider, outcome: 'invalid' });
      const externalId = `invalid:${createHash('sha256').update(payload).digest('hex')}`;
      await this.rawEvents.recordInvalid(connector, { externalId, contentType, payload }, err.message);
      throw new BadRequestException(err.message);
    }
  }
}
