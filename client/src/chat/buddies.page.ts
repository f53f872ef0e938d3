import {
  type BuddyAvailabilityView,
  type BuddyPairView,
  buddyAvailabilitySchema,
  type ChatMember,
} from '../../../src/contracts/chat.js';
import type { BuddyEligibility } from '../../../src/contracts/group-proposals.js';
import { h, on, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import { checkbox, describeError, FormController, schemaProblems, textField } from '../core/forms.js';
import { api, ApiError } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { type Page, refreshPage } from '../core/router.js';
import { type GroupContext, groupView } from '../groups/frame.js';
import { groupApi, groupPath } from '../groups/groups.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { chatContext } from './chat-context.js';

/**
 * Buddies: an experienced member offers to be a buddy (for so many newcomers, with a break), a
 * newcomer asks one, the buddy accepts or declines; a pair chats one-to-one until either ends it
 * (or blocks the other). Both sides consent at every step.
 */
export function buddyPath(slug: string, pairId: string): string {
  return groupPath(slug, `/buddies/${encodeURIComponent(pairId)}`);
}

function act(status: HTMLElement, request: () => Promise<unknown>, done: PlainKey): () => void {
  return () => {
    request()
      .then(() => {
        flash({ key: done });
        refreshPage();
      })
      .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
  };
}

function pairItem(context: GroupContext, pair: BuddyPairView): HTMLLIElement {
  const status = h('div', {});
  const path = groupApi(context.slug, `/buddies/pairs/${pair.id}`);
  const button = (label: PlainKey, request: () => Promise<unknown>, done: PlainKey, danger = false) =>
    on(
      h('button', { type: 'button', class: `button small${danger ? ' danger' : ''}` }, tr(label)),
      'click',
      act(status, request, done),
    );
  const tools: Node[] = [];
  let line: Node;
  if (pair.status === 'active') {
    line = tr(pair.role === 'buddy' ? 'buddies.activeAsBuddy' : 'buddies.activeAsNewcomer', {
      alias: pair.other.alias,
    });
    tools.push(
      h('a', { class: 'button primary small', href: buddyPath(context.slug, pair.id) }, tr('buddies.openChat')),
    );
  } else if (pair.role === 'buddy') {
    line = tr('buddies.asksYou', { alias: pair.other.alias });
    tools.push(
      button('buddies.accept', () => api.post(`${path}/accept`), 'buddies.accepted'),
      button('buddies.decline', () => api.post(`${path}/decline`), 'buddies.declined'),
    );
  } else {
    line = tr('buddies.waiting', { alias: pair.other.alias });
  }
  tools.push(
    button('buddies.end', () => api.post(`${path}/end`), 'buddies.ended'),
    button('buddies.block', () => api.post(`${path}/block`), 'buddies.blocked', true),
  );
  return h(
    'li',
    { class: 'case' },
    h('p', {}, line, ' ', h('span', { class: 'thread-facts' }, timeElement(pair.requestedAt))),
    h('div', { class: 'tool-row' }, ...tools),
    status,
  );
}

/** Why the member cannot offer yet (time in the group, or a crisis case of their own), said kindly. */
function notYet(eligibility: BuddyEligibility): HTMLElement {
  const refusal = eligibility.refusal;
  if (refusal?.code === 'buddy_too_soon' && refusal.possibleFrom) {
    return h(
      'p',
      { class: 'notice', 'data-refusal': refusal.code },
      eligibility.minDays === 1 ? tr('buddies.tooSoonOne') : tr('buddies.tooSoon', { days: eligibility.minDays }),
      ' ',
      timeElement(refusal.possibleFrom),
      '.',
    );
  }
  return h('p', { class: 'notice', 'data-refusal': refusal?.code ?? '' }, tr('buddies.ownCrisis'));
}

function offerSection(
  context: GroupContext,
  offer: BuddyAvailabilityView | null,
  eligibility: BuddyEligibility,
): HTMLElement {
  if (!offer && !eligibility.canOffer) {
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'offer-heading' },
      h('h2', { id: 'offer-heading' }, tr('buddies.offerHeading')),
      para('buddies.offerIntro'),
      notYet(eligibility),
    );
  }
  const capacity = textField({
    name: 'capacity',
    label: 'buddies.capacity',
    hint: msg('buddies.capacityHint'),
    type: 'number',
    autocomplete: 'off',
    value: String(offer?.capacity ?? 2),
  });
  const paused = checkbox('paused', 'buddies.paused');
  paused.input.checked = offer?.paused ?? false;
  const status = h('div', {});
  const form = new FormController({
    fields: [capacity, paused],
    submit: offer ? 'buddies.saveOffer' : 'buddies.offer',
    className: 'form compact',
    actions: offer
      ? [
          on(
            h('button', { type: 'button', class: 'button' }, tr('buddies.withdraw')),
            'click',
            act(status, () => api.delete(groupApi(context.slug, '/buddies/me')), 'buddies.withdrawn'),
          ),
        ]
      : [],
  });
  form.onSubmit(async () => {
    const request = { capacity: Number(capacity.input.value), paused: paused.input.checked };
    const problems = schemaProblems(buddyAvailabilitySchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.put<BuddyAvailabilityView>(groupApi(context.slug, '/buddies/me'), request);
    flash(msg(offer ? 'buddies.offerSaved' : 'buddies.offered'));
    refreshPage();
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'offer-heading' },
    h('h2', { id: 'offer-heading' }, tr('buddies.offerHeading')),
    para('buddies.offerIntro'),
    offer ? h('p', {}, tr('buddies.offering', { active: offer.active, capacity: offer.capacity })) : null,
    form.element,
    status,
  );
}

function availableSection(context: GroupContext, buddies: ChatMember[], pairs: BuddyPairView[]): HTMLElement {
  const me = context.membership?.memberId;
  const asked = new Set(pairs.map((pair) => pair.other.memberId));
  const status = h('div', {});
  const items = buddies
    .filter((buddy) => buddy.memberId !== me && !asked.has(buddy.memberId))
    .map((buddy) =>
      h(
        'li',
        {},
        h('span', { class: 'alias' }, buddy.alias),
        ' ',
        on(
          h('button', { type: 'button', class: 'button small' }, tr('buddies.ask', { alias: buddy.alias })),
          'click',
          act(
            status,
            () => api.post(groupApi(context.slug, '/buddies/requests'), { buddyMemberId: buddy.memberId }),
            'buddies.asked',
          ),
        ),
      ),
    );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'available-heading' },
    h('h2', { id: 'available-heading' }, tr('buddies.availableHeading')),
    para('buddies.availableIntro'),
    items.length ? h('ul', { class: 'mutes' }, ...items) : notice(msg('buddies.noneAvailable')),
    status,
  );
}

export const buddiesPage: Page = async ({ params, signal }) => {
  const context = await chatContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'buddies.title', node: h('div', {}) };
  }
  const base = groupApi(context.slug, '/buddies');
  const [available, pairs, offer, eligibility] = await Promise.all([
    api.get<ChatMember[]>(base, { signal }),
    api.get<BuddyPairView[]>(`${base}/pairs`, { signal }),
    api.get<BuddyAvailabilityView>(`${base}/me`, { signal }).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) {
        return null;
      }
      throw error;
    }),
    api.get<BuddyEligibility>(`${base}/eligibility`, { signal }),
  ]);
  const open = pairs.filter((pair) => pair.status === 'requested' || pair.status === 'active');
  return groupView(
    context,
    { title: 'buddies.title', heading: tr('buddies.title'), section: 'buddies' },
    para('buddies.intro'),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'pairs-heading' },
      h('h2', { id: 'pairs-heading' }, tr('buddies.pairsHeading')),
      open.length
        ? h('ul', { class: 'queue' }, ...open.map((pair) => pairItem(context, pair)))
        : notice(msg('buddies.noPairs')),
    ),
    availableSection(context, available, open),
    offerSection(context, offer, eligibility),
  );
};
