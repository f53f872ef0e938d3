import {
  createGroupSchema,
  GROUP_AUDIENCES,
  GROUP_KINDS,
  GROUP_LOCALES,
  type GroupAudience,
  type GroupKind,
  type GroupLocale,
  updateGroupSchema,
} from '../../../src/contracts/groups.js';
import { h, on, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { FormController, schemaProblems, selectField, textArea, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para, view } from '../core/page.js';
import { navigate, type Page, refreshPage } from '../core/router.js';
import { isAdmin } from '../groups/frame.js';
import { type GroupDetail, groupApi, groupPath } from '../groups/groups.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { memberPicker } from '../moderation/member-picker.js';
import { adminsOnlyView } from './admin.page.js';
import { adminMemberPath } from './member.page.js';

/**
 * Creating and editing a group (admins): name, description, pledge (a changed pledge asks every
 * member to accept it again), language, open or closed, audience, chat retention; archiving; and
 * appointing a moderator by the member id shown on a member's admin page.
 */
const LOCALE_LABELS: Record<GroupLocale, PlainKey> = { nl: 'groups.languageNl', en: 'groups.languageEn' };
const KIND_LABELS: Record<GroupKind, PlainKey> = { open: 'groupForm.kindOpen', closed: 'groupForm.kindClosed' };
const AUDIENCE_LABELS: Record<GroupAudience, PlainKey> = {
  peers: 'groupForm.audiencePeers',
  relatives: 'groupForm.audienceRelatives',
};

function groupForm(existing: GroupDetail | null): HTMLElement {
  const slug = existing
    ? null
    : textField({ name: 'slug', label: 'groupForm.slug', hint: msg('groupForm.slugHint'), autocomplete: 'off' });
  const name = textField({
    name: 'name',
    label: 'groupForm.name',
    autocomplete: 'off',
    prose: true,
    value: existing?.name,
  });
  const description = textArea({
    name: 'description',
    label: 'groupForm.description',
    rows: 4,
    value: existing?.description,
  });
  const pledge = textArea({
    name: 'pledge',
    label: 'groupForm.pledge',
    hint: msg(existing ? 'groupForm.pledgeChangeHint' : 'groupForm.pledgeHint'),
    rows: 4,
    value: existing?.pledge,
  });
  const locale = selectField<GroupLocale>({
    name: 'locale',
    label: 'groupForm.locale',
    options: GROUP_LOCALES.map((value) => ({ value, label: LOCALE_LABELS[value] })),
    value: existing?.locale,
  });
  const kind = selectField<GroupKind>({
    name: 'kind',
    label: 'groupForm.kind',
    options: GROUP_KINDS.map((value) => ({ value, label: KIND_LABELS[value] })),
    value: existing?.kind,
  });
  const audience = selectField<GroupAudience>({
    name: 'audience',
    label: 'groupForm.audience',
    options: GROUP_AUDIENCES.map((value) => ({ value, label: AUDIENCE_LABELS[value] })),
    value: existing?.audience,
  });
  const retention = textField({
    name: 'chatRetentionDays',
    label: 'groupForm.retention',
    hint: msg('groupForm.retentionHint'),
    type: 'number',
    autocomplete: 'off',
    value: String(existing?.chatRetentionDays ?? 30),
  });
  const fields = [...(slug ? [slug] : []), name, description, pledge, locale, kind, audience, retention];
  const form = new FormController({ fields, submit: existing ? 'groupForm.save' : 'groupForm.create' });
  form.onSubmit(async () => {
    const request: Record<string, unknown> = {
      name: name.input.value,
      description: description.input.value,
      pledge: pledge.input.value,
      locale: locale.input.value,
      kind: kind.input.value,
      audience: audience.input.value,
      chatRetentionDays: Number(retention.input.value),
    };
    if (slug) {
      request.slug = slug.input.value.trim();
    }
    if (existing) {
      // Send what changed only: an unchanged pledge must not ask every member to accept it again.
      const changed = Object.keys(request).filter(
        (key) => request[key] !== (existing as unknown as Record<string, unknown>)[key],
      );
      if (changed.length === 0) {
        form.showProblems([], msg('groupForm.nothingChanged'));
        return;
      }
      for (const key of Object.keys(request)) {
        // The server's update schema fills in the create defaults (open, peers, 30 days) for
        // fields left out, so these three always go along, as they are.
        if (!changed.includes(key) && !['kind', 'audience', 'chatRetentionDays'].includes(key)) {
          delete request[key];
        }
      }
    }
    const problems = schemaProblems(existing ? updateGroupSchema : createGroupSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const saved = existing
      ? await api.patch<GroupDetail>(groupApi(existing.slug), request)
      : await api.post<GroupDetail>('/api/groups', request);
    flash(msg(existing ? 'groupForm.saved' : 'groupForm.created'));
    navigate(`/admin/groups/${encodeURIComponent(saved.slug)}`, { replace: true });
  });
  return form.element;
}

export const newGroupPage: Page = () => {
  if (!isAdmin()) {
    return adminsOnlyView();
  }
  return view('groupForm.newTitle', [groupForm(null), h('p', {}, h('a', { href: '/admin' }, tr('admin.back')))]);
};

/** Appointing starts from the member: find them by part of their alias, then take the one action that fits. */
function appointSection(group: GroupDetail): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'appoint-heading' },
    h('h2', { id: 'appoint-heading' }, tr('appoint.heading')),
    para('appoint.intro'),
    memberPicker({ slug: group.slug, onPick: (pick) => navigate(adminMemberPath(group.slug, pick)) }),
  );
}

function archiveSection(group: GroupDetail): HTMLElement {
  const status = h('div', {});
  const confirm = on(h('button', { type: 'button', class: 'button danger' }, tr('archive.confirm')), 'click', () => {
    api
      .post<void>(groupApi(group.slug, '/archive'))
      .then(() => {
        flash(msg('archive.done'));
        refreshPage();
      })
      .catch(() => status.replaceChildren(notice(msg('error.internal'), 'error')));
  });
  const details = h(
    'details',
    { class: 'disclosure' },
    h('summary', {}, tr('archive.open')),
    h('div', { class: 'disclosure-body' }, para('archive.intro'), h('div', { class: 'actions' }, confirm), status),
  );
  return h(
    'section',
    { class: 'panel danger-zone', 'aria-labelledby': 'archive-heading' },
    h('h2', { id: 'archive-heading' }, tr('archive.heading')),
    group.archived ? notice(msg('group.archived')) : details,
  );
}

export const editGroupPage: Page = async ({ params, signal }) => {
  if (!isAdmin()) {
    return adminsOnlyView();
  }
  const group = await api.get<GroupDetail>(groupApi(params.slug ?? ''), { signal });
  return {
    title: 'groupForm.editTitle',
    node: h(
      'div',
      { class: 'view' },
      h('p', { class: 'kicker' }, h('a', { href: '/admin' }, tr('admin.title'))),
      h('h1', {}, group.name),
      h('p', {}, h('a', { href: groupPath(group.slug) }, tr('groupForm.openGroup'))),
      group.archived ? null : groupForm(group),
      group.archived ? null : appointSection(group),
      archiveSection(group),
    ),
  };
};
