import { h, tr } from '../core/dom.js';
import { describeError } from '../core/forms.js';
import { api, isAbort } from '../core/http.js';
import { notice } from '../core/page.js';
import type { Page } from '../core/router.js';
import { msg } from '../i18n/i18n.js';
import { type GroupDetail, type GroupSummary, isGroupSummary } from './groups.js';

/**
 * A group's page, for now its description and pledge only; joining, the forum and the chat come
 * with their APIs. Everything from the group is written by people and shown as text.
 */
export const groupPage: Page = ({ params, signal }) => {
  const heading = h('h1', {}, tr('group.title'));
  const content = h('div', { 'aria-busy': 'true' });
  api
    .get<unknown>(`/api/groups/${encodeURIComponent(params.slug ?? '')}`, { signal })
    .then((body) => {
      if (!isGroupSummary(body)) {
        content.replaceChildren(notice(msg('group.notYet')));
        return;
      }
      const group: GroupSummary & Partial<GroupDetail> = body;
      heading.replaceChildren(group.name);
      content.replaceChildren(
        h('p', { class: 'lead user-text' }, group.description),
        ...(typeof group.pledge === 'string' ? [h('blockquote', { class: 'pledge user-text' }, group.pledge)] : []),
        notice(msg('group.notYet')),
      );
    })
    .catch((error: unknown) => {
      if (isAbort(error)) {
        return;
      }
      content.replaceChildren(notice(describeError(error), 'error'));
    })
    .finally(() => content.removeAttribute('aria-busy'));
  return {
    title: 'group.title',
    node: h('div', { class: 'view' }, heading, content, h('p', {}, h('a', { href: '/groups' }, tr('group.back')))),
  };
};
