import {
  decideRuleProposalSchema,
  ruleProposalSchema,
  type RuleField,
  type RuleProposalView,
} from '../../../src/contracts/group-proposals.js';
import { h, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import { FormController, schemaProblems, selectField, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { type Page, refreshPage } from '../core/router.js';
import type { CrisisStatus } from '../../../src/contracts/crisis.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { followCrisisStatus } from '../safety/crisis-follow.js';
import { CrisisPanel } from '../safety/crisis-panel.js';
import type { CrisisHelpNote } from '../safety/notice-view.js';
import { decisionTools } from './decision.js';
import { type GroupContext, groupView, isModerator, loadGroupContext } from './frame.js';
import { groupApi, isReading } from './groups.js';
import { crisisWatched } from '../safety/crisis-watch.js';

/**
 * The group decides its own pledge and rules: any member proposes a new wording, the moderators
 * accept it (a new pledge is then accepted again by every member) or decline it with a reason.
 */

const FIELD_LABEL: Record<RuleField, PlainKey> = { pledge: 'proposals.fieldPledge', rules: 'proposals.fieldRules' };
const STATUS_LABEL: Record<RuleProposalView['status'], PlainKey> = {
  open: 'proposals.statusOpen',
  accepted: 'proposals.statusAccepted',
  declined: 'proposals.statusDeclined',
};

function proposalItem(context: GroupContext, proposal: RuleProposalView): HTMLLIElement {
  const headingId = uid('proposal');
  return h(
    'li',
    { class: 'case', 'data-status': proposal.status },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h(
        'h3',
        { id: headingId },
        tr(FIELD_LABEL[proposal.field]),
        ' · ',
        h('span', { class: 'alias' }, proposal.proposer.alias),
        ' · ',
        tr(STATUS_LABEL[proposal.status]),
      ),
      h('p', { class: 'thread-facts' }, timeElement(proposal.createdAt)),
      h('blockquote', { class: 'excerpt user-text' }, proposal.text),
      proposal.note ? h('p', { class: 'user-text' }, proposal.note) : null,
      proposal.reason
        ? h('p', {}, tr('proposals.reasonGiven'), ' ', h('q', { class: 'user-text' }, proposal.reason))
        : null,
      proposal.status === 'open' && isModerator(context)
        ? decisionTools(groupApi(context.slug, `/rule-proposals/${proposal.id}/decision`), decideRuleProposalSchema, {
            reason: 'proposals.reason',
            reasonNeeded: 'proposals.reasonNeeded',
            accept: 'proposals.accept',
            decline: 'proposals.decline',
            accepted: 'proposals.accepted',
            declined: 'proposals.declined',
          })
        : null,
    ),
  );
}

function proposeForm(context: GroupContext, signal: AbortSignal): HTMLElement {
  const field = selectField<RuleField>({
    name: 'field',
    label: 'proposals.field',
    options: [
      { value: 'pledge', label: 'proposals.fieldPledge' },
      { value: 'rules', label: 'proposals.fieldRules' },
    ],
    value: 'pledge',
  });
  const text = crisisWatched(
    textArea({ name: 'text', label: 'proposals.text', hint: msg('proposals.textHint'), rows: 5 }),
  );
  const note = crisisWatched(textArea({ name: 'note', label: 'proposals.note', rows: 2, required: false }));
  const form = new FormController({ fields: [field, text, note], submit: 'proposals.submit', className: 'form' });
  form.onSubmit(async () => {
    const request = {
      field: field.input.value as RuleField,
      text: text.input.value,
      ...(note.input.value.trim() ? { note: note.input.value } : {}),
    };
    const problems = schemaProblems(ruleProposalSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const answer = await api.post<RuleProposalView & { crisis?: CrisisHelpNote; crisisStatus?: CrisisStatus }>(
      groupApi(context.slug, '/rule-proposals'),
      request,
    );
    flash(msg('proposals.sent'));
    if (!answer.crisis) {
      refreshPage();
      return;
    }
    // Words that signal crisis: the help stays right here, beside the form, and follows who knows.
    text.input.value = '';
    note.input.value = '';
    const panel = new CrisisPanel({ returnFocus: () => text.input });
    panel.placeAfter(form.element);
    panel.show({ intro: answer.crisis.introText, status: answer.crisisStatus });
    followCrisisStatus(panel, context.slug, signal)();
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'propose-heading' },
    h('h2', { id: 'propose-heading' }, tr('proposals.proposeHeading')),
    para('proposals.proposeIntro'),
    form.element,
  );
}

export const proposalsPage: Page = async ({ params, signal }) => {
  const context = await loadGroupContext(params.slug ?? '', signal);
  if (!isReading(context.membership)) {
    return groupView(
      context,
      { title: 'proposals.title', heading: tr('proposals.title'), section: 'proposals' },
      notice(msg('error.notAMember'), 'error'),
    );
  }
  const proposals = await api.get<RuleProposalView[]>(groupApi(context.slug, '/rule-proposals'), { signal });
  return groupView(
    context,
    { title: 'proposals.title', heading: tr('proposals.title'), section: 'proposals' },
    para('proposals.intro'),
    proposeForm(context, signal),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'proposals-heading' },
      h('h2', { id: 'proposals-heading' }, tr('proposals.listHeading')),
      proposals.length
        ? h('ul', { class: 'queue' }, ...proposals.map((proposal) => proposalItem(context, proposal)))
        : notice(msg('proposals.none')),
    ),
  );
};
