import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { EmailChannel1764000000000 } from './1764000000000-email-channel';
import { Insights1765000000000 } from './1765000000000-insights';
import { ChatChannel1765200000000 } from './1765200000000-chat';
import { ConsoleWorkflow1765300000000 } from './1765300000000-console-workflow';
import { EmailReferences1765400000000 } from './1765400000000-email-references';
import { ConversationParticipants1766000000000 } from './1766000000000-conversation-participants';
import { PeopleAndSessions1766100000000 } from './1766100000000-people-and-sessions';
import { DeliveryAttempts1766300000000 } from './1766300000000-delivery-attempts';
import { QueuesTeamsReplies1766400000000 } from './1766400000000-queues-teams-replies';
import { SlaAndHistory1766500000000 } from './1766500000000-sla-and-history';
import { Surveys1766600000000 } from './1766600000000-surveys';
import { ReportMetrics1766610000000 } from './1766610000000-report-metrics';
import { ConnectorSecretRotation1766620000000 } from './1766620000000-connector-secret-rotation';
import { QueueRouting1766650000000 } from './1766650000000-queue-routing';
import { WallboardIndexes1766660000000 } from './1766660000000-wallboard-indexes';
import { Tags1766670000000 } from './1766670000000-tags';

/** In order; new migrations are appended, committed ones are never edited. */
export const MIGRATIONS = [
  InitialSchema1763900000000,
  EmailChannel1764000000000,
  Insights1765000000000,
  ChatChannel1765200000000,
  ConsoleWorkflow1765300000000,
  EmailReferences1765400000000,
  ConversationParticipants1766000000000,
  PeopleAndSessions1766100000000,
  DeliveryAttempts1766300000000,
  QueuesTeamsReplies1766400000000,
  SlaAndHistory1766500000000,
  Surveys1766600000000,
  ReportMetrics1766610000000,
  ConnectorSecretRotation1766620000000,
  QueueRouting1766650000000,
  WallboardIndexes1766660000000,
  Tags1766670000000,
];
