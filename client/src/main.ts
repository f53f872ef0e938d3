import './styles.css';
import './theme.css';
import { isLoggedIn, onSessionChange, resume } from './auth/session.js';
import { flash } from './core/flash.js';
import { createLayout } from './core/layout.js';
import { registerServiceWorker } from './core/offline.js';
import { errorView } from './core/page.js';
import { savedLanguage } from './core/prefs.js';
import { refreshPage, Router, startRouter } from './core/router.js';
import { detectLanguage, msg, setLanguage } from './i18n/i18n.js';
import { routes } from './routes.js';
import { isDiscreet } from './safety/discreet.js';
import { installQuickExitKeys } from './safety/quick-exit.js';
import { notFoundPage } from './site/not-found.page.js';

// The quick exit works before anything else is ready.
installQuickExitKeys();
// The app shell opens at once next time, and without a connection (never any content: core/offline.ts).
registerServiceWorker();

setLanguage(savedLanguage() ?? detectLanguage(navigator.languages));

const root = document.getElementById('app');
if (!root) {
  throw new Error('index.html has no #app element');
}
const layout = createLayout(root);

onSessionChange((loggedIn, reason) => {
  if (!loggedIn && reason === 'expired') {
    flash(msg('error.sessionEnded'));
    refreshPage();
  }
});

// On a device the member marked as their own, the login cookie reopens the session before the first page.
void resume().finally(() =>
  startRouter(
    new Router(routes, {
      outlet: layout.outlet,
      notFound: notFoundPage,
      isLoggedIn,
      loginPath: (next) => `/login?next=${encodeURIComponent(next)}`,
      replaceHistory: isDiscreet,
      onView: (view, initial) => layout.showView(view, initial),
      onError: errorView,
    }),
  ),
);
