import type {
  DirectoryEntry,
  GroupCategory,
  GroupInfo,
  GroupWelcome,
  PairedGroup,
} from '../../../src/contracts/group-info.js';
import { h, on, tr } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { api } from '../core/http.js';
import { notice } from '../core/page.js';
import type { PlainKey } from '../i18n/i18n.js';
import { msg } from '../i18n/i18n.js';
import { startsSoon } from '../chat/starts-soon.js';
import { groupApi, groupPath } from './groups.js';

export type { DirectoryEntry, GroupInfo };

export const CATEGORY_LABELS: Record<GroupCategory, PlainKey> = {
  psychological: 'category.psychological',
  physical: 'category.physical',
  addiction: 'category.addiction',
  social: 'category.social',
  relatives: 'category.relatives',
};

export function loadGroupInfo(slug: string, signal?: AbortSignal): Promise<GroupInfo> {
  return api.get<GroupInfo>(groupApi(slug, '/info'), { signal });
}

/** "For relatives: <the other group>" or "For people who live it: <…>": the pair, never anyone in it. */
export function pairedLine(paired: PairedGroup): HTMLElement {
  return h(
    'p',
    { class: 'paired-group' },
    tr(paired.audience === 'relatives' ? 'info.pairedRelatives' : 'info.pairedPeers'),
    ' ',
    h('a', { href: groupPath(paired.slug, '/about') }, paired.name),
  );
}

function section(heading: PlainKey, text: string): HTMLElement | null {
  // People's texts are shown as text; an empty part is left out rather than shown blank.
  return text.trim()
    ? h('section', { class: 'info-part' }, h('h2', {}, tr(heading)), h('p', { class: 'user-text' }, text))
    : null;
}

/**
 * When the group meets next, with "starts in 7 min" counting down from ten minutes before; for a
 * member, a link to the sessions to sign up or join.
 */
export function nextSessionLine(info: GroupInfo, sessionsLink?: string): HTMLElement {
  if (!info.nextSessionAt) {
    return h('p', { class: 'next-session' }, tr('info.noSession'));
  }
  return h(
    'p',
    { class: 'next-session', 'data-testid': 'next-session' },
    tr('info.nextSession'),
    ' ',
    timeElement(info.nextSessionAt),
    ' ',
    startsSoon(info.nextSessionAt),
    sessionsLink ? h('span', {}, ' · ', h('a', { href: sessionsLink }, tr('info.toSessions'))) : null,
  );
}

/**
 * A group's information page as a guest reads it: what it is for, who it is for, how sessions go,
 * its rules, counts of members and moderators, the next session, and a plain note when no
 * moderator is active (crisis responders cover it).
 */
export function infoSections(info: GroupInfo, options: { pledge: boolean; members?: boolean }): HTMLElement {
  const counts = h(
    'ul',
    { class: 'facts-inline info-counts' },
    options.members === false
      ? null
      : h(
          'li',
          {},
          info.memberCount === 1 ? tr('groups.oneMember') : tr('groups.members', { count: info.memberCount }),
        ),
    h(
      'li',
      {},
      info.moderatorCount === 1 ? tr('info.oneModerator') : tr('info.moderators', { count: info.moderatorCount }),
    ),
    h('li', {}, tr(CATEGORY_LABELS[info.category])),
  );
  return h(
    'div',
    { class: 'group-info' },
    counts,
    info.moderatorCount === 0 ? notice(msg('info.noModerator')) : null,
    nextSessionLine(info),
    info.pairedGroup ? pairedLine(info.pairedGroup) : null,
    section('info.purpose', info.purpose),
    section('info.whoFor', info.whoFor),
    section('info.sessions', info.sessionFormat),
    section('info.rules', info.rules),
    info.topics.length ? section('info.topics', info.topics.join(', ')) : null,
    options.pledge ? section('info.pledge', info.pledge) : null,
  );
}

/**
 * The newcomer's welcome on their first visits: short, pointing to the pinned introductions thread
 * (answering it is optional), gone for good once closed.
 */
export function welcomeBanner(slug: string, signal: AbortSignal): HTMLElement {
  const region = h('div', {});
  api
    .get<GroupWelcome>(groupApi(slug, '/welcome'), { signal })
    .then((welcome) => {
      if (!welcome.show) {
        return;
      }
      const close = on(h('button', { type: 'button', class: 'button' }, tr('welcome.dismiss')), 'click', () => {
        region.replaceChildren();
        void api.post<void>(groupApi(slug, '/welcome/dismiss'), {}).catch(() => undefined);
      });
      region.replaceChildren(
        h(
          'section',
          { class: 'panel welcome', 'aria-labelledby': 'welcome-heading' },
          h('h2', { id: 'welcome-heading' }, tr('welcome.heading')),
          h('p', {}, tr('welcome.text')),
          welcome.threadId
            ? h('p', {}, h('a', { href: groupPath(slug, `/threads/${welcome.threadId}`) }, tr('welcome.link')))
            : null,
          h('div', { class: 'actions' }, close),
        ),
      );
    })
    .catch(() => undefined);
  return region;
}
