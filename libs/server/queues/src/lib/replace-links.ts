import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Replaces the rows of a link table that hang off `ownerId` with one row per id in `ids` (each once). */
export async function replaceLinks<T extends ObjectLiteral>(
  manager: EntityManager,
  table: EntityTarget<T>,
  ownerKey: keyof T & string,
  ownerId: string,
  otherKey: keyof T & string,
  ids: readonly string[],
): Promise<void> {
  await manager.delete(table, { [ownerKey]: ownerId } as never);
  if (ids.length) await manager.insert(table, [...new Set(ids)].map((id) => ({ [ownerKey]: ownerId, [otherKey]: id })) as never);
}
