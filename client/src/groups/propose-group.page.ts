import { GROUP_CATEGORIES, type GroupCategory } from '../../../src/contracts/group-info.js';
import {
  groupProposalSchema,
  type GroupProposalView,
  proposalCategory,
} from '../../../src/contracts/group-proposals.js';
import { h, on, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import {
  checkbox,
  FormController,
  radioGroup,
  schemaProblems,
  selectField,
  textArea,
  textField,
} from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para, view } from '../core/page.js';
import { type Page, refreshPage } from '../core/router.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { CrisisPanel } from '../safety/crisis-panel.js';
import type { CrisisHelpNote } from '../safety/notice-view.js';
import { CATEGORY_LABELS } from './group-info.js';
import { groupPath } from './groups.js';
import { crisisWatched } from '../safety/crisis-watch.js';

/**
 * "Zelf groepen opzetten": a member proposes a new group (name, purpose, audience, language) and may
 * offer to be its first moderator; an admin approves or declines with a reason, which the member
 * reads here.
 */

export const PROPOSAL_STATUS: Record<GroupProposalView['status'], PlainKey> = {
  open: 'groupProposals.statusOpen',
  approved: 'groupProposals.statusApproved',
  declined: 'groupProposals.statusDeclined',
};

/** A proposal's name and status, its reason and its group once decided: what the proposer and admins both see. */
export function proposalSummary(proposal: GroupProposalView, headingId: string, facts: Node[]): HTMLElement[] {
  const parts: HTMLElement[] = [
    h(
      'h3',
      { id: headingId },
      h('span', { class: 'user-text' }, proposal.name),
      ' · ',
      tr(PROPOSAL_STATUS[proposal.status]),
    ),
    h('p', { class: 'thread-facts' }, ...facts, timeElement(proposal.createdAt)),
  ];
  if (proposal.reason) {
    parts.push(h('p', {}, tr('groupProposals.reason'), ' ', h('q', { class: 'user-text' }, proposal.reason)));
  }
  if (proposal.group) {
    parts.push(h('p', {}, h('a', { href: groupPath(proposal.group) }, tr('groupProposals.goToGroup'))));
  }
  return parts;
}

/** The directory category a proposed group gets: a select of the directory's categories. */
export function categoryField(value: GroupCategory) {
  return selectField<GroupCategory>({
    name: 'category',
    label: 'groupProposals.category',
    options: GROUP_CATEGORIES.map((category) => ({ value: category, label: CATEGORY_LABELS[category] })),
    value,
  });
}

function proposalItem(proposal: GroupProposalView): HTMLLIElement {
  const headingId = uid('group-proposal');
  return h(
    'li',
    { class: 'case', 'data-status': proposal.status },
    h('article', { 'aria-labelledby': headingId }, ...proposalSummary(proposal, headingId, [])),
  );
}

function proposeForm(): HTMLElement {
  const name = textField({
    name: 'name',
    label: 'groupProposals.name',
    autocomplete: 'off',
    prose: true,
    maxLength: 80,
  });
  const purpose = crisisWatched(
    textArea({
      name: 'purpose',
      label: 'groupProposals.purpose',
      hint: msg('groupProposals.purposeHint'),
      rows: 4,
    }),
  );
  const audience = radioGroup({
    name: 'audience',
    legend: 'groupProposals.audience',
    options: [
      { value: 'peers', label: 'groupProposals.audiencePeers' },
      { value: 'relatives', label: 'groupProposals.audienceRelatives' },
    ],
    value: 'peers',
  });
  const locale = radioGroup({
    name: 'locale',
    legend: 'groupProposals.locale',
    options: [
      { value: 'nl', label: 'groupProposals.localeNl' },
      { value: 'en', label: 'groupProposals.localeEn' },
    ],
    value: 'nl',
  });
  // The directory's category: a relatives' group is under "relatives" unless the proposer picks another.
  const category = categoryField('psychological');
  for (const input of audience.inputs) {
    on(input, 'change', () => {
      category.input.value = proposalCategory(audience.value() ?? 'peers');
    });
  }
  const moderate = checkbox('moderate', 'groupProposals.moderate');
  const alias = textField({
    name: 'alias',
    label: 'groupProposals.alias',
    hint: msg('groupProposals.aliasHint'),
    autocomplete: 'off',
    required: false,
    maxLength: 24,
  });
  const form = new FormController({
    fields: [name, purpose, audience, locale, category, moderate, alias],
    submit: 'groupProposals.submit',
    className: 'form',
  });
  form.onSubmit(
    async () => {
      const request = {
        name: name.input.value,
        purpose: purpose.input.value,
        audience: audience.value() ?? 'peers',
        locale: locale.value() ?? 'nl',
        category: category.input.value as GroupCategory,
        moderate: moderate.input.checked,
        ...(moderate.input.checked && alias.input.value.trim() ? { alias: alias.input.value } : {}),
      };
      const problems = schemaProblems(groupProposalSchema, request);
      if (problems.length) {
        form.showProblems(problems);
        return;
      }
      const answer = await api.post<GroupProposalView & { crisis?: CrisisHelpNote }>('/api/group-proposals', request);
      flash(msg('groupProposals.sent'));
      if (!answer.crisis) {
        refreshPage();
        return;
      }
      // Words that signal crisis: the lines stay right here, beside the form (no group, so no case yet).
      name.input.value = '';
      purpose.input.value = '';
      const panel = new CrisisPanel({ returnFocus: () => purpose.input });
      panel.placeAfter(form.element);
      panel.show({ intro: answer.crisis.introText });
    },
    { not_a_member: msg('groupProposals.joinFirst') },
  );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'propose-group-heading' },
    h('h2', { id: 'propose-group-heading' }, tr('groupProposals.formHeading')),
    form.element,
  );
}

export const proposeGroupPage: Page = async ({ signal }) => {
  const mine = await api.get<GroupProposalView[]>('/api/me/group-proposals', { signal });
  return view('groupProposals.title', [
    para('groupProposals.intro'),
    proposeForm(),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'my-group-proposals' },
      h('h2', { id: 'my-group-proposals' }, tr('groupProposals.mineHeading')),
      mine.length ? h('ul', { class: 'queue' }, ...mine.map(proposalItem)) : notice(msg('groupProposals.none')),
    ),
  ]);
};
