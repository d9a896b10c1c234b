import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthStore } from '@throughline/console/data-access';
import { AppHeaderComponent } from '@throughline/console/ui';
import type { Role } from '@throughline/domain';

interface AdminSection {
  path: string;
  label: string;
  hint: string;
  roles: readonly Role[];
}

const SECTIONS: readonly AdminSection[] = [
  { path: 'connectors', label: 'Connectors', hint: 'Channels, health, failed events', roles: ['admin'] },
  { path: 'people', label: 'People', hint: 'Invites, roles, access', roles: ['admin'] },
  { path: 'phrases', label: 'Phrase library', hint: 'What the insights suggest saying', roles: ['admin', 'supervisor'] },
  { path: 'import', label: 'Catalog & orders', hint: 'CSV imports, products', roles: ['admin'] },
  { path: 'report', label: 'Insights report', hint: 'Suggestions, conversions, prompts', roles: ['admin', 'supervisor'] },
  { path: 'queues', label: 'Queues & teams', hint: 'Members, teams, archive', roles: ['admin', 'supervisor'] },
  { path: 'canned-responses', label: 'Canned responses', hint: 'Replies inserted with /', roles: ['admin', 'supervisor'] },
  { path: 'audit', label: 'Audit log', hint: 'Who changed what, and when', roles: ['admin'] },
  { path: 'surveys', label: 'Surveys', hint: 'CSAT, CES and NPS after resolving', roles: ['admin'] },
  { path: 'tags', label: 'Tags', hint: 'Labels agents put on conversations', roles: ['admin'] },
];

/** The admin and supervisor area: the header, the sections this role may open, and the screen. */
@Component({
  selector: 'tl-admin-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AppHeaderComponent, RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <tl-app-header [user]="auth.user()" [connection]="null" (signOut)="auth.logout()" />
    <div class="area">
      <nav class="sections" aria-label="Admin sections">
        <a class="back" routerLink="/">← Back to inbox</a>
        <ul>
          @for (section of sections(); track section.path) {
            <li>
              <a [routerLink]="section.path" routerLinkActive="active" ariaCurrentWhenActive="page">
                <span class="label">{{ section.label }}</span>
                <span class="hint">{{ section.hint }}</span>
              </a>
            </li>
          }
        </ul>
      </nav>
      <main class="screen">
        <router-outlet />
      </main>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100vh;
    }
    .area {
      flex: 1;
      display: grid;
      grid-template-columns: 14rem minmax(0, 1fr);
      min-height: 0;
    }
    .sections {
      overflow-y: auto;
      padding: 0.75rem 0.5rem;
      border-right: 1px solid var(--tl-border);
      background: var(--tl-surface-muted);
    }
    .sections ul {
      list-style: none;
      margin: 0.5rem 0 0;
      padding: 0;
      display: grid;
      gap: 0.15rem;
    }
    .sections a {
      display: grid;
      padding: 0.4rem 0.6rem;
      border-radius: 0.35rem;
      color: var(--tl-text);
      text-decoration: none;
    }
    .sections a:hover {
      background: var(--tl-surface-hover);
    }
    .sections a.active {
      background: var(--tl-surface);
      box-shadow: 0 0 0 1px var(--tl-border);
    }
    .sections a.active .label {
      font-weight: 600;
    }
    .sections a:focus-visible {
      outline: 2px solid var(--tl-accent);
      outline-offset: 1px;
    }
    .label {
      font-size: 0.875rem;
    }
    .hint {
      font-size: 0.72rem;
      color: var(--tl-text-muted);
    }
    .back {
      font-size: 0.8rem;
      color: var(--tl-text-muted) !important;
    }
    .screen {
      min-width: 0;
      overflow-y: auto;
      padding: 1.25rem 1.5rem 2rem;
    }
  `,
})
export class AdminShellComponent {
  protected readonly auth = inject(AuthStore);
  protected readonly sections = computed(() => {
    const role = this.auth.user()?.role;
    return SECTIONS.filter((s) => role !== undefined && s.roles.includes(role));
  });
}
