import {
  BadRequestException,
  ForbiddenException,
  type HttpException,
  Injectable,
  NotFoundException,
  ParseUUIDPipe,
  UnauthorizedException,
} from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InvalidPayloadError, type ConnectorProvider } from '@throughline/domain';
import { ConnectorsService } from '@throughline/server/connectors';
import type { ConnectorEntity } from '@throughline/server/database';
import { webhooksReceived } from '@throughline/server/health';
import { type AcceptedRawEvent, RawEventsService } from './raw-events.service';

export interface HookRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** Path and query as received (Express), for signatures over the full URL. */
  originalUrl?: string;
}

/** Bodies under /api/hooks arrive as raw Buffers (see the API bootstrap) so signatures cover the exact bytes. */
export function rawBody(req: { body?: unknown }): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

export function headerOf(req: HookRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** An unknown or malformed connector id in a webhook URL is a 404, like any unknown connector. */
export const connectorIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('no such connector') });

/** What every webhook endpoint does around its provider's own check: find the connector, refuse, store. */
@Injectable()
export class HookIntake {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly rawEvents: RawEventsService,
  ) {}

  secretsOf(connector: ConnectorEntity): Record<string, string> {
    return this.connectors.secretsOf(connector);
  }

  /** The current value of a generated secret, and during a rotation's grace period the replaced one. */
  verifyingSecrets(connector: ConnectorEntity, name: 'signingSecret'): string[] {
    return this.connectors.verifyingSecrets(connector, name);
  }

  /**
   * Runs before a webhook body is read (see the API bootstrap): an unknown, malformed or disabled
   * connector is refused at once, so nobody can make us read megabytes for a connector that is not there.
   */
  async refusalBeforeBody(id: string): Promise<HttpException | null> {
    const connector = isUUID(id) ? await this.connectors.get(id).catch(() => null) : null;
    if (!connector) return new NotFoundException('no such connector');
    if (!connector.enabled) return new ForbiddenException(`connector ${id} is disabled; enable it to accept events`);
    return null;
  }

  async connectorFor(id: string, provider: ConnectorProvider): Promise<ConnectorEntity> {
    const connector = await this.connectors.get(id).catch(() => null);
    if (!connector || connector.provider !== provider) {
      webhooksReceived.inc({ provider, outcome: 'unknown_connector' });
      throw new NotFoundException(`no ${provider} connector ${id}`);
    }
    if (!connector.enabled) throw new ForbiddenException(`connector ${id} is disabled; enable it to accept events`);
    return connector;
  }

  /** A delivery that failed its provider's authentication (or replay check): 401, and the admin sees it on the connector. */
  async refuse(connector: ConnectorEntity, reason: string, outcome: 'rejected_signature' | 'rejected_stale' = 'rejected_signature'): Promise<never> {
    webhooksReceived.inc({ provider: connector.provider, outcome });
    await this.connectors.recordFailure(connector.id, `refused a webhook: ${reason}`);
    throw new UnauthorizedException(reason);
  }

  /** Validates before acknowledging, so the sender learns at once what is wrong; invalid payloads are kept as failed. */
  async ingest(connector: ConnectorEntity, payload: Buffer, contentType: string): Promise<AcceptedRawEvent> {
    try {
      return await this.rawEvents.receiveValidated(connector, payload, contentType);
    } catch (err) {
      if (err instanceof InvalidPayloadError) throw new BadRequestException(err.message);
      throw err;
    }
  }
}
