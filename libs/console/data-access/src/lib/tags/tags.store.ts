import { inject, Injectable, signal } from '@angular/core';
import type { TagView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { TagsApi } from './tags.api';

/** The workspace's tags, loaded once per session for the tag picker and the inbox filter. */
@Injectable({ providedIn: 'root' })
export class TagsStore {
  private readonly api = inject(TagsApi);
  private readonly tagsSignal = signal<TagView[]>([]);
  private loading: Promise<void> | null = null;

  readonly tags = this.tagsSignal.asReadonly();

  /** Loads once; a failed load is tried again on the next call. */
  load(): Promise<void> {
    this.loading ??= firstValueFrom(this.api.list()).then(
      (tags) => this.tagsSignal.set(tags),
      () => {
        this.loading = null;
      },
    );
    return this.loading;
  }
}
