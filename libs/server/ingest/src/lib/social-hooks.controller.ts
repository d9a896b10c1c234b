import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  DEFAULT_MAX_EVENT_AGE_MINUTES,
  metaDeliveryTimes,
  metaVerifyChallenge,
  parseMetaWebhook,
  parseXActivity,
  staleDeliveryReason,
  verifyMetaSignature,
  verifyXSignature,
  X_SIGNATURE_HEADER,
  xCrcResponse,
  xDeliveryTimes,
} from '@throughline/channels/social';
import { InvalidPayloadError } from '@throughline/domain';
import { Public } from '@throughline/server/auth';
import type { ConnectorEntity } from '@throughline/server/database';
import { connectorIdPipe, headerOf, HookIntake, type HookRequest, rawBody } from './hook-intake.service';
import type { AcceptedRawEvent } from './raw-events.service';

function assertJson(req: HookRequest, platform: string): void {
  const contentType = headerOf(req, 'content-type') ?? '';
  if (!/json/i.test(contentType)) throw new UnsupportedMediaTypeException(`${platform} events are application/json (got ${contentType || 'none'})`);
}

/**
 * X Account Activity and Meta webhooks. Both platforms want `200 OK` for a delivery (anything
 * else counts as a failure and is retried), so these answer 200 where other hooks answer 202.
 */
@ApiTags('webhooks')
@Public()
@Controller('hooks')
export class SocialHooksController {
  constructor(private readonly intake: HookIntake) {}

  /** X's challenge-response check, at registration and periodically. */
  @Get(':connectorId/x')
  @ApiQuery({ name: 'crc_token', required: true })
  async xChallenge(
    @Param('connectorId', connectorIdPipe) connectorId: string,
    @Query('crc_token') crcToken: string | undefined,
  ): Promise<{ response_token: string }> {
    const connector = await this.intake.connectorFor(connectorId, 'x');
    if (!crcToken) throw new BadRequestException('crc_token: missing; X sends it in its challenge-response check');
    return xCrcResponse(crcToken, this.intake.secretsOf(connector)['consumerSecret'] ?? '');
  }

  @Post(':connectorId/x')
  @HttpCode(200)
  @ApiHeader({ name: X_SIGNATURE_HEADER, description: 'sha256=<base64 HMAC-SHA256 of the raw body under the consumer secret>' })
  async x(@Param('connectorId', connectorIdPipe) connectorId: string, @Req() req: HookRequest): Promise<AcceptedRawEvent> {
    assertJson(req, 'X');
    const connector = await this.intake.connectorFor(connectorId, 'x');
    if (!verifyXSignature(rawBody(req), headerOf(req, X_SIGNATURE_HEADER), this.intake.secretsOf(connector)['consumerSecret'] ?? '')) {
      await this.intake.refuse(connector, `${X_SIGNATURE_HEADER} is missing or does not match the body under the consumer secret`);
    }
    await this.refuseStale(connector, () => xDeliveryTimes(parseXActivity(rawBody(req))));
    return this.intake.ingest(connector, rawBody(req), 'application/json');
  }

  /** Meta's subscription check: echo hub.challenge when hub.verify_token is the connector's verifyToken. */
  @Get(':connectorId/meta')
  @Header('content-type', 'text/plain; charset=utf-8')
  async metaChallenge(
    @Param('connectorId', connectorIdPipe) connectorId: string,
    @Query() query: Record<string, string | string[] | undefined>,
  ): Promise<string> {
    const connector = await this.intake.connectorFor(connectorId, 'meta');
    const challenge = metaVerifyChallenge(query, String(connector.config['verifyToken'] ?? ''));
    if (challenge === null) throw new ForbiddenException("hub.mode must be subscribe and hub.verify_token must be the connector's verifyToken");
    return challenge;
  }

  @Post(':connectorId/meta')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Hub-Signature-256', description: 'sha256=<hex HMAC-SHA256 of the raw body under the app secret>' })
  async meta(@Param('connectorId', connectorIdPipe) connectorId: string, @Req() req: HookRequest): Promise<AcceptedRawEvent> {
    assertJson(req, 'Meta');
    const connector = await this.intake.connectorFor(connectorId, 'meta');
    if (!verifyMetaSignature(rawBody(req), headerOf(req, 'x-hub-signature-256'), this.intake.secretsOf(connector)['appSecret'] ?? '')) {
      await this.intake.refuse(connector, 'X-Hub-Signature-256 is missing or does not match the body under the app secret');
    }
    await this.refuseStale(connector, () => metaDeliveryTimes(parseMetaWebhook(rawBody(req))));
    return this.intake.ingest(connector, rawBody(req), 'application/json');
  }

  /**
   * Neither platform signs a delivery time, so a captured delivery verifies forever: one whose
   * every event is older than the connector's maxEventAgeMinutes is refused like a bad signature.
   * A body we cannot read skips this; ingest answers 400 and keeps it as failed.
   */
  private async refuseStale(connector: ConnectorEntity, timesOf: () => Date[]): Promise<void> {
    let times: Date[];
    try {
      times = timesOf();
    } catch (err) {
      if (err instanceof InvalidPayloadError) return;
      throw err;
    }
    const configured = connector.config['maxEventAgeMinutes'];
    const reason = staleDeliveryReason(times, new Date(), typeof configured === 'number' ? configured : DEFAULT_MAX_EVENT_AGE_MINUTES);
    if (reason) await this.intake.refuse(connector, reason, 'rejected_stale');
  }
}
