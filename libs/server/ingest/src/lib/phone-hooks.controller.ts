import { Controller, Headers, HttpCode, Inject, Param, Post, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_HEADER, verifySignature } from '@throughline/channels/generic';
import { parseTwilioForm, verifyTwilioSignature } from '@throughline/channels/phone';
import { Public } from '@throughline/server/auth';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { connectorIdPipe, headerOf, HookIntake, type HookRequest, rawBody } from './hook-intake.service';
import type { AcceptedRawEvent } from './raw-events.service';

const FORM = 'application/x-www-form-urlencoded';

/** Compares without leaking where two strings differ, whatever their lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return Boolean(expected) && timingSafeEqual(digest(given), digest(expected));
}

/** Phone systems reporting calls: Twilio Voice callbacks, and any PBX or CTI system through `calls`. */
@ApiTags('webhooks')
@Public()
@Controller('hooks')
export class PhoneHooksController {
  constructor(
    private readonly intake: HookIntake,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Twilio call status, recording and transcription callbacks (form encoded, X-Twilio-Signature). */
  @Post(':connectorId/twilio')
  @HttpCode(202)
  @ApiConsumes(FORM)
  @ApiHeader({ name: 'X-Twilio-Signature', description: 'base64 HMAC-SHA1 of the full URL and the sorted POST parameters under the auth token' })
  async twilio(@Param('connectorId', connectorIdPipe) connectorId: string, @Req() req: HookRequest): Promise<AcceptedRawEvent> {
    const contentType = headerOf(req, 'content-type') ?? '';
    if (!contentType.toLowerCase().startsWith(FORM)) {
      throw new UnsupportedMediaTypeException(`Twilio callbacks are ${FORM} (got ${contentType || 'none'})`);
    }
    const connector = await this.intake.connectorFor(connectorId, 'twilio');
    // Twilio signs the URL it was given: PUBLIC_URL plus the path and query it called.
    const url = `${this.config.publicUrl}${req.originalUrl ?? ''}`;
    const signed = verifyTwilioSignature({
      authToken: this.intake.secretsOf(connector)['authToken'] ?? '',
      url,
      params: parseTwilioForm(rawBody(req)),
      signature: headerOf(req, 'x-twilio-signature'),
    });
    if (!signed) await this.intake.refuse(connector, `X-Twilio-Signature is missing or does not match ${url} and the posted parameters under the auth token`);
    return this.intake.ingest(connector, rawBody(req), FORM);
  }

  /**
   * Any phone system: a call log (JSON) signed like the generic webhook, or Zammad generic CTI
   * events (`newCall`, `answer`, `hangup`; JSON or form data). PBX integrations written for
   * Zammad cannot sign; like Zammad's own CTI URL, they authenticate with `?token=<signing secret>`.
   */
  @Post(':connectorId/calls')
  @HttpCode(202)
  @ApiConsumes('application/json', FORM, 'multipart/form-data')
  @ApiHeader({ name: 'X-Throughline-Signature', required: false, description: 'sha256=<hex HMAC-SHA256 of the raw body under the signing secret>' })
  @ApiQuery({ name: 'token', required: false, description: 'the signing secret, for CTI systems that cannot sign (Zammad generic CTI)' })
  async calls(
    @Param('connectorId', connectorIdPipe) connectorId: string,
    @Req() req: HookRequest,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
    @Query('token') token: string | undefined,
  ): Promise<AcceptedRawEvent> {
    const contentType = headerOf(req, 'content-type') ?? 'application/json';
    if (!/json|form-urlencoded|multipart\/form-data/i.test(contentType)) {
      throw new UnsupportedMediaTypeException(
        `send a call log as application/json or CTI events as JSON or form data (got ${contentType}); CDR files go to POST /api/connectors/:id/calls/import`,
      );
    }
    const connector = await this.intake.connectorFor(connectorId, 'calllog');
    const authentic = this.intake
      .verifyingSecrets(connector, 'signingSecret')
      .some((secret) => (signature !== undefined ? verifySignature(rawBody(req), signature, secret) : token !== undefined && sameSecret(token, secret)));
    if (!authentic) {
      await this.intake.refuse(
        connector,
        "X-Throughline-Signature (or, for CTI systems that cannot sign, ?token=) does not match this connector's signing secret",
      );
    }
    return this.intake.ingest(connector, rawBody(req), contentType);
  }
}
