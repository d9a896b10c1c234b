import type { AuditEntryView } from '@throughline/domain';

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** A value as one short line: lists joined, objects as JSON, absent as null. */
export function formatAuditValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.length ? value.map((item) => formatAuditValue(item) ?? '—').join(', ') : '(none)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The fields whose value differs between before and after (all of them for a creation or a deletion), in a stable order. */
export function auditChanges(entry: Pick<AuditEntryView, 'before' | 'after'>): AuditChange[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => field !== 'id');
  return fields
    .map((field) => ({ field, before: formatAuditValue(before[field]), after: formatAuditValue(after[field]) }))
    .filter((change) => change.before !== change.after);
}

/** What a customer merge recorded: the customer that was merged in, so the entry can offer to undo it. */
export function mergedCustomerOf(entry: AuditEntryView): string | null {
  const merged = entry.details['mergedCustomerId'];
  return entry.action === 'customer.merged' && entry.entityId && typeof merged === 'string' ? merged : null;
}
