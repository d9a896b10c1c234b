/** Contracts of the admin API: teams, canned responses, the audit log. */

export interface TeamView {
  id: string;
  name: string;
  memberIds: string[];
}

export interface CannedResponseView {
  id: string;
  title: string;
  /** Typed after `/` in the composer; lowercase letters, digits, dashes. */
  shortcut: string;
  text: string;
  /** true: visible to everyone and edited by supervisors and admins; false: the owner's own. */
  shared: boolean;
  ownerId: string | null;
  /** Whether the requesting user may change or delete it. */
  editable: boolean;
  updatedAt: string;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  /** e.g. `queue.updated`, `customer.merged`. */
  action: string;
  /** The kind of thing changed: queue, team, canned_response, connector, customer, user, … */
  entity: string;
  entityId: string | null;
  /** The state before and after the change where recorded (null for a creation's before or a deletion's after); secrets redacted. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Anything else recorded (e.g. what a merge moved); secrets redacted. */
  details: Record<string, unknown>;
}
