import { AttachmentEntity } from './attachment.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CannedResponseEntity } from './canned-response.entity';
import { BusinessHoursEntity } from './business-hours.entity';
import { ConnectorCursorEntity } from './connector-cursor.entity';
import { ConnectorEntity } from './connector.entity';
import { ConversationEntity } from './conversation.entity';
import { ConversationEventEntity } from './conversation-event.entity';
import { ConversationParticipantEntity } from './conversation-participant.entity';
import { ConversationReadEntity } from './conversation-read.entity';
import { CustomerIdentityEntity } from './customer-identity.entity';
import { CustomerPossibleMatchEntity } from './customer-possible-match.entity';
import { CustomerEntity } from './customer.entity';
import { ConversationInsightEntity } from './conversation-insight.entity';
import { EmpathyPhraseEntity } from './empathy-phrase.entity';
import { MessageEntity } from './message.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderEntity } from './order.entity';
import { ProductAssociationEntity } from './product-association.entity';
import { PasswordTokenEntity } from './password-token.entity';
import { ProductEntity } from './product.entity';
import { PromptUseEntity } from './prompt-use.entity';
import { QueueEntity, QueueMemberEntity, QueueTeamEntity } from './queue.entity';
import { RawEventEntity } from './raw-event.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SlaPolicyEntity } from './sla-policy.entity';
import { SuggestionEntity } from './suggestion.entity';
import { SurveyEntity, SurveySettingsEntity } from './survey.entity';
import { TeamEntity, TeamMemberEntity } from './team.entity';
import { UserEntity } from './user.entity';
import { ConversationTagEntity, TagEntity } from './tag.entity';

export type { PasswordTokenPurpose } from './password-token.entity';

export {
  AttachmentEntity,
  AuditLogEntity,
  CannedResponseEntity,
  BusinessHoursEntity,
  ConnectorCursorEntity,
  ConnectorEntity,
  ConversationEntity,
  ConversationEventEntity,
  ConversationInsightEntity,
  ConversationParticipantEntity,
  ConversationReadEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  CustomerPossibleMatchEntity,
  EmpathyPhraseEntity,
  MessageEntity,
  OrderEntity,
  OrderLineEntity,
  PasswordTokenEntity,
  ProductAssociationEntity,
  ProductEntity,
  PromptUseEntity,
  QueueEntity,
  QueueMemberEntity,
  QueueTeamEntity,
  RawEventEntity,
  RefreshTokenEntity,
  SlaPolicyEntity,
  SuggestionEntity,
  TeamEntity,
  TeamMemberEntity,
  UserEntity,
  SurveyEntity,
  SurveySettingsEntity,
  TagEntity,
  ConversationTagEntity,
};

export const ENTITIES = [
  UserEntity,
  QueueEntity,
  ConnectorEntity,
  RawEventEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  CustomerPossibleMatchEntity,
  ConversationEntity,
  MessageEntity,
  AttachmentEntity,
  AuditLogEntity,
  ConnectorCursorEntity,
  ProductEntity,
  OrderEntity,
  OrderLineEntity,
  ProductAssociationEntity,
  EmpathyPhraseEntity,
  ConversationInsightEntity,
  SuggestionEntity,
  PromptUseEntity,
  ConversationReadEntity,
  RefreshTokenEntity,
  PasswordTokenEntity,
  QueueMemberEntity,
  QueueTeamEntity,
  TeamEntity,
  TeamMemberEntity,
  CannedResponseEntity,
  ConversationEventEntity,
  BusinessHoursEntity,
  SlaPolicyEntity,
  ConversationParticipantEntity,
  SurveyEntity,
  SurveySettingsEntity,
  TagEntity,
  ConversationTagEntity,
];
export { CONVERSATION_EVENT_KINDS, type ConversationEventActor, type ConversationEventKind } from './conversation-event.entity';
