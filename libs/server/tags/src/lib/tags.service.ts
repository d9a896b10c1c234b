import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, QueryFailedError } from 'typeorm';
import type { TagView } from '@throughline/domain';
import { AuditLog } from '@throughline/server/audit';
import { TagsRepository } from '@throughline/server/timeline';
import type { CreateTagDto, UpdateTagDto } from './tags.dto';

const UNIQUE_VIOLATION = '23505';

/** A duplicate name (whatever its case) is a 409 naming the field. */
function refusedWrite(err: unknown): never {
  if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === UNIQUE_VIOLATION)
    throw new ConflictException('name: a tag with this name exists');
  throw err;
}

/** Admins' list of tags; every change is audited in its own transaction. */
@Injectable()
export class TagsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tags: TagsRepository,
    private readonly audit: AuditLog,
  ) {}

  list(): Promise<TagView[]> {
    return this.tags.list();
  }

  create(dto: CreateTagDto, actorId: string): Promise<TagView> {
    return this.db
      .transaction(async (manager) => {
        const tag = await this.tags.create(manager, dto.name, dto.color);
        await this.audit.record({ actorId, action: 'tag.created', entity: 'tag', entityId: tag.id, before: null, after: { ...tag } }, manager);
        return tag;
      })
      .catch(refusedWrite);
  }

  update(id: string, dto: UpdateTagDto, actorId: string): Promise<TagView> {
    return this.db
      .transaction(async (manager) => {
        const before = await this.existing(id, manager);
        const after = (await this.tags.update(manager, id, { name: dto.name, color: dto.color })) ?? before;
        await this.audit.record({ actorId, action: 'tag.updated', entity: 'tag', entityId: id, before: { ...before }, after: { ...after } }, manager);
        return after;
      })
      .catch(refusedWrite);
  }

  /** Takes the tag off every conversation; their history keeps the tag's id and name. */
  async remove(id: string, actorId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const before = await this.existing(id, manager);
      const conversationIds = await this.tags.delete(manager, id);
      await this.audit.record(
        { actorId, action: 'tag.deleted', entity: 'tag', entityId: id, before: { ...before, conversations: conversationIds.length }, after: null },
        manager,
      );
    });
  }

  private async existing(id: string, manager: Parameters<TagsRepository['find']>[1]): Promise<TagView> {
    const tag = await this.tags.find(id, manager);
    if (!tag) throw new NotFoundException(`tag ${id} not found`);
    return tag;
  }
}
