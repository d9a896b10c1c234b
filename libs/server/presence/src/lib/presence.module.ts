import { Module } from '@nestjs/common';
import { AuthModule } from '@throughline/server/auth';
import { PresenceController } from './presence.controller';
import { PresenceRepository } from './presence.repository';
import { PresenceService } from './presence.service';
import { PresenceSweeper } from './presence.sweeper';

/** Agent presence, readable from any process (routing in the worker, the wallboard in the API). */
@Module({ providers: [PresenceRepository, PresenceService], exports: [PresenceService] })
export class PresenceModule {}

/** For the HTTP API: the presence routes and the sweep that catches sockets of dead processes. */
@Module({ imports: [PresenceModule, AuthModule], controllers: [PresenceController], providers: [PresenceSweeper] })
export class PresenceApiModule {}
