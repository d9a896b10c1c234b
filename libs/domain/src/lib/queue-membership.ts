/**
 * Who belongs to a queue: the users named on it and every member of the teams added to it,
 * each once, sorted so that routing and comparisons see a stable order.
 */
export function effectiveQueueMembers(
  queue: { memberIds: readonly string[]; teamIds: readonly string[] },
  teamMembers: ReadonlyMap<string, readonly string[]>,
): string[] {
  const members = new Set(queue.memberIds);
  for (const teamId of queue.teamIds) for (const userId of teamMembers.get(teamId) ?? []) members.add(userId);
  return [...members].sort();
}
