import { h, tr } from '../core/dom.js';
import { para, view } from '../core/page.js';
import type { Page } from '../core/router.js';

export const notFoundPage: Page = () =>
  view('notFound.title', [para('notFound.text'), h('p', {}, h('a', { href: '/' }, tr('notFound.home')))]);
