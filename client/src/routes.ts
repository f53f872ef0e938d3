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
 * A page loaded on first visit, in a chunk of its own: groups, forum, moderation, admin and chat
 * stay out of the first page's JavaScript.
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
  {
    path: '/groups/:slug/about',
    page: lazy(() => import('./groups/about.page.js').then((module) => module.aboutPage)),
  },
  {
    path: '/groups/:slug/about/edit',
    page: lazy(() => import('./groups/about.page.js').then((module) => module.aboutEditPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/hosts',
    page: lazy(() => import('./groups/hosts.page.js').then((module) => module.hostsPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/threads/new',
    page: lazy(() => import('./forum/new-thread.page.js').then((module) => module.newThreadPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/threads/:threadId',
    page: lazy(() => import('./forum/thread.page.js').then((module) => module.threadPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/notices',
    page: lazy(() => import('./groups/notices.page.js').then((module) => module.noticesPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/membership',
    page: lazy(() => import('./groups/membership.page.js').then((module) => module.membershipPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/moderation',
    page: lazy(() => import('./moderation/queue.page.js').then((module) => module.queuePage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/moderation/audit',
    page: lazy(() => import('./moderation/audit.page.js').then((module) => module.auditPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/moderation/appeals',
    page: lazy(() => import('./moderation/appeals.page.js').then((module) => module.appealsPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/moderation/words',
    page: lazy(() => import('./moderation/words.page.js').then((module) => module.wordsPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/chat',
    page: lazy(() => import('./chat/chat.page.js').then((module) => module.chatPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/sessions',
    page: lazy(() => import('./chat/sessions.page.js').then((module) => module.sessionsPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/sessions/:id',
    page: lazy(() => import('./chat/session.page.js').then((module) => module.sessionPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/proposals',
    page: lazy(() => import('./groups/proposals.page.js').then((module) => module.proposalsPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/settings',
    page: lazy(() => import('./groups/settings.page.js').then((module) => module.settingsPage)),
    requiresLogin: true,
  },
  { path: '/r/:code', page: lazy(() => import('./groups/referral.page.js').then((module) => module.referralPage)) },
  {
    path: '/propose-group',
    page: lazy(() => import('./groups/propose-group.page.js').then((module) => module.proposeGroupPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/buddies',
    page: lazy(() => import('./chat/buddies.page.js').then((module) => module.buddiesPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/buddies/:pairId',
    page: lazy(() => import('./chat/buddy.page.js').then((module) => module.buddyPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/support',
    page: lazy(() => import('./chat/support.page.js').then((module) => module.supportListPage)),
    requiresLogin: true,
  },
  {
    path: '/groups/:slug/support/:chatId',
    page: lazy(() => import('./chat/support.page.js').then((module) => module.supportPage)),
    requiresLogin: true,
  },
  {
    path: '/search',
    page: lazy(() => import('./forum/search.page.js').then((module) => module.searchPage)),
    requiresLogin: true,
  },
  {
    path: '/admin',
    page: lazy(() => import('./admin/admin.page.js').then((module) => module.adminPage)),
    requiresLogin: true,
  },
  {
    path: '/admin/groups/new',
    page: lazy(() => import('./admin/group-edit.page.js').then((module) => module.newGroupPage)),
    requiresLogin: true,
  },
  {
    path: '/admin/groups/:slug',
    page: lazy(() => import('./admin/group-edit.page.js').then((module) => module.editGroupPage)),
    requiresLogin: true,
  },
  {
    path: '/admin/group-proposals',
    page: lazy(() => import('./admin/group-proposals.page.js').then((module) => module.adminGroupProposalsPage)),
    requiresLogin: true,
  },
  {
    path: '/admin/offline-groups',
    page: lazy(() => import('./admin/offline-groups.page.js').then((module) => module.offlineGroupsPage)),
    requiresLogin: true,
  },
  {
    path: '/admin/words',
    page: lazy(() => import('./admin/words.page.js').then((module) => module.siteWordsPage)),
    requiresLogin: true,
  },
  {
    path: '/admin/members',
    page: lazy(() => import('./admin/member.page.js').then((module) => module.adminMemberPage)),
    requiresLogin: true,
  },
  {
    path: '/admin/crisis',
    page: lazy(() => import('./admin/crisis.page.js').then((module) => module.adminCrisisPage)),
    requiresLogin: true,
  },
  {
    path: '/crisis',
    page: lazy(() => import('./crisis/desk.page.js').then((module) => module.deskPage)),
    requiresLogin: true,
  },
  { path: '/help', page: helpPage },
  {
    path: '/notifications',
    page: lazy(() => import('./notifications/notifications.page.js').then((module) => module.notificationsPage)),
    requiresLogin: true,
  },
];
