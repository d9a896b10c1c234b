import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreatedPersonView, LoginResponse, PersonView, ResetLinkView, Role } from '@throughline/domain';
import type { Observable } from 'rxjs';

export interface NewPerson {
  email: string;
  name: string;
  role: Role;
  capacity?: number | null;
}

export type PersonChanges = Partial<{ name: string; role: Role; disabled: boolean; capacity: number | null }>;

/** People and their passwords: the admin's invites and edits, and everyone's own password. */
@Injectable({ providedIn: 'root' })
export class PeopleApi {
  private readonly http = inject(HttpClient);

  list(): Observable<PersonView[]> {
    return this.http.get<PersonView[]>('/api/users');
  }

  /** The answer carries the invite link, to pass on when it was not emailed. */
  invite(person: NewPerson): Observable<CreatedPersonView> {
    return this.http.post<CreatedPersonView>('/api/users', person);
  }

  update(id: string, changes: PersonChanges): Observable<PersonView> {
    return this.http.patch<PersonView>(`/api/users/${id}`, changes);
  }

  resetLink(id: string): Observable<ResetLinkView> {
    return this.http.post<ResetLinkView>(`/api/users/${id}/reset-link`, {});
  }

  /** Sets the password from an invite or reset link; answers with a sign-in. */
  setPasswordWithLink(purpose: 'invite' | 'reset', token: string, password: string): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(purpose === 'invite' ? '/api/auth/accept-invite' : '/api/auth/reset-password', { token, password });
  }

  changePassword(currentPassword: string, newPassword: string): Observable<LoginResponse> {
    return this.http.post<LoginResponse>('/api/auth/password', { currentPassword, newPassword });
  }
}
