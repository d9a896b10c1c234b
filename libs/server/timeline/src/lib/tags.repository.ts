import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { TagView } from '@throughline/domain';
import { TagEntity } from '@throughline/server/database';

const toTagView = (t: Pick<TagEntity, 'id' | 'name' | 'color'>): TagView => ({ id: t.id, name: t.name, color: t.color });

/**
 * Moves the tags of absorbed conversations onto the one they join (inside the merge's
 * transaction, before the absorbed rows are deleted); a tag both carry stays once, with its earlier addition.
 */
export async function moveConversationTags(manager: EntityManager, fromConversationIds: string[], intoConversationId: string): Promise<void> {
  await manager.query(
    `INSERT INTO conversation_tags (conversation_id, tag_id, added_by, added_at)
     SELECT DISTINCT ON (tag_id) $1, tag_id, added_by, added_at FROM conversation_tags WHERE conversation_id = ANY($2::uuid[]) ORDER BY tag_id, added_at
     ON CONFLICT (conversation_id, tag_id) DO UPDATE SET added_at = LEAST(conversation_tags.added_at, EXCLUDED.added_at)`,
    [intoConversationId, fromConversationIds],
  );
}

/** Owner of `tags` and `conversation_tags`. */
@Injectable()
export class TagsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every tag, by name. */
  async list(): Promise<TagView[]> {
    const tags = await this.db.getRepository(TagEntity).createQueryBuilder('t').orderBy('lower(t.name)').addOrderBy('t.id').getMany();
    return tags.map(toTagView);
  }

  async find(id: string, manager: EntityManager = this.db.manager): Promise<TagView | null> {
    const tag = await manager.findOne(TagEntity, { where: { id } });
    return tag && toTagView(tag);
  }

  /** Those of `ids` that exist. */
  async existing(manager: EntityManager, ids: readonly string[]): Promise<TagView[]> {
    if (!ids.length) return [];
    const rows = (await manager.query('SELECT id, name, color FROM tags WHERE id = ANY($1::uuid[])', [ids])) as TagView[];
    return rows.map(toTagView);
  }

  /** Unique-name violations surface as the database's error (23505), for the caller to name. */
  async create(manager: EntityManager, name: string, color: string): Promise<TagView> {
    return toTagView(await manager.save(manager.create(TagEntity, { name, color })));
  }

  async update(manager: EntityManager, id: string, changes: Partial<Pick<TagEntity, 'name' | 'color'>>): Promise<TagView | null> {
    await manager.update(TagEntity, { id }, changes);
    return this.find(id, manager);
  }

  /** Deletes it and takes it off every conversation; the ids of those conversations. */
  async delete(manager: EntityManager, id: string): Promise<string[]> {
    const rows = (await manager.query('SELECT conversation_id FROM conversation_tags WHERE tag_id = $1', [id])) as Array<{ conversation_id: string }>;
    await manager.delete(TagEntity, { id });
    return rows.map((r) => r.conversation_id);
  }

  /** The tags of each conversation, by name. */
  async ofConversations(conversationIds: readonly string[], manager: EntityManager = this.db.manager): Promise<Map<string, TagView[]>> {
    const byConversation = new Map<string, TagView[]>(conversationIds.map((id) => [id, []]));
    if (!conversationIds.length) return byConversation;
    const rows = (await manager.query(
      `SELECT ct.conversation_id, t.id, t.name, t.color FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
        WHERE ct.conversation_id = ANY($1::uuid[]) ORDER BY lower(t.name), t.id`,
      [conversationIds],
    )) as Array<TagView & { conversation_id: string }>;
    for (const row of rows) byConversation.get(row.conversation_id)?.push(toTagView(row));
    return byConversation;
  }

  async ofConversation(conversationId: string, manager: EntityManager = this.db.manager): Promise<TagView[]> {
    return (await this.ofConversations([conversationId], manager)).get(conversationId) ?? [];
  }

  /** Puts the tags on; the ids actually added (one already there is left as it was). */
  async add(manager: EntityManager, conversationId: string, tagIds: readonly string[], userId: string, at: Date): Promise<string[]> {
    if (!tagIds.length) return [];
    const rows = (await manager.query(
      `INSERT INTO conversation_tags (conversation_id, tag_id, added_by, added_at) SELECT $1, unnest($2::uuid[]), $3, $4
       ON CONFLICT (conversation_id, tag_id) DO NOTHING RETURNING tag_id`,
      [conversationId, tagIds, userId, at],
    )) as Array<{ tag_id: string }>;
    return rows.map((r) => r.tag_id);
  }

  /** Takes the tags off; the ids actually removed. */
  async remove(manager: EntityManager, conversationId: string, tagIds: readonly string[]): Promise<string[]> {
    if (!tagIds.length) return [];
    const rows = (await manager.query('DELETE FROM conversation_tags WHERE conversation_id = $1 AND tag_id = ANY($2::uuid[]) RETURNING tag_id', [
      conversationId,
      tagIds,
    ])) as Array<{ tag_id: string }>;
    return rows.map((r) => r.tag_id);
  }

  /** Narrows a conversation query (`alias` is the conversations alias) to those carrying the tag. */
  whereTagged<T extends ObjectLiteral>(q: SelectQueryBuilder<T>, alias: string, tagId: string): SelectQueryBuilder<T> {
    return q.andWhere(`EXISTS (SELECT 1 FROM conversation_tags ft WHERE ft.conversation_id = ${alias}.id AND ft.tag_id = :filterTagId)`, {
      filterTagId: tagId,
    });
  }
}
