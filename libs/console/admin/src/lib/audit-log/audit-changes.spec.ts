import type { AuditEntryView } from '@throughline/domain';
import { auditChanges, formatAuditValue, mergedCustomerOf } from './audit-changes';

const entry = (overrides: Partial<AuditEntryView>): AuditEntryView => ({
  id: 'a1',
  at: '2026-12-01T10:00:00.000000Z',
  actorId: 'u1',
  action: 'queue.updated',
  entity: 'queue',
  entityId: 'q1',
  before: null,
  after: null,
  details: {},
  ...overrides,
});

describe('auditChanges', () => {
  it('lists only the fields that changed', () => {
    const changes = auditChanges(
      entry({
        before: { id: 'q1', name: 'Billing', archived: false, memberIds: ['a'] },
        after: { id: 'q1', name: 'Invoices', archived: false, memberIds: ['a', 'b'] },
      }),
    );
    expect(changes).toEqual([
      { field: 'name', before: 'Billing', after: 'Invoices' },
      { field: 'memberIds', before: 'a', after: 'a, b' },
    ]);
  });

  it('shows every field of a creation as new and of a deletion as gone', () => {
    expect(auditChanges(entry({ before: null, after: { name: 'Billing', teamIds: [] } }))).toEqual([
      { field: 'name', before: null, after: 'Billing' },
      { field: 'teamIds', before: null, after: '(none)' },
    ]);
    expect(auditChanges(entry({ before: { name: 'Billing' }, after: null }))).toEqual([{ field: 'name', before: 'Billing', after: null }]);
  });

  it('is empty for an entry without before and after (older records, merges)', () => {
    expect(auditChanges(entry({}))).toEqual([]);
  });
});

describe('formatAuditValue', () => {
  it('writes objects as JSON and keeps redacted values as they came', () => {
    expect(formatAuditValue({ a: 1 })).toBe('{"a":1}');
    expect(formatAuditValue('[redacted]')).toBe('[redacted]');
    expect(formatAuditValue(false)).toBe('false');
  });
});

describe('mergedCustomerOf', () => {
  it('names the merged customer of a merge entry only', () => {
    expect(mergedCustomerOf(entry({ action: 'customer.merged', entity: 'customer', entityId: 'c1', details: { mergedCustomerId: 'c2' } }))).toBe('c2');
    expect(mergedCustomerOf(entry({ action: 'customer.unmerged', entity: 'customer', entityId: 'c1', details: { restoredCustomerId: 'c2' } }))).toBeNull();
  });
});
