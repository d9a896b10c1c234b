import { Module } from '@nestjs/common';
import { ConnectorsModule } from '@throughline/server/connectors';
import { IngestApiModule } from '@throughline/server/ingest';
import { SurveysModule } from '@throughline/server/surveys';
import { AgentChatGateway } from './agent-chat.gateway';
import { ChatFloodGuard } from './chat-flood.service';
import { ChatGateway } from './chat.gateway';
import { ChatPresence } from './chat-presence.service';
import { VisitorPublisher } from './visitor-publisher.service';

/** Where visitors are and how to reach them from any process: the gateway (API) and the chat sender (worker) share it. */
@Module({ providers: [ChatPresence, VisitorPublisher], exports: [ChatPresence, VisitorPublisher] })
export class ChatCoreModule {}

/** API side: the `/chat` namespace for widgets and the agents' chat events on `/agents`. */
@Module({ imports: [ChatCoreModule, ConnectorsModule, IngestApiModule, SurveysModule], providers: [ChatGateway, AgentChatGateway, ChatFloodGuard] })
export class ChatGatewayModule {}
