import { accountPage } from './account/account.page.js';
import { deleteAccountPage } from './account/delete.page.js';
import { changePasswordPage } from './account/password.page.js';
import { loginPage } from './auth/login.page.js';
import { recoverPage } from './auth/recover.page.js';
import { registerPage } from './auth/register.page.js';
import type { Page, Route } from './core/router.js';
import { helpPage } from './site/help.page.js';
import { homePage } from './site/home.page.js';

/**
 * A page loaded on first visit, in a chunk of its own: the pattern for the heavier areas to come
 * (forum, chat with socket.io-client, moderation), so the first page stays small.
 */
function lazy(load: () => Promise<Page>): Page {
  return async (context) => (await load())(context);
}

export const routes: Route[] = [
  { path: '/', page: homePage },
  { path: '/register', page: registerPage },
  { path: '/login', page: loginPage },
  { path: '/recover', page: recoverPage },
  { path: '/account', page: accountPage, requiresLogin: true },
  { path: '/account/password', page: changePasswordPage, requiresLogin: true },
  { path: '/account/delete', page: deleteAccountPage, requiresLogin: true },
  { path: '/groups', page: lazy(() => import('./groups/directory.page.js').then((module) => module.directoryPage)) },
  { path: '/groups/:slug', page: lazy(() => import('./groups/group.page.js').then((module) => module.groupPage)) },
  { path: '/help', page: helpPage },
];
