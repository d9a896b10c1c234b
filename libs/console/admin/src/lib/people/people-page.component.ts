import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AuthStore, describeHttpError, PeopleApi } from '@throughline/console/data-access';
import { ROLES, type PersonView, type Role } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';

export const ROLE_LABELS: Record<Role, string> = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Admin' };
const STATUS_LABELS: Record<PersonView['status'], string> = { active: 'Active', invited: 'Invited', disabled: 'Disabled' };

/** A link shown once with a copy button: an invite or a reset link. */
interface ShownLink {
  title: string;
  url: string;
  emailed: boolean;
}

/**
 * People: invite colleagues, change their role and capacity, switch them off (at once: their
 * tokens are refused and their live connections dropped) and send reset links. Nobody is deleted.
 */
@Component({
  selector: 'tl-people-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  templateUrl: './people-page.component.html',
  styleUrls: ['../admin-screen.css', './people-page.component.css'],
})
export class PeoplePageComponent {
  private readonly api = inject(PeopleApi);
  private readonly auth = inject(AuthStore);

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly people = signal<PersonView[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly inviting = signal(false);
  protected readonly inviteError = signal<string | null>(null);
  protected readonly link = signal<ShownLink | null>(null);
  protected readonly copied = signal(false);
  /** The person whose switch-off is being confirmed. */
  protected readonly confirming = signal<PersonView | null>(null);
  protected readonly meId = computed(() => this.auth.user()?.id ?? null);

  protected draft = { email: '', name: '', role: 'agent' as Role, capacity: null as number | null };

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.error.set(null);
    try {
      this.people.set(await firstValueFrom(this.api.list()));
    } catch (error) {
      this.error.set(describeHttpError(error, 'The people could not be loaded.'));
    }
  }

  protected openInvite(): void {
    this.draft = { email: '', name: '', role: 'agent', capacity: null };
    this.inviteError.set(null);
    this.link.set(null);
    this.inviting.set(true);
  }

  protected async invite(): Promise<void> {
    this.inviteError.set(null);
    try {
      const capacity = this.draft.capacity === null || (this.draft.capacity as unknown) === '' ? null : Number(this.draft.capacity);
      const created = await firstValueFrom(this.api.invite({ ...this.draft, capacity }));
      this.inviting.set(false);
      this.show({ title: `Invite for ${created.user.name}`, url: created.inviteUrl, emailed: created.emailed });
      await this.load();
    } catch (error) {
      this.inviteError.set(describeHttpError(error, 'The invite could not be created.'));
    }
  }

  protected async changeRole(person: PersonView, role: string): Promise<void> {
    await this.save(person, { role: role as Role });
  }

  protected async changeCapacity(person: PersonView, value: string): Promise<void> {
    await this.save(person, { capacity: value === '' ? null : Number(value) });
  }

  protected async setDisabled(person: PersonView, disabled: boolean): Promise<void> {
    this.confirming.set(null);
    await this.save(person, { disabled });
  }

  protected async sendReset(person: PersonView): Promise<void> {
    this.busy.set(person.id);
    try {
      const reset = await firstValueFrom(this.api.resetLink(person.id));
      this.show({ title: `Reset link for ${person.name}`, url: reset.resetUrl, emailed: reset.emailed });
    } catch (error) {
      this.error.set(describeHttpError(error, 'The reset link could not be created.'));
    } finally {
      this.busy.set(null);
    }
  }

  protected async copy(url: string): Promise<void> {
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    this.copied.set(true);
  }

  private show(link: ShownLink): void {
    this.copied.set(false);
    this.link.set(link);
  }

  private async save(person: PersonView, changes: Parameters<PeopleApi['update']>[1]): Promise<void> {
    this.busy.set(person.id);
    this.error.set(null);
    try {
      const saved = await firstValueFrom(this.api.update(person.id, changes));
      this.people.update((list) => list?.map((p) => (p.id === saved.id ? saved : p)) ?? null);
    } catch (error) {
      this.error.set(describeHttpError(error, `${person.name} could not be changed.`));
      await this.load();
    } finally {
      this.busy.set(null);
    }
  }
}
