import { AttachmentEntity } from './attachment.entity';
import { AuditLogEntity } from './audit-log.entity';
import { ConnectorCursorEntity } from './connector-cursor.entity';
import { ConnectorEntity } from './connector.entity';
import { ConversationEntity } from './conversation.entity';
import { ConversationReadEntity } from './conversation-read.entity';
import { CustomerIdentityEntity } from './customer-identity.entity';
import { CustomerEntity } from './customer.entity';
import { MessageEntity } from './message.entity';
import { QueueEntity } from './queue.entity';
import { RawEventEntity } from './raw-event.entity';
import { UserEntity } from './user.entity';

export {
  AttachmentEntity,
  AuditLogEntity,
  ConnectorCursorEntity,
  ConnectorEntity,
  ConversationEntity,
  ConversationReadEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  MessageEntity,
  QueueEntity,
  RawEventEntity,
  UserEntity,
};

export const ENTITIES = [
  UserEntity,
  QueueEntity,
  ConnectorEntity,
  RawEventEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  ConversationEntity,
  MessageEntity,
  AttachmentEntity,
  AuditLogEntity,
  ConnectorCursorEntity,
  ConversationReadEntity,
];
