import type { Route } from '@angular/router';
import { WallboardPageComponent } from './wallboard-page/wallboard-page.component';

export const supervisorRoutes: Route[] = [{ path: '', title: 'Wallboard · Throughline', component: WallboardPageComponent }];
