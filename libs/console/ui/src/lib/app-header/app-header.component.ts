import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import type { AgentStatus, ChosenAgentStatus, UserView } from '@throughline/domain';
import { ConnectionIndicatorComponent, type ConnectionState } from '../connection-indicator/connection-indicator.component';

const ROLE_LABELS: Record<UserView['role'], string> = {
  agent: 'Agent',
  supervisor: 'Supervisor',
  admin: 'Admin',
};

/**
 * The console's top bar: product name, the Inbox / Admin / Wallboard / Reports switch (admins and supervisors
 * only), the agent's own presence toggle (online ⇄ away), live-connection state (left out where nothing is live), who is signed in, Sign out.
 */
@Component({
  selector: 'tl-app-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConnectionIndicatorComponent, RouterLink, RouterLinkActive],
  host: { role: 'banner' },
  template: `
    <div class="brand">
      <span class="mark" aria-hidden="true"></span>
      <span>Throughline</span>
    </div>
    @if (canAdminister()) {
      <nav class="sections" aria-label="Console sections">
        <a routerLink="/" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">Inbox</a>
        <a routerLink="/admin" routerLinkActive="active" ariaCurrentWhenActive="page">Admin</a>
        <a routerLink="/supervisor" routerLinkActive="active" ariaCurrentWhenActive="page">Wallboard</a>
        <a routerLink="/reports" routerLinkActive="active" ariaCurrentWhenActive="page">Reports</a>
      </nav>
    }
    <div class="end">
      @if (presence(); as status) {
        <button
          type="button"
          [class]="'presence ' + status"
          [attr.aria-label]="'You are ' + status + ': set yourself ' + nextPresence()"
          [title]="'Set yourself ' + nextPresence()"
          (click)="presenceChange.emit(nextPresence())"
        >
          <span class="dot" aria-hidden="true"></span>{{ status }}
        </button>
      }
      @if (connection(); as state) {
        <tl-connection-indicator [state]="state" />
      }
      @if (user(); as u) {
        <a class="user" routerLink="/account/password" aria-label="Change your password" [attr.title]="u.email + ' · change password'">
          <span class="avatar" aria-hidden="true">{{ initials() }}</span>
          <span class="who">
            <span class="name">{{ u.name }}</span>
            <span class="role">{{ roleLabel() }}</span>
          </span>
        </a>
      }
      <button type="button" class="sign-out" (click)="signOut.emit()">Sign out</button>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
      height: 3.5rem;
      padding: 0 1.25rem;
      background: var(--tl-surface, #fff);
      border-bottom: 1px solid var(--tl-border, #e2e8f0);
    }
    .brand {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font-weight: 600;
    }
    a.user {
      color: inherit;
      text-decoration: none;
    }
    .mark {
      width: 1.1rem;
      height: 1.1rem;
      border-radius: 0.3rem;
      background: linear-gradient(135deg, var(--tl-accent, #2563eb) 0 50%, #60a5fa 50% 100%);
    }
    .sections {
      display: flex;
      gap: 0.25rem;
      margin-right: auto;
    }
    .sections a {
      padding: 0.3rem 0.7rem;
      border-radius: 0.4rem;
      font-size: 0.875rem;
      color: var(--tl-text-muted, #64748b);
      text-decoration: none;
    }
    .sections a:hover {
      background: var(--tl-surface-muted, #f1f5f9);
      color: var(--tl-text, #0f172a);
    }
    .sections a.active {
      background: var(--tl-accent-soft, #e0ecff);
      color: var(--tl-accent-strong, #1d4ed8);
      font-weight: 600;
    }
    .sections a:focus-visible {
      outline: 2px solid var(--tl-accent, #2563eb);
      outline-offset: 2px;
    }
    .end {
      display: flex;
      align-items: center;
      gap: 1.25rem;
    }
    .user {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .avatar {
      display: grid;
      place-items: center;
      width: 1.9rem;
      height: 1.9rem;
      border-radius: 50%;
      font-size: 0.75rem;
      font-weight: 600;
      color: var(--tl-text, #0f172a);
      background: var(--tl-surface-muted, #f1f5f9);
      border: 1px solid var(--tl-border, #e2e8f0);
    }
    .who {
      display: grid;
      line-height: 1.2;
    }
    .name {
      font-size: 0.875rem;
      font-weight: 500;
    }
    .role {
      font-size: 0.75rem;
      color: var(--tl-text-muted, #64748b);
    }
    .presence {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      font: inherit;
      font-size: 0.8125rem;
      text-transform: capitalize;
      padding: 0.3rem 0.7rem;
      color: var(--tl-text, #0f172a);
      background: var(--tl-surface, #fff);
      border: 1px solid var(--tl-border-strong, #cbd5e1);
      border-radius: 999px;
      cursor: pointer;
    }
    .presence:focus-visible {
      outline: 2px solid var(--tl-accent, #2563eb);
      outline-offset: 2px;
    }
    .presence .dot {
      width: 0.55rem;
      height: 0.55rem;
      border-radius: 50%;
      background: #94a3b8;
    }
    .presence.online .dot {
      background: #16a34a;
    }
    .presence.away .dot {
      background: #f59e0b;
    }
    .sign-out {
      font: inherit;
      font-size: 0.8125rem;
      padding: 0.35rem 0.75rem;
      color: var(--tl-text, #0f172a);
      background: var(--tl-surface, #fff);
      border: 1px solid var(--tl-border-strong, #cbd5e1);
      border-radius: 0.45rem;
      cursor: pointer;
    }
    .sign-out:hover {
      background: var(--tl-surface-muted, #f1f5f9);
    }
    .sign-out:focus-visible {
      outline: 2px solid var(--tl-accent, #2563eb);
      outline-offset: 2px;
    }
    @media (max-width: 600px) {
      .who {
        display: none;
      }
    }
  `,
})
export class AppHeaderComponent {
  readonly user = input<UserView | null>(null);
  /** Null where the screen has no live updates (the admin screens). */
  readonly connection = input<ConnectionState | null>('offline');
  readonly signOut = output<void>();
  /** The signed-in agent's own presence; null hides the toggle (not known yet, or not offered here). */
  readonly presence = input<AgentStatus | null>(null);
  readonly presenceChange = output<ChosenAgentStatus>();

  protected readonly nextPresence = computed<ChosenAgentStatus>(() => (this.presence() === 'online' ? 'away' : 'online'));

  protected readonly roleLabel = computed(() => {
    const role = this.user()?.role;
    return role ? ROLE_LABELS[role] : '';
  });
  protected readonly canAdminister = computed(() => {
    const role = this.user()?.role;
    return role === 'admin' || role === 'supervisor';
  });
  protected readonly initials = computed(() => initialsOf(this.user()?.name ?? ''));
}

/** "Alex Agent" → "AA"; "cher" → "C"; words that do not start with a letter are skipped. */
export function initialsOf(name: string): string {
  const parts = name
    .trim()
    .split(/\s+/)
    .filter((part) => /^\p{L}/u.test(part));
  if (parts.length === 0) return '?';
  const first = parts[0][0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1][0] ?? '') : '';
  return (first + last).toUpperCase();
}
