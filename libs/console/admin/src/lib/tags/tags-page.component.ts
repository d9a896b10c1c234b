import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { describeHttpError, TagsApi } from '@throughline/console/data-access';
import { TAG_NAME_MAX, type TagView } from '@throughline/domain';
import { firstValueFrom, type Observable } from 'rxjs';

const DEFAULT_COLOR = '#2f80ed';

/** Tags agents put on conversations (admins): create, rename, recolour, delete. */
@Component({
  selector: 'tl-tags-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  templateUrl: './tags-page.component.html',
  styleUrls: ['../admin-screen.css', './tags-page.component.css'],
})
export class TagsPageComponent {
  private readonly api = inject(TagsApi);

  protected readonly maxName = TAG_NAME_MAX;
  protected readonly tags = signal<TagView[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly newName = signal('');
  protected readonly newColor = signal(DEFAULT_COLOR);

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    this.tags.set(null);
    try {
      this.tags.set(await firstValueFrom(this.api.list()));
    } catch (error) {
      this.loadError.set(describeHttpError(error, 'The tags could not be loaded.'));
    }
  }

  async create(): Promise<void> {
    const created = await this.run(this.api.create({ name: this.newName(), color: this.newColor() }), 'The tag was not created.');
    if (!created) return;
    this.newName.set('');
    this.tags.update((tags) => [...(tags ?? []), created.value].sort(byName));
  }

  /** Saves a rename or a new colour; an unchanged or blank name is not sent. */
  async save(tag: TagView, name: string, color: string): Promise<void> {
    const changes: Partial<Omit<TagView, 'id'>> = {};
    if (name.trim() && name.trim() !== tag.name) changes.name = name;
    if (color !== tag.color) changes.color = color;
    if (!changes.name && !changes.color) return;
    const saved = await this.run(this.api.update(tag.id, changes), `${tag.name} was not saved.`);
    if (saved) this.tags.update((tags) => (tags ?? []).map((t) => (t.id === tag.id ? saved.value : t)).sort(byName));
  }

  async remove(tag: TagView): Promise<void> {
    if (!confirm(`Delete the tag ${tag.name}? It is taken off every conversation.`)) return;
    if (await this.run(this.api.remove(tag.id), `${tag.name} was not deleted.`)) this.tags.update((tags) => (tags ?? []).filter((t) => t.id !== tag.id));
  }

  /** One request at a time; its refusal (e.g. a duplicate name) is shown above the list. Null when refused. */
  private async run<T>(request: Observable<T>, fallback: string): Promise<{ value: T } | null> {
    this.busy.set(true);
    this.error.set(null);
    try {
      return { value: await firstValueFrom(request) };
    } catch (error) {
      this.error.set(describeHttpError(error, fallback));
      return null;
    } finally {
      this.busy.set(false);
    }
  }
}

const byName = (a: TagView, b: TagView) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
