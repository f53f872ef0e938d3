import type { PlainKey } from '../i18n/i18n.js';

/**
 * A small history-API router. Routes are patterns (`/groups/:slug`); a page is a function that
 * returns its view (or a promise of one, so a page can be loaded lazily with `import()`). Each
 * page gets an AbortSignal that fires when the member navigates away, for its fetches and, later,
 * its socket subscriptions; `dispose` runs then too.
 */
export interface PageContext {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Aborted when this page is left. */
  signal: AbortSignal;
}

export interface View {
  /** The page's `<title>` (before the site name), unless discreet mode hides it. */
  title: PlainKey;
  node: Node;
  dispose?: () => void;
}

export type Page = (context: PageContext) => View | Promise<View>;

export interface Route {
  path: string;
  page: Page;
  /** Only for a logged-in member; others are sent to the login page and back afterwards. */
  requiresLogin?: boolean;
}

export interface RouterOptions {
  outlet: HTMLElement;
  notFound: Page;
  isLoggedIn: () => boolean;
  /** Where to send a visitor who is not logged in, given the path they wanted. */
  loginPath: (next: string) => string;
  /** When true, moving around replaces the history entry instead of adding one (discreet mode). */
  replaceHistory: () => boolean;
  onView: (view: View, initial: boolean) => void;
  onError: (error: unknown) => View;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}/?$`), names };
}

/** A same-site path that is safe to go to after logging in (no `//host`, no API). */
export function safeNextPath(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/api')) {
    return null;
  }
  return value;
}

export class Router {
  private readonly routes: CompiledRoute[];
  private current: { view: View; controller: AbortController } | null = null;
  private generation = 0;

  constructor(
    routes: Route[],
    private readonly options: RouterOptions,
  ) {
    this.routes = routes.map(compile);
  }

  start(): void {
    window.addEventListener('popstate', () => void this.render(false));
    document.addEventListener('click', (event) => this.interceptLink(event));
    void this.render(true);
  }

  /** Goes to a path inside the app. */
  navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
    if (replace || this.options.replaceHistory()) {
      history.replaceState(null, '', path);
    } else {
      history.pushState(null, '', path);
    }
    window.scrollTo(0, 0);
    void this.render(false);
  }

  /** Shows the current path again (after logging in or out, say). */
  refresh(): void {
    void this.render(false);
  }

  private interceptLink(event: MouseEvent): void {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) {
      return;
    }
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api')) {
      return;
    }
    if (url.hash && url.pathname === location.pathname && url.search === location.search) {
      // An in-page link (the skip link): the browser scrolls and moves focus itself.
      return;
    }
    event.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  }

  private match(pathname: string): { route: CompiledRoute; params: Record<string, string> } | null {
    for (const route of this.routes) {
      const found = route.pattern.exec(pathname);
      if (found) {
        const params: Record<string, string> = {};
        route.names.forEach((name, index) => {
          params[name] = decodeURIComponent(found[index + 1] ?? '');
        });
        return { route, params };
      }
    }
    return null;
  }

  private async render(initial: boolean): Promise<void> {
    const generation = ++this.generation;
    const { pathname, search } = location;
    const found = this.match(pathname);
    if (found?.route.requiresLogin && !this.options.isLoggedIn()) {
      history.replaceState(null, '', this.options.loginPath(pathname + search));
      return this.render(initial);
    }
    this.current?.controller.abort();
    this.current?.view.dispose?.();
    this.current = null;
    const controller = new AbortController();
    const context: PageContext = {
      params: found?.params ?? {},
      query: new URLSearchParams(search),
      signal: controller.signal,
    };
    let view: View;
    try {
      view = await (found ? found.route.page(context) : this.options.notFound(context));
    } catch (error) {
      view = this.options.onError(error);
    }
    if (generation !== this.generation) {
      // The member moved on while this page was loading.
      controller.abort();
      view.dispose?.();
      return;
    }
    this.current = { view, controller };
    this.options.outlet.replaceChildren(view.node);
    this.options.onView(view, initial);
  }
}

let started: Router | null = null;

/** Starts the app's one router; `navigate` goes through it from then on. */
export function startRouter(router: Router): void {
  started = router;
  router.start();
}

/** Goes to a path inside the app (after a form succeeds, say). */
export function navigate(path: string, options?: { replace?: boolean }): void {
  if (started) {
    started.navigate(path, options);
  } else {
    location.assign(path);
  }
}

/** Renders the current path again. */
export function refreshPage(): void {
  started?.refresh();
}
