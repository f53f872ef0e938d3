import {
  type AnsweredHostQuestion,
  answerHostQuestionSchema,
  HOST_ANSWER_MAX,
  type HostQuestionView,
  type HostsView,
  removeHostSchema,
} from '../../../src/contracts/hosts.js';
import { h, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import { FormController, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { msg } from '../i18n/i18n.js';
import { followCrisisStatus } from '../safety/crisis-follow.js';
import { crisisCalls, CrisisPanel } from '../safety/crisis-panel.js';
import { type GroupContext, groupView, loadGroupContext } from './frame.js';
import { groupApi, groupPath } from './groups.js';
import { crisisWatched } from '../safety/crisis-watch.js';

function askerLabel(question: HostQuestionView): Text {
  return question.asker.kind === 'guest'
    ? tr('hosts.guest', { number: question.asker.number })
    : document.createTextNode(question.asker.alias);
}

/** The answer as given, under the question. */
function givenAnswer(question: Pick<HostQuestionView, 'answer' | 'answeredBy'>): HTMLElement {
  return h(
    'div',
    { class: 'host-answer' },
    h('p', { class: 'meta', tabindex: '-1' }, tr('hosts.answeredBy', { alias: question.answeredBy ?? '—' })),
    h('p', { class: 'user-text' }, question.answer ?? ''),
  );
}

function answerForm(slug: string, question: HostQuestionView, signal: AbortSignal): HTMLFormElement {
  const answer = crisisWatched(
    textArea({ name: 'answer', label: 'hosts.answerLabel', rows: 4, maxLength: HOST_ANSWER_MAX }),
  );
  const form = new FormController({ fields: [answer], submit: 'hosts.answerSend' });
  form.onSubmit(async () => {
    const request = { answer: answer.input.value };
    const problems = schemaProblems(answerHostQuestionSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const answered = await api.post<AnsweredHostQuestion>(
      groupApi(slug, `/hosts/questions/${question.id}/answer`),
      request,
    );
    if (!answered.crisis) {
      navigate(groupPath(slug, '/hosts'));
      return;
    }
    // The host's own words signal crisis: the lines at once, where they wrote, and who knows of it
    // now (their case), followed live; the page stays so the help is not lost to a reload.
    const shown = givenAnswer(answered);
    const panel = new CrisisPanel({ returnFocus: () => shown.querySelector<HTMLElement>('p.meta') });
    form.element.replaceWith(shown, panel.element);
    panel.show({ intro: answered.crisis.introText, status: answered.crisisStatus });
    followCrisisStatus(panel, slug, signal)();
  });
  return form.element;
}

function questionItem(slug: string, question: HostQuestionView, signal: AbortSignal): HTMLLIElement {
  // The question and answer are people's text: shown as text.
  return h(
    'li',
    { class: question.possibleCrisis ? 'card host-question possible-crisis' : 'card host-question' },
    h('h3', {}, askerLabel(question)),
    h('p', { class: 'meta' }, tr('hosts.askedAt'), ' ', timeElement(question.askedAt)),
    h('p', { class: 'user-text' }, question.question),
    // Crisis language: the host knows the asker was shown the lines, and has them to point to.
    question.possibleCrisis
      ? h('div', { class: 'host-crisis' }, notice(msg('hosts.possibleCrisis')), crisisCalls())
      : null,
    question.answer === null ? answerForm(slug, question, signal) : givenAnswer(question),
  );
}

/** A moderator's list of the group's hosts, each removable with a reason (audited). */
function hostsList(context: GroupContext, view: HostsView): HTMLElement {
  const id = uid('host-list');
  const items = view.hosts.map((host) => {
    const reason = textArea({ name: 'reason', label: 'hosts.removeReason', rows: 2, maxLength: 500 });
    const form = new FormController({ fields: [reason], submit: 'hosts.remove', submitClass: 'danger' });
    form.onSubmit(async () => {
      const request = { reason: reason.input.value };
      const problems = schemaProblems(removeHostSchema, request);
      if (problems.length) {
        form.showProblems(problems);
        return;
      }
      await api.delete<void>(groupApi(context.slug, `/hosts/${host.memberId}`), request);
      flash(msg('hosts.removed'));
      navigate(groupPath(context.slug, '/hosts'));
    });
    return h('li', { class: 'card' }, h('h3', {}, host.alias), view.canRemove ? form.element : null);
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id },
    h('h2', { id }, tr('hosts.list')),
    items.length ? h('ul', { class: 'cards' }, ...items) : notice(msg('hosts.noHosts')),
  );
}

/** The hosts' inbox: the newcomers' questions of the group, each answered once; moderators see the hosts. */
export const hostsPage: Page = async ({ params, signal }) => {
  const slug = params.slug ?? '';
  const context = await loadGroupContext(slug, signal);
  const view = await api.get<HostsView>(groupApi(slug, '/hosts'), { signal });
  let inbox: HTMLElement;
  if (view.me) {
    const questions = await api.get<HostQuestionView[]>(groupApi(slug, '/hosts/questions'), { signal });
    inbox = questions.length
      ? h('ul', { class: 'cards host-inbox' }, ...questions.map((question) => questionItem(slug, question, signal)))
      : notice(msg('hosts.inboxEmpty'));
  } else {
    inbox = notice(msg('hosts.notHost'));
  }
  return groupView(
    context,
    { title: 'hosts.inboxTitle', heading: tr('hosts.inboxTitle'), section: null },
    view.me ? para('hosts.inboxIntro') : null,
    inbox,
    view.canRemove ? hostsList(context, view) : null,
  );
};
