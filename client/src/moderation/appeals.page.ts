import { decideAppealSchema } from '../../../src/contracts/moderation.js';
import { h, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import { FormController, radioGroup, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { type Page, refreshPage } from '../core/router.js';
import type { GroupContext } from '../groups/frame.js';
import { groupApi } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { actionName, type AppealView, moderationView, moderatorContext } from './moderation.js';

/**
 * Open appeals: what was done, the moderator's reason, the member's appeal, and a decision with a
 * reason. The server lets only someone other than who acted decide.
 */
function appealView(context: GroupContext, appeal: AppealView): HTMLElement {
  const headingId = uid('appeal');
  const decision = radioGroup<'upheld' | 'overturned'>({
    name: 'decision',
    legend: 'appeals.decision',
    options: [
      { value: 'upheld', label: 'appeals.uphold', hint: 'appeals.upholdHint' },
      { value: 'overturned', label: 'appeals.overturn', hint: 'appeals.overturnHint' },
    ],
  });
  const reason = textArea({ name: 'reason', label: 'action.reason', hint: msg('appeals.reasonHint'), rows: 3 });
  const form = new FormController({ fields: [decision, reason], submit: 'appeals.submit', className: 'form compact' });
  form.onSubmit(async () => {
    const request = { decision: decision.value(), reason: reason.input.value };
    if (!request.decision) {
      form.showProblems([{ field: 'decision', message: msg('appeals.decisionRequired') }]);
      return;
    }
    if (!request.reason.trim()) {
      form.showProblems([{ field: 'reason', message: msg('action.reasonRequired') }]);
      return;
    }
    const problems = schemaProblems(decideAppealSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<void>(groupApi(context.slug, `/moderation/appeals/${appeal.id}/decision`), request);
    flash(msg('appeals.decided'));
    refreshPage();
  });
  return h(
    'li',
    { class: 'case' },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h('h3', { id: headingId }, h('span', { class: 'alias' }, appeal.member.alias), ' · ', actionName(appeal.action)),
      h('p', { class: 'thread-facts' }, timeElement(appeal.createdAt)),
      h('h4', {}, tr('appeals.reasonGiven')),
      h('blockquote', { class: 'excerpt user-text' }, appeal.reason),
      h('h4', {}, tr('appeals.theirWords')),
      h('blockquote', { class: 'excerpt user-text' }, appeal.text),
      form.element,
    ),
  );
}

export const appealsPage: Page = async ({ params, signal }) => {
  const context = await moderatorContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'appeals.title', node: h('div', {}) };
  }
  const appeals = await api.get<AppealView[]>(groupApi(context.slug, '/moderation/appeals'), { signal });
  return moderationView(
    context,
    'appeals',
    'appeals.title',
    para('appeals.intro'),
    appeals.length
      ? h('ol', { class: 'queue' }, ...appeals.map((appeal) => appealView(context, appeal)))
      : notice(msg('appeals.none')),
  );
};
