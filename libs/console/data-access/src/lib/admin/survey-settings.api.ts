import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { SurveySettingsView } from '@throughline/domain';
import type { Observable } from 'rxjs';

/** Any part of the survey settings; what is left out stays. */
export interface SurveySettingsChanges {
  csat?: Partial<SurveySettingsView['csat']>;
  ces?: Partial<SurveySettingsView['ces']>;
  nps?: Partial<SurveySettingsView['nps']>;
}

/** The workspace's customer surveys (admins). */
@Injectable({ providedIn: 'root' })
export class SurveySettingsApi {
  private readonly http = inject(HttpClient);

  get(): Observable<SurveySettingsView> {
    return this.http.get<SurveySettingsView>('/api/settings/surveys');
  }

  update(changes: SurveySettingsChanges): Observable<SurveySettingsView> {
    return this.http.patch<SurveySettingsView>('/api/settings/surveys', changes);
  }
}
