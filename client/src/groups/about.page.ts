import { GROUP_CATEGORIES, MAX_TOPICS, updateGroupInfoSchema } from '../../../src/contracts/group-info.js';
import { isLoggedIn } from '../auth/session.js';
import { h, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { FormController, schemaProblems, selectField, textArea, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { msg } from '../i18n/i18n.js';
import { type GroupContext, groupView, isAdmin, isModerator, loadGroupContext } from './frame.js';
import { CATEGORY_LABELS, type DirectoryEntry, type GroupInfo, infoSections, loadGroupInfo } from './group-info.js';
import { type GroupDetail, groupApi, groupPath } from './groups.js';
import { askHostPanel, hostsMemberPanel } from './hosts.js';

async function contextOf(slug: string, signal: AbortSignal): Promise<GroupContext> {
  return isLoggedIn()
    ? loadGroupContext(slug, signal)
    : { slug, group: await api.get<GroupDetail>(groupApi(slug), { signal }), membership: null };
}

function mayEdit(context: GroupContext): boolean {
  return isModerator(context) || isAdmin();
}

/** A group's information page: what anyone (a guest too) may read before joining. */
export const aboutPage: Page = async ({ params, signal }) => {
  const slug = params.slug ?? '';
  const [context, info] = await Promise.all([contextOf(slug, signal), loadGroupInfo(slug, signal)]);
  const [askHost, hosts] = await Promise.all([askHostPanel(slug, signal), hostsMemberPanel(context, signal)]);
  return groupView(
    context,
    { title: 'info.title', heading: info.name, section: null },
    h('p', { class: 'lead user-text' }, info.description),
    infoSections(info, { pledge: true }),
    askHost,
    hosts,
    mayEdit(context)
      ? h('p', {}, h('a', { class: 'button', href: groupPath(slug, '/about/edit') }, tr('info.edit')))
      : null,
    h('p', {}, h('a', { href: groupPath(slug) }, tr(context.membership ? 'group.backToGroup' : 'info.toJoin'))),
  );
};

function infoForm(context: GroupContext, info: GroupInfo): HTMLFormElement {
  const description = textArea({ name: 'description', label: 'info.description', value: info.description, rows: 3 });
  const purpose = textArea({ name: 'purpose', label: 'info.purpose', value: info.purpose, required: false });
  const whoFor = textArea({ name: 'whoFor', label: 'info.whoFor', value: info.whoFor, required: false });
  const sessionFormat = textArea({
    name: 'sessionFormat',
    label: 'info.sessions',
    value: info.sessionFormat,
    required: false,
  });
  const rules = textArea({ name: 'rules', label: 'info.rules', value: info.rules, required: false });
  const topics = textField({
    name: 'topics',
    label: 'info.topicsLabel',
    hint: msg('info.topicsHint', { max: MAX_TOPICS }),
    autocomplete: 'off',
    value: info.topics.join(', '),
    required: false,
    prose: true,
  });
  const category = selectField({
    name: 'category',
    label: 'info.categoryLabel',
    options: GROUP_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] })),
    value: info.category,
  });
  const form = new FormController({
    fields: [description, purpose, whoFor, sessionFormat, rules, topics, category],
    submit: 'info.save',
    actions: [h('a', { class: 'button', href: groupPath(context.slug, '/about') }, tr('info.cancel'))],
  });
  form.onSubmit(async () => {
    const request = {
      description: description.input.value,
      purpose: purpose.input.value,
      whoFor: whoFor.input.value,
      sessionFormat: sessionFormat.input.value,
      rules: rules.input.value,
      topics: topics.input.value
        .split(',')
        .map((topic) => topic.trim())
        .filter(Boolean),
      category: category.input.value,
    };
    const problems = schemaProblems(updateGroupInfoSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.patch<GroupInfo>(groupApi(context.slug, '/info'), request);
    flash(msg('info.saved'));
    navigate(groupPath(context.slug, '/about'));
  });
  return form.element;
}

/**
 * An admin pairs the group with a group of the other audience (a peer group with its relatives'
 * group): each page then points to the other. Only the groups are linked, never their members.
 */
async function pairForm(context: GroupContext, info: GroupInfo, signal: AbortSignal): Promise<HTMLElement> {
  const other = info.audience === 'peers' ? 'relatives' : 'peers';
  const candidates = await api.get<DirectoryEntry[]>(`/api/groups?audience=${other}`, { signal });
  const id = uid('pair');
  const select = h(
    'select',
    { id, name: 'with' },
    h('option', { value: '' }, tr('info.pairNone')),
    // Group names are people's text: options carry them as text.
    ...candidates.map((group) => h('option', { value: group.slug }, group.name)),
  );
  select.value = info.pairedGroup?.slug ?? '';
  const form = new FormController({
    // A refusal about the choice is said in the form's alert, above the one control.
    fields: [],
    body: [h('div', { class: 'field' }, h('label', { for: id }, tr('info.pairLabel')), select)],
    submit: 'info.pairSave',
  });
  form.onSubmit(async () => {
    if (select.value) {
      await api.put<GroupInfo>(groupApi(context.slug, '/pair'), { with: select.value });
    } else {
      await api.delete<void>(groupApi(context.slug, '/pair'));
    }
    flash(msg('info.pairSaved'));
    navigate(groupPath(context.slug, '/about'));
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, tr('info.pairHeading')),
    para('info.pairIntro'),
    form.element,
  );
}

/** The group's moderators (and admins) edit its information page; anyone else is told they cannot. */
export const aboutEditPage: Page = async ({ params, signal }) => {
  const slug = params.slug ?? '';
  const [context, info] = await Promise.all([loadGroupContext(slug, signal), loadGroupInfo(slug, signal)]);
  return groupView(
    context,
    { title: 'info.editTitle', heading: info.name, section: null },
    h('h2', {}, tr('info.editTitle')),
    mayEdit(context) ? para('info.editIntro') : null,
    mayEdit(context) ? infoForm(context, info) : notice(msg('info.onlyModerators'), 'error'),
    isAdmin() ? await pairForm(context, info, signal) : null,
  );
};
