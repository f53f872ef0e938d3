import { h, on, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { moderatorApplicationSchema } from '../../../src/contracts/moderation.js';
import { describeError, FormController, radioGroup, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { liveRegion, notice, para } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { msg } from '../i18n/i18n.js';
import { groupView, loadGroupContext } from './frame.js';
import { groupApi, groupPath, type MemberRef } from './groups.js';

/**
 * The member's own standing in a group: the alias they appear under, the aliases they muted (with
 * unmute), and leaving, with the choice between keeping and erasing their words said plainly.
 */
function mutesSection(slug: string, mutes: MemberRef[], say: (key: 'mute.unmuted') => void): HTMLElement {
  const list = h('ul', { class: 'mutes' });
  const empty = notice(msg('membership.noMutes'));
  const render = () => {
    empty.hidden = list.childElementCount > 0;
  };
  for (const muted of mutes) {
    const item = h('li', {}, h('span', { class: 'alias' }, muted.alias), ' ');
    const unmute = on(
      h('button', { type: 'button', class: 'button small' }, tr('mute.unmuteAlias', { alias: muted.alias })),
      'click',
      () => {
        api
          .delete<void>(groupApi(slug, `/mutes/${muted.memberId}`))
          .then(() => {
            item.remove();
            render();
            say('mute.unmuted');
            section.querySelector<HTMLElement>('h2')?.focus();
          })
          .catch((error: unknown) => item.append(notice(describeError(error), 'error')));
      },
    );
    item.append(unmute);
    list.append(item);
  }
  render();
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'mutes-heading' },
    h('h2', { id: 'mutes-heading', tabindex: '-1' }, tr('membership.mutesHeading')),
    para('membership.mutesIntro'),
    empty,
    list,
  );
  return section;
}

/** Volunteering as a moderator: a motivation, read by the admins. */
function volunteerSection(slug: string): HTMLElement {
  const motivation = textArea({
    name: 'motivation',
    label: 'volunteer.motivation',
    hint: msg('volunteer.motivationHint'),
    rows: 4,
  });
  const form = new FormController({ fields: [motivation], submit: 'volunteer.submit', className: 'form compact' });
  form.onSubmit(async () => {
    const request = { motivation: motivation.input.value };
    const problems = schemaProblems(moderatorApplicationSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<{ applicationId: string }>(groupApi(slug, '/moderator-applications'), request);
    const thanks = h('p', { class: 'done', role: 'status', tabindex: '-1' }, tr('volunteer.sent'));
    form.element.replaceWith(thanks);
    thanks.focus();
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'volunteer-heading' },
    h('h2', { id: 'volunteer-heading' }, tr('volunteer.heading')),
    para('volunteer.intro'),
    h(
      'details',
      { class: 'disclosure' },
      h('summary', {}, tr('volunteer.open')),
      h('div', { class: 'disclosure-body' }, form.element),
    ),
  );
}

type LeaveChoice = 'keep' | 'erase';

function leaveSection(slug: string, alias: string): HTMLElement {
  const choice = radioGroup<LeaveChoice>({
    name: 'erase',
    legend: 'leave.legend',
    options: [
      { value: 'keep', label: 'leave.keep', hint: 'leave.keepHint' },
      { value: 'erase', label: 'leave.erase', hint: 'leave.eraseHint' },
    ],
  });
  const form = new FormController({ fields: [choice], submit: 'leave.submit', submitClass: 'danger' });
  form.onSubmit(async () => {
    const value = choice.value();
    if (!value) {
      form.showProblems([{ field: 'erase', message: msg('leave.choose') }]);
      return;
    }
    await api.post<void>(groupApi(slug, '/leave'), { erase: value === 'erase' });
    flash(msg(value === 'erase' ? 'leave.doneErased' : 'leave.doneKept'));
    navigate('/groups', { replace: true });
  });
  const headingId = uid('leave');
  return h(
    'section',
    { class: 'panel danger-zone', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, tr('leave.heading')),
    h('p', {}, tr('leave.intro', { alias })),
    form.element,
  );
}

export const membershipPage: Page = async ({ params, signal }) => {
  const slug = params.slug ?? '';
  const context = await loadGroupContext(slug, signal);
  const membership = context.membership;
  if (!membership || (membership.status !== 'active' && membership.status !== 'pending')) {
    navigate(groupPath(slug), { replace: true });
    return groupView(context, { title: 'membership.title', heading: tr('membership.title'), section: null });
  }
  const live = liveRegion();
  const mutes =
    membership.status === 'active' && membership.pledgeCurrent
      ? await api.get<MemberRef[]>(groupApi(slug, '/mutes'), { signal })
      : [];
  return groupView(
    context,
    { title: 'membership.title', heading: tr('membership.title'), section: 'membership' },
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, tr('membership.alias')),
      h(
        'dd',
        {},
        h('span', { class: 'alias' }, membership.alias),
        ' ',
        h('span', { class: 'aside' }, tr('membership.aliasNote')),
      ),
      h('dt', {}, tr('membership.role')),
      h('dd', {}, tr(membership.role === 'moderator' ? 'membership.roleModerator' : 'membership.roleMember')),
    ),
    membership.status === 'active' ? mutesSection(slug, mutes, (key) => live.say(key)) : null,
    membership.status === 'active' && membership.role === 'member' ? volunteerSection(slug) : null,
    leaveSection(slug, membership.alias),
    live.element,
  );
};
