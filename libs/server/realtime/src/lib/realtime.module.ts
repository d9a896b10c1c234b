import { Module } from '@nestjs/common';
import { AuthModule } from '@throughline/server/auth';
import { PresenceModule } from '@throughline/server/presence';
import { AgentsGateway } from './agents.gateway';

/** The `/agents` Socket.IO namespace, served by the API; events arrive through Redis (RealtimePublisher). */
@Module({ imports: [AuthModule, PresenceModule], providers: [AgentsGateway] })
export class RealtimeGatewayModule {}
