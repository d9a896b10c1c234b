import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ConversationsApi, CustomersApi, describeHttpError, type AuditLogFilter, WorkspaceAdminApi } from '@throughline/console/data-access';
import type { AuditEntryView, UserView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { type AuditChange, auditChanges, mergedCustomerOf } from './audit-changes';

/** The kinds of thing the audit log records, for the filter. */
const ENTITIES = ['queue', 'team', 'canned_response', 'connector', 'customer', 'conversation', 'user', 'raw_event'] as const;

interface Filters {
  actorId: string;
  entity: string;
  /** yyyy-mm-dd from the date inputs, local days. */
  from: string;
  to: string;
}

interface Row {
  entry: AuditEntryView;
  changes: AuditChange[];
  mergedCustomerId: string | null;
}

const PAGE_SIZE = 50;

/** Who changed what and when (admins): filters, newest first, more on demand, and Unmerge on a customer merge. */
@Component({
  selector: 'tl-audit-log-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, DatePipe],
  templateUrl: './audit-log-page.component.html',
  styleUrls: ['../admin-screen.css', './audit-log-page.component.css'],
})
export class AuditLogPageComponent {
  private readonly api = inject(WorkspaceAdminApi);
  private readonly customers = inject(CustomersApi);
  private readonly people = inject(ConversationsApi);

  protected readonly entities = ENTITIES;
  protected readonly users = signal<UserView[]>([]);
  protected readonly filters = signal<Filters>({ actorId: '', entity: '', from: '', to: '' });
  protected readonly rows = signal<Row[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly notice = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly unmerging = signal<string | null>(null);

  constructor() {
    void firstValueFrom(this.people.users()).then(
      (users) => this.users.set(users),
      () => undefined,
    );
    void this.load();
  }

  setFilter<K extends keyof Filters>(key: K, value: Filters[K]): void {
    this.filters.update((f) => ({ ...f, [key]: value }));
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    this.rows.set(null);
    try {
      const page = await firstValueFrom(this.api.auditLog(this.query()));
      this.rows.set(page.items.map(toRow));
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.loadError.set(describeHttpError(error, 'The audit log could not be loaded.'));
    }
  }

  async more(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor) return;
    this.loadingMore.set(true);
    try {
      const page = await firstValueFrom(this.api.auditLog({ ...this.query(), cursor }));
      this.rows.update((rows) => [...(rows ?? []), ...page.items.map(toRow)]);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.actionError.set(describeHttpError(error, 'More entries could not be loaded.'));
    } finally {
      this.loadingMore.set(false);
    }
  }

  async unmerge(row: Row): Promise<void> {
    const target = row.entry.entityId;
    const merged = row.mergedCustomerId;
    if (!target || !merged || !confirm('Undo this merge? The identities, conversations and messages that moved go back to the other customer.')) return;
    this.unmerging.set(row.entry.id);
    this.actionError.set(null);
    try {
      const result = await firstValueFrom(this.customers.unmerge(target, merged));
      this.notice.set(`Unmerged: ${result.restoredCustomer.name ?? 'the customer'} stands on their own again.`);
      await this.load();
    } catch (error) {
      this.actionError.set(describeHttpError(error, 'The merge could not be undone.'));
    } finally {
      this.unmerging.set(null);
    }
  }

  protected actorName(id: string | null): string {
    if (!id) return 'System';
    return this.users().find((u) => u.id === id)?.name ?? 'Unknown user';
  }

  private query(): AuditLogFilter {
    const f = this.filters();
    return {
      limit: PAGE_SIZE,
      actorId: f.actorId || undefined,
      entity: f.entity || undefined,
      from: f.from ? localDayStart(f.from, 0) : undefined,
      // The "to" day is included: up to the start of the next day.
      to: f.to ? localDayStart(f.to, 1) : undefined,
    };
  }
}

function toRow(entry: AuditEntryView): Row {
  return { entry, changes: auditChanges(entry), mergedCustomerId: mergedCustomerOf(entry) };
}

function localDayStart(day: string, plusDays: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + plusDays).toISOString();
}
