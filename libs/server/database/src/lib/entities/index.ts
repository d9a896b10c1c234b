import { AttachmentEntity } from './attachment.entity';
import { AuditLogEntity } from './audit-log.entity';
import { ConnectorCursorEntity } from './connector-cursor.entity';
import { ConnectorEntity } from './connector.entity';
import { ConversationEntity } from './conversation.entity';
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
import { ProductEntity } from './product.entity';
import { PromptUseEntity } from './prompt-use.entity';
import { QueueEntity } from './queue.entity';
import { RawEventEntity } from './raw-event.entity';
import { SuggestionEntity } from './suggestion.entity';
import { UserEntity } from './user.entity';

export {
  AttachmentEntity,
  AuditLogEntity,
  ConnectorCursorEntity,
  ConnectorEntity,
  ConversationEntity,
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
  ProductAssociationEntity,
  ProductEntity,
  PromptUseEntity,
  QueueEntity,
  RawEventEntity,
  SuggestionEntity,
  UserEntity,
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
  ConversationParticipantEntity,
];
