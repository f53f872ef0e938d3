import {
  groupSettingsSchema,
  type GroupSettingsView,
  type ModeratorStatusView,
  type ReferralCreated,
  referralSchema,
  type ReferralView,
} from '../../../src/contracts/group-proposals.js';
import { h, on, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import { describeError, FormController, schemaProblems, textArea, textField } from '../core/forms.js';
import { api, requestText } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { type Page, refreshPage } from '../core/router.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { type GroupContext, groupView, isAdmin, isModerator, loadGroupContext } from './frame.js';
import { groupApi } from './groups.js';

/**
 * A group's settings, for its moderators (and admins): how many first posts of a newcomer wait for
 * approval, how long a member belongs before offering to be a buddy, referral codes for
 * professionals with their printable card, and the moderator's own pause or step-down.
 */

function numberField(name: string, label: PlainKey, hint: PlainKey, value: number) {
  return textField({ name, label, hint: msg(hint), type: 'number', autocomplete: 'off', value: String(value) });
}

function settingsSection(context: GroupContext, settings: GroupSettingsView): HTMLElement {
  const hold = numberField(
    'holdFirstPosts',
    'settings.holdFirstPosts',
    'settings.holdFirstPostsHint',
    settings.holdFirstPosts,
  );
  const buddy = numberField(
    'buddyMinDays',
    'settings.buddyMinDays',
    'settings.buddyMinDaysHint',
    settings.buddyMinDays,
  );
  const form = new FormController({ fields: [hold, buddy], submit: 'settings.save', className: 'form compact' });
  form.onSubmit(async () => {
    const request = { holdFirstPosts: Number(hold.input.value), buddyMinDays: Number(buddy.input.value) };
    const problems = schemaProblems(groupSettingsSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.patch<GroupSettingsView>(groupApi(context.slug, '/settings'), request);
    flash(msg('settings.saved'));
    refreshPage();
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'settings-heading' },
    h('h2', { id: 'settings-heading' }, tr('settings.newcomersHeading')),
    form.element,
  );
}

/** Shows the card (an A6 SVG from the server) in a print-only frame and opens the browser's print dialog. */
function printCard(slug: string, code: string | undefined, status: HTMLElement): void {
  requestText('POST', groupApi(slug, '/referrals/card'), { body: code ? { code } : {} })
    .then((svg) => {
      document.querySelector('.print-card')?.remove();
      const card = h(
        'div',
        { class: 'print-card' },
        h('img', { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, alt: '' }),
      );
      document.body.append(card);
      status.replaceChildren(notice(msg('referrals.cardReady')));
      window.print();
    })
    .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
}

function referralItem(referral: ReferralView): HTMLLIElement {
  const state: Record<ReferralView['state'], PlainKey> = {
    active: 'referrals.stateActive',
    expired: 'referrals.stateExpired',
    'used-up': 'referrals.stateUsedUp',
  };
  return h(
    'li',
    { 'data-state': referral.state },
    tr('referrals.used', { used: referral.used, max: referral.maxUses }),
    ' · ',
    tr(state[referral.state]),
    ' · ',
    tr('referrals.expires'),
    ' ',
    timeElement(referral.expiresAt),
  );
}

function referralsSection(context: GroupContext, referrals: ReferralView[]): HTMLElement {
  const uses = textField({ name: 'uses', label: 'referrals.uses', type: 'number', autocomplete: 'off', value: '25' });
  const days = textField({ name: 'days', label: 'referrals.days', type: 'number', autocomplete: 'off', value: '90' });
  const made = h('div', { class: 'referral-made' });
  const status = h('div', {});
  const form = new FormController({ fields: [uses, days], submit: 'referrals.make', className: 'form compact' });
  form.onSubmit(async () => {
    const request = { uses: Number(uses.input.value), days: Number(days.input.value) };
    const problems = schemaProblems(referralSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const referral = await api.post<ReferralCreated>(groupApi(context.slug, '/referrals'), request);
    made.replaceChildren(
      h('p', {}, tr('referrals.madeOnce')),
      h('p', {}, h('code', { class: 'referral-code' }, referral.code)),
      h('p', {}, h('code', { class: 'referral-link' }, referral.link)),
      on(h('button', { type: 'button', class: 'button primary' }, tr('referrals.printCard')), 'click', () =>
        printCard(context.slug, referral.code, status),
      ),
    );
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'referrals-heading' },
    h('h2', { id: 'referrals-heading' }, tr('referrals.heading')),
    para('referrals.intro'),
    form.element,
    made,
    status,
    h('h3', {}, tr('referrals.listHeading')),
    referrals.length ? h('ul', { class: 'referrals' }, ...referrals.map(referralItem)) : notice(msg('referrals.none')),
    on(h('button', { type: 'button', class: 'button' }, tr('referrals.printGroupCard')), 'click', () =>
      printCard(context.slug, undefined, status),
    ),
  );
}

function roleSection(context: GroupContext, status: ModeratorStatusView): HTMLElement {
  const reason = textArea({ name: 'reason', label: 'moderatorStatus.reason', rows: 2, required: false });
  const out = h('div', {});
  const act = (path: string, done: PlainKey) => () => {
    const text = reason.input.value.trim();
    api
      .post<ModeratorStatusView>(groupApi(context.slug, `/moderators/me/${path}`), text ? { reason: text } : {})
      .then(() => {
        flash(msg(done));
        refreshPage();
      })
      .catch((error: unknown) => out.replaceChildren(notice(describeError(error), 'error')));
  };
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'role-heading' },
    h('h2', { id: 'role-heading' }, tr('moderatorStatus.heading')),
    para(status.paused ? 'moderatorStatus.pausedIntro' : 'moderatorStatus.intro'),
    reason.root,
    h(
      'div',
      { class: 'tool-row' },
      status.paused
        ? on(
            h('button', { type: 'button', class: 'button' }, tr('moderatorStatus.resume')),
            'click',
            act('resume', 'moderatorStatus.resumed'),
          )
        : on(
            h('button', { type: 'button', class: 'button' }, tr('moderatorStatus.pause')),
            'click',
            act('pause', 'moderatorStatus.paused'),
          ),
      on(
        h('button', { type: 'button', class: 'button danger' }, tr('moderatorStatus.stepDown')),
        'click',
        act('step-down', 'moderatorStatus.steppedDown'),
      ),
    ),
    out,
  );
}

export const settingsPage: Page = async ({ params, signal }) => {
  const context = await loadGroupContext(params.slug ?? '', signal);
  const moderator = isModerator(context);
  if (!moderator && !isAdmin()) {
    return groupView(
      context,
      { title: 'settings.title', heading: tr('settings.title'), section: 'settings' },
      notice(msg('settings.moderatorsOnly'), 'error'),
    );
  }
  const [referrals, settings, status] = await Promise.all([
    api.get<ReferralView[]>(groupApi(context.slug, '/referrals'), { signal }),
    moderator ? api.get<GroupSettingsView>(groupApi(context.slug, '/settings'), { signal }) : null,
    moderator ? api.get<ModeratorStatusView>(groupApi(context.slug, '/moderators/me'), { signal }) : null,
  ]);
  return groupView(
    context,
    { title: 'settings.title', heading: tr('settings.title'), section: 'settings' },
    settings ? settingsSection(context, settings) : null,
    referralsSection(context, referrals),
    status ? roleSection(context, status) : null,
  );
};
