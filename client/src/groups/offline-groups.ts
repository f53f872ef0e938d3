import type { OfflineGroupEntry } from '../../../src/contracts/offline-groups.js';
import { h, tr } from '../core/dom.js';
import { api } from '../core/http.js';
import { para } from '../core/page.js';
import { CATEGORY_LABELS } from './group-info.js';

function offlineCard(group: OfflineGroupEntry): HTMLLIElement {
  // An organisation's public listing: every text shown as text.
  return h(
    'li',
    { class: 'card offline-group' },
    h('h3', {}, group.name),
    h('p', { class: 'badge offline-badge' }, tr('offline.badge')),
    h('p', { class: 'user-text' }, group.topic),
    h(
      'ul',
      { class: 'facts-inline' },
      h('li', {}, tr('offline.region', { region: group.region })),
      h('li', {}, tr('offline.rhythm', { rhythm: group.rhythm })),
      h('li', {}, tr(CATEGORY_LABELS[group.category])),
      group.audience === 'relatives' ? h('li', {}, tr('groups.forRelatives')) : null,
    ),
    h('p', {}, tr('offline.contact', { contact: group.contact })),
  );
}

/**
 * The groups that meet in person for the directory's search (the same words and filters as the
 * online groups, and a place: "Gent", "in de buurt van Gent"), as a section beside the online ones.
 * Nothing is shown when none match.
 */
export async function offlineSection(search: string, signal: AbortSignal): Promise<HTMLElement | null> {
  const groups = await api.get<OfflineGroupEntry[]>(`/api/offline-groups${search ? `?${search}` : ''}`, { signal });
  if (!groups.length) {
    return null;
  }
  return h(
    'section',
    { class: 'offline-groups', 'aria-labelledby': 'offline-heading' },
    h('h2', { id: 'offline-heading' }, tr('offline.heading')),
    para('offline.intro'),
    h(
      'p',
      { class: 'result-count' },
      groups.length === 1 ? tr('offline.oneFound') : tr('offline.found', { count: groups.length }),
    ),
    h('ul', { class: 'cards', 'aria-labelledby': 'offline-heading' }, ...groups.map(offlineCard)),
  );
}
