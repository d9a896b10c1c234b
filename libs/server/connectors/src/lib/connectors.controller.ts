import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ConnectorProvidersView, ConnectorTestView, ConnectorView, CreatedConnectorView, RawEventView, RotatedSecretView } from '@throughline/domain';
import { type AuthenticatedUser, CurrentUser, MinRole } from '@throughline/server/auth';
import { CreateConnectorDto, ListEventsQueryDto, RotateSecretDto, UpdateConnectorDto } from './connector.dto';
import { ConnectorsService } from './connectors.service';

@ApiTags('connectors')
@ApiBearerAuth()
@MinRole('admin')
@Controller('connectors')
export class ConnectorsController {
  constructor(private readonly connectors: ConnectorsService) {}

  /** Failed raw events and events stuck pending/queued, across every connector (declared before `:id`). */
  @Get('events/stuck')
  stuckEvents(): Promise<RawEventView[]> {
    return this.connectors.stuckEvents();
  }

  /** Each provider's settings (name, label, type, required, secret, help), from the schemas creation validates with. */
  @Get('providers')
  providers(): ConnectorProvidersView {
    return this.connectors.providers();
  }

  @Get()
  async list(): Promise<ConnectorView[]> {
    return (await this.connectors.list()).map((c) => this.connectors.toView(c));
  }

  /** The response carries the generated signing secret; it is never shown again. */
  @Post()
  create(@Body() body: CreateConnectorDto, @CurrentUser() user: AuthenticatedUser): Promise<CreatedConnectorView> {
    return this.connectors.create(body, user.id);
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ConnectorView> {
    return this.connectors.toView(await this.connectors.get(id));
  }

  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateConnectorDto, @CurrentUser() user: AuthenticatedUser): Promise<ConnectorView> {
    return this.connectors.update(id, body, user.id);
  }

  /** A new signing (or identity) secret, returned this once; the old one keeps verifying for `graceSeconds`. */
  @Post(':id/secret/rotate')
  @HttpCode(200)
  rotateSecret(@Param('id', ParseUUIDPipe) id: string, @Body() body: RotateSecretDto, @CurrentUser() user: AuthenticatedUser): Promise<RotatedSecretView> {
    return this.connectors.rotateSecret(id, body.graceSeconds, user.id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.connectors.remove(id, user.id);
  }

  /** Raw events as received, with their processing status and error: where admins see what failed. */
  @Get(':id/events')
  events(@Param('id', ParseUUIDPipe) id: string, @Query() query: ListEventsQueryDto): Promise<RawEventView[]> {
    return this.connectors.events(id, query.status);
  }

  /** Retries every failed or stuck event of the connector at once; answers how many. */
  @Post(':id/events/retry')
  @HttpCode(200)
  retryStuckEvents(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<{ retried: number }> {
    return this.connectors.retryStuckEvents(id, user.id);
  }

  @Post(':id/events/:eventId/retry')
  retryEvent(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RawEventView> {
    return this.connectors.retryEvent(id, eventId, user.id);
  }

  /** Logs in to IMAP/SMTP (or whatever the provider uses) and reports what failed: DNS, connection, TLS, login, folder. */
  @Post(':id/test')
  @HttpCode(200)
  test(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ConnectorTestView> {
    return this.connectors.test(id, user.id);
  }
}
