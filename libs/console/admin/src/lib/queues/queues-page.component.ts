import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ConversationsApi, describeHttpError, WorkspaceAdminApi } from '@throughline/console/data-access';
import type { QueueView, TeamView, UserView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';

/** The open form: a queue or a team, new (id null) or existing. */
interface Draft {
  kind: 'queue' | 'team';
  id: string | null;
  name: string;
  memberIds: string[];
  teamIds: string[];
  archived: boolean;
}

/** Queues (name, members named or by team, archive) and teams, for supervisors and admins. */
@Component({
  selector: 'tl-queues-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  templateUrl: './queues-page.component.html',
  styleUrls: ['../admin-screen.css', '../phrases/phrases-page.component.css', './queues-page.component.css'],
})
export class QueuesPageComponent {
  private readonly api = inject(WorkspaceAdminApi);
  private readonly people = inject(ConversationsApi);

  protected readonly queues = signal<QueueView[] | null>(null);
  protected readonly teams = signal<TeamView[]>([]);
  protected readonly users = signal<UserView[]>([]);
  protected readonly loadError = signal<string | null>(null);
  protected readonly draft = signal<Draft | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    this.queues.set(null);
    try {
      const [queues, teams, users] = await Promise.all([
        firstValueFrom(this.api.queues()),
        firstValueFrom(this.api.teams()),
        firstValueFrom(this.people.users()),
      ]);
      this.teams.set(teams);
      this.users.set(users);
      this.queues.set(queues);
    } catch (error) {
      this.loadError.set(describeHttpError(error, 'The queues could not be loaded.'));
    }
  }

  protected names(ids: readonly string[], from: ReadonlyArray<{ id: string; name: string }>): string {
    return ids.map((id) => from.find((x) => x.id === id)?.name ?? 'unknown').join(', ') || '—';
  }

  newQueue(): void {
    this.open({ kind: 'queue', id: null, name: '', memberIds: [], teamIds: [], archived: false });
  }

  newTeam(): void {
    this.open({ kind: 'team', id: null, name: '', memberIds: [], teamIds: [], archived: false });
  }

  editQueue(queue: QueueView): void {
    this.open({ kind: 'queue', id: queue.id, name: queue.name, memberIds: [...queue.memberIds], teamIds: [...queue.teamIds], archived: queue.archived });
  }

  editTeam(team: TeamView): void {
    this.open({ kind: 'team', id: team.id, name: team.name, memberIds: [...team.memberIds], teamIds: [], archived: false });
  }

  cancel(): void {
    this.draft.set(null);
    this.formError.set(null);
  }

  set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft.update((d) => (d ? { ...d, [key]: value } : d));
  }

  toggle(key: 'memberIds' | 'teamIds', id: string, on: boolean): void {
    this.draft.update((d) => (d ? { ...d, [key]: on ? [...d[key], id] : d[key].filter((x) => x !== id) } : d));
  }

  async save(): Promise<void> {
    const d = this.draft();
    if (!d) return;
    this.saving.set(true);
    this.formError.set(null);
    try {
      if (d.kind === 'queue') {
        const id = d.id ?? (await firstValueFrom(this.api.createQueue(d.name))).id;
        await firstValueFrom(this.api.updateQueue(id, { name: d.name, memberIds: d.memberIds, teamIds: d.teamIds, archived: d.archived }));
      } else if (d.id) {
        await firstValueFrom(this.api.updateTeam(d.id, { name: d.name, memberIds: d.memberIds }));
      } else {
        await firstValueFrom(this.api.createTeam(d.name, d.memberIds));
      }
      this.draft.set(null);
      this.notice.set(`Saved ${d.kind} “${d.name.trim()}”.`);
      await this.load();
    } catch (error) {
      this.formError.set(describeHttpError(error, `The ${d.kind} could not be saved.`));
    } finally {
      this.saving.set(false);
    }
  }

  /** Only an empty queue goes; the server's 409 says to archive one with conversations. */
  async removeQueue(): Promise<void> {
    const d = this.draft();
    if (!d?.id || d.kind !== 'queue' || !confirm(`Delete the queue “${d.name}”?`)) return;
    this.saving.set(true);
    this.formError.set(null);
    try {
      await firstValueFrom(this.api.deleteQueue(d.id));
      this.draft.set(null);
      this.notice.set(`Deleted queue “${d.name}”.`);
      await this.load();
    } catch (error) {
      this.formError.set(describeHttpError(error, 'The queue could not be deleted.'));
    } finally {
      this.saving.set(false);
    }
  }

  private open(draft: Draft): void {
    this.notice.set(null);
    this.formError.set(null);
    this.draft.set(draft);
  }
}
