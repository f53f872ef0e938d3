import { acceptPledgeSchema, joinGroupSchema } from '../../../src/contracts/groups.js';
import type { Notice } from '../../../src/contracts/moderation.js';
import { isLoggedIn } from '../auth/session.js';
import { h, liveText, on, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { checkbox, FormController, radioGroup, schemaProblems, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { type Page, refreshPage } from '../core/router.js';
import { searchForm } from '../forum/search-form.js';
import { threadList } from '../forum/thread-list.js';
import { msg, t } from '../i18n/i18n.js';
import { type GroupContext, groupView, loadGroupContext } from './frame.js';
import { infoSections, loadGroupInfo, nextSessionLine, welcomeBanner } from './group-info.js';
import { type GroupDetail, groupApi, groupPath, type MyMembership } from './groups.js';
import { askPersonSection } from '../safety/ask-person.js';

/**
 * A group's own page. Visitors read its description and pledge; a member who has not joined
 * accepts the pledge and picks or gets an alias; a pending member waits; a member whose pledge
 * changed accepts it again; a member reads the forum.
 */
function facts(group: GroupDetail): HTMLElement {
  const items: Node[] = [
    h('li', {}, group.memberCount === 1 ? tr('groups.oneMember') : tr('groups.members', { count: group.memberCount })),
    h(
      'li',
      {},
      liveText(() =>
        t('groups.language', { language: t(group.locale === 'nl' ? 'groups.languageNl' : 'groups.languageEn') }),
      ),
    ),
    h('li', {}, tr(group.kind === 'closed' ? 'groups.closed' : 'groups.open')),
  ];
  if (group.audience === 'relatives') {
    items.push(h('li', {}, tr('groups.forRelatives')));
  }
  return h('ul', { class: 'facts-inline' }, ...items);
}

function pledgeBlock(group: GroupDetail, headingId: string, changed = false): HTMLElement[] {
  return [
    h('h2', { id: headingId }, tr(changed ? 'join.pledgeChanged' : 'join.pledgeHeading')),
    h('blockquote', { class: 'pledge user-text', 'aria-labelledby': headingId }, group.pledge),
  ];
}

type AliasChoice = 'generate' | 'choose';

/** Joining: the pledge, an explicit acceptance, and an alias made up for the member or chosen by them. */
/** The join form; `inviteCode` comes from a referral card's short link (`/r/:code`). */
function joinSection(context: GroupContext, inviteCode: string | null): HTMLElement {
  const { group } = context;
  const headingId = uid('pledge');
  const accept = checkbox('pledgeAccepted', 'join.accept');
  const choice = radioGroup<AliasChoice>({
    name: 'aliasChoice',
    legend: 'join.aliasLegend',
    hint: msg('join.aliasIntro'),
    options: [
      { value: 'generate', label: 'join.aliasGenerate', hint: 'join.aliasGenerateHint' },
      { value: 'choose', label: 'join.aliasChoose' },
    ],
    value: 'generate',
  });
  const alias = textField({
    name: 'alias',
    label: 'join.aliasLabel',
    hint: msg('join.aliasHint'),
    autocomplete: 'off',
    prose: true,
    maxLength: 24,
  });
  const showAlias = () => {
    alias.root.hidden = choice.value() !== 'choose';
  };
  choice.inputs.forEach((input) => on(input, 'change', showAlias));
  showAlias();
  const invite = textField({
    name: 'inviteCode',
    label: 'join.invite',
    hint: msg(group.kind === 'closed' ? 'join.inviteHintClosed' : 'join.inviteHint'),
    autocomplete: 'off',
    required: false,
    value: inviteCode ?? undefined,
  });
  const inviteBox = h(
    'details',
    { class: 'disclosure', open: group.kind === 'closed' || inviteCode !== null },
    h('summary', {}, tr('join.haveInvite')),
    h('div', { class: 'disclosure-body' }, invite.root),
  );
  const form = new FormController({
    fields: [accept, choice, alias, invite],
    submit: group.kind === 'closed' ? 'join.submitClosed' : 'join.submit',
    body: [accept.root, choice.root, alias.root, inviteBox],
  });
  form.onSubmit(async () => {
    const request: Record<string, unknown> = { pledgeAccepted: accept.input.checked };
    if (choice.value() === 'choose') {
      if (!alias.input.value.trim()) {
        form.showProblems([{ field: 'alias', message: msg('join.aliasRequired') }]);
        return;
      }
      request.alias = alias.input.value;
    }
    if (invite.input.value.trim()) {
      request.inviteCode = invite.input.value.trim();
    }
    const problems = accept.input.checked
      ? schemaProblems(joinGroupSchema, request)
      : [{ field: 'pledgeAccepted', message: msg('join.acceptRequired') }];
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const membership = await api.post<MyMembership>(groupApi(context.slug, '/join'), request);
    flash(
      membership.status === 'pending'
        ? msg('join.pendingFlash', { alias: membership.alias })
        : msg('join.welcome', { alias: membership.alias }),
    );
    refreshPage();
  });
  return h(
    'section',
    { class: 'panel join', 'aria-labelledby': headingId },
    ...pledgeBlock(group, headingId),
    para('join.pledgeExplained'),
    group.kind === 'closed' ? notice(msg('join.closedNote')) : null,
    form.element,
  );
}

/** The pledge changed since the member accepted it: read it and accept again to read on. */
function pledgeAgainSection(context: GroupContext): HTMLElement {
  const headingId = uid('pledge');
  const accept = checkbox('pledgeAccepted', 'join.accept');
  const form = new FormController({ fields: [accept], submit: 'join.acceptAgain' });
  form.onSubmit(async () => {
    const request = { pledgeAccepted: accept.input.checked };
    if (!accept.input.checked || schemaProblems(acceptPledgeSchema, request).length) {
      form.showProblems([{ field: 'pledgeAccepted', message: msg('join.acceptRequired') }]);
      return;
    }
    await api.post<MyMembership>(groupApi(context.slug, '/pledge'), request);
    flash(msg('join.acceptedAgain'));
    refreshPage();
  });
  return h(
    'section',
    { class: 'panel join', 'aria-labelledby': headingId },
    ...pledgeBlock(context.group, headingId, true),
    para('join.pledgeChangedIntro'),
    form.element,
  );
}

function pendingSection(context: GroupContext, membership: MyMembership): HTMLElement {
  const withdraw = on(h('button', { type: 'button', class: 'button' }, tr('join.withdraw')), 'click', () => {
    api
      .post<void>(groupApi(context.slug, '/leave'), { erase: true })
      .then(() => {
        flash(msg('join.withdrawn'));
        refreshPage();
      })
      .catch(() => refreshPage());
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'pending-heading' },
    h('h2', { id: 'pending-heading' }, tr('join.pendingHeading')),
    h('p', {}, tr('join.pendingText', { alias: membership.alias })),
    h('div', { class: 'actions' }, withdraw),
  );
}

function loginSection(context: GroupContext): HTMLElement {
  const next = encodeURIComponent(groupPath(context.slug));
  const headingId = uid('pledge');
  return h(
    'section',
    { class: 'panel join', 'aria-labelledby': headingId },
    ...pledgeBlock(context.group, headingId),
    para('join.loginFirst'),
    h(
      'div',
      { class: 'actions' },
      h('a', { class: 'button primary', href: `/login?next=${next}` }, tr('nav.login')),
      h('a', { class: 'button', href: '/register' }, tr('nav.register')),
    ),
  );
}

/** New private notices from the moderators (a warning, a caring check with the crisis lines): said on the group's page. */
function unreadNotices(context: GroupContext, signal: AbortSignal): HTMLElement {
  const region = h('div', {});
  api
    .get<Notice[]>(groupApi(context.slug, '/notices'), { signal })
    .then((notices) => {
      const unread = notices.filter((item) => !item.read).length;
      if (unread > 0) {
        region.replaceChildren(
          h(
            'div',
            { class: 'notice' },
            h(
              'p',
              {},
              h(
                'a',
                { href: groupPath(context.slug, '/notices') },
                unread === 1 ? tr('group.oneNewNotice') : tr('group.newNotices', { count: unread }),
              ),
            ),
          ),
        );
      }
    })
    .catch(() => undefined);
  return region;
}

function forumSection(context: GroupContext, signal: AbortSignal): HTMLElement[] {
  const search = searchForm({ group: context.slug, label: 'search.inGroup' });
  return [
    h(
      'div',
      { class: 'forum-head' },
      h('h2', { id: 'threads-heading' }, tr('threads.heading')),
      h('a', { class: 'button primary', href: groupPath(context.slug, '/threads/new') }, tr('threads.new')),
    ),
    search,
    threadList(context, signal),
  ];
}

export const groupPage: Page = async ({ params, query, signal }) => {
  const slug = params.slug ?? '';
  const [context, info] = await Promise.all([
    isLoggedIn()
      ? loadGroupContext(slug, signal)
      : api.get<GroupDetail>(groupApi(slug), { signal }).then((group) => ({ slug, group, membership: null })),
    loadGroupInfo(slug, signal),
  ]);
  const { group, membership } = context;
  // What someone who has not joined reads first: the information page (the pledge follows with the join form).
  const about = [
    h('p', { class: 'lead user-text' }, group.description),
    facts(group),
    infoSections(info, { pledge: false, members: false }),
  ];
  const parts: (Node | null)[] = [];
  if (group.archived) {
    parts.push(notice(msg('group.archived')));
  }
  if (!isLoggedIn()) {
    parts.push(...about, loginSection(context));
  } else if (!membership || ['left', 'declined'].includes(membership.status)) {
    parts.push(...about, group.archived ? null : joinSection(context, query.get('invite')));
  } else if (membership.status === 'pending') {
    parts.push(...about, pendingSection(context, membership));
  } else if (membership.status === 'removed') {
    parts.push(
      ...about,
      notice(msg('group.removed')),
      h('p', {}, h('a', { href: groupPath(slug, '/notices') }, tr('group.readNotices'))),
    );
  } else if (!membership.pledgeCurrent) {
    // Help stays one press away while the member has not re-accepted a changed pledge.
    parts.push(pledgeAgainSection(context), askPersonSection(slug, signal));
  } else {
    parts.push(
      h('p', { class: 'you-are' }, tr('group.youAre', { alias: membership.alias })),
      welcomeBanner(slug, signal),
      nextSessionLine(info, groupPath(slug, '/sessions')),
      h('p', {}, h('a', { href: groupPath(slug, '/about') }, tr('info.aboutLink'))),
      unreadNotices(context, signal),
      askPersonSection(slug, signal),
      ...forumSection(context, signal),
    );
  }
  parts.push(h('p', {}, h('a', { href: '/groups' }, tr('group.back'))));
  return groupView(context, { title: 'group.title', heading: group.name, section: 'forum', kicker: false }, ...parts);
};
