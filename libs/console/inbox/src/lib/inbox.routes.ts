import type { Route } from '@angular/router';
import { InboxPageComponent } from './inbox-page/inbox-page.component';

export const inboxRoutes: Route[] = [{ path: '', component: InboxPageComponent, title: 'Inbox · Throughline' }];
