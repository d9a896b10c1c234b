import type { Route } from '@angular/router';
import { InboxPageComponent } from './inbox-page/inbox-page.component';
import { NoConversationComponent } from './no-conversation/no-conversation.component';

export const inboxRoutes: Route[] = [
  {
    path: '',
    component: InboxPageComponent,
    title: 'Inbox · Throughline',
    children: [
      { path: '', component: NoConversationComponent },
      {
        path: 'c/:conversationId',
        loadComponent: () => import('@throughline/console/conversation').then((m) => m.ConversationPageComponent),
        title: 'Conversation · Throughline',
      },
    ],
  },
];
