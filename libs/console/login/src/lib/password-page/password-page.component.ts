import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthStore, describeHttpError, PeopleApi } from '@throughline/console/data-access';
import { firstValueFrom } from 'rxjs';

/** Kept in step with the API's rule (libs/server/auth password-policy); the API has the last word. */
export const PASSWORD_MIN_LENGTH = 10;

export type PasswordPageMode = 'invite' | 'reset' | 'change';

const TITLES: Record<PasswordPageMode, { title: string; lead: string; submit: string }> = {
  invite: { title: 'Welcome to Throughline', lead: 'Choose a password to finish setting up your account.', submit: 'Set password and sign in' },
  reset: { title: 'Choose a new password', lead: 'Your old password and sessions stop working.', submit: 'Set password and sign in' },
  change: { title: 'Change your password', lead: 'Your other sessions are signed out; this one continues.', submit: 'Change password' },
};

/** `/invite/:token`, `/reset/:token` (set a password from a link) and `/account/password` (change one's own). */
@Component({
  selector: 'tl-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './password-page.component.html',
  styleUrl: '../login-page/login-page.component.css',
})
export class PasswordPageComponent {
  private readonly api = inject(PeopleApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** From the route's data. */
  readonly mode = input<PasswordPageMode>('invite');
  /** From the link's path. */
  readonly token = input<string>('');

  protected readonly text = computed(() => TITLES[this.mode()]);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly current = signal('');
  protected readonly password = signal('');
  protected readonly repeat = signal('');
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal(false);

  protected onInput(field: 'current' | 'password' | 'repeat', event: Event): void {
    this[field].set((event.target as HTMLInputElement).value);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.submitting()) return;
    const problem = this.problem();
    if (problem) {
      this.error.set(problem);
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    try {
      const mode = this.mode();
      const session = await firstValueFrom(
        mode === 'change' ? this.api.changePassword(this.current(), this.password()) : this.api.setPasswordWithLink(mode, this.token(), this.password()),
      );
      this.auth.adopt(session);
      if (mode === 'change') this.done.set(true);
      else await this.router.navigateByUrl('/');
    } catch (error) {
      this.error.set(describeHttpError(error, 'The password could not be set. Try again.'));
    } finally {
      this.submitting.set(false);
    }
  }

  private problem(): string | null {
    if (this.mode() === 'change' && !this.current()) return 'Enter your current password.';
    if (this.password().length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    if (this.password() !== this.repeat()) return 'The two passwords differ.';
    return null;
  }
}
