import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { CannedResponseEntity } from '@throughline/server/database';

/** The owner of `canned_responses`. */
@Injectable()
export class CannedResponsesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The shared ones and the user's own, by shortcut. */
  visibleTo(userId: string): Promise<CannedResponseEntity[]> {
    return this.db.manager.find(CannedResponseEntity, {
      where: [{ ownerUserId: IsNull() }, { ownerUserId: userId }],
      order: { shortcut: 'ASC', ownerUserId: 'ASC' },
    });
  }

  find(manager: EntityManager, id: string): Promise<CannedResponseEntity | null> {
    return manager.findOne(CannedResponseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, row: Partial<CannedResponseEntity>): Promise<CannedResponseEntity> {
    return manager.save(manager.create(CannedResponseEntity, row));
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(CannedResponseEntity, { id });
  }
}
