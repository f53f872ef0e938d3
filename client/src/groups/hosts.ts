import {
  type AskedHostQuestion,
  askHostSchema,
  HOST_QUESTION_MAX,
  type HostAskStatus,
  type HostsView,
  type MyHostQuestion,
} from '../../../src/contracts/hosts.js';
import { isLoggedIn } from '../auth/session.js';
import { h, tr, uid } from '../core/dom.js';
import { FormController, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { button, notice, para } from '../core/page.js';
import { msg } from '../i18n/i18n.js';
import { followCrisisStatus } from '../safety/crisis-follow.js';
import { CrisisPanel } from '../safety/crisis-panel.js';
import type { GroupContext } from './frame.js';
import { groupApi, groupPath } from './groups.js';
import { crisisWatched } from '../safety/crisis-watch.js';

/** The asker's own question and, once a host answered, the answer (people's text, shown as text). */
function myQuestion(question: MyHostQuestion): HTMLElement {
  return h(
    'div',
    { class: 'host-question' },
    h('h3', { tabindex: '-1' }, tr('hosts.yourQuestion')),
    h('p', { class: 'user-text' }, question.question),
    question.answer === null
      ? notice(msg('hosts.waiting'))
      : h(
          'div',
          { class: 'host-answer' },
          h('h3', {}, tr('hosts.answerFrom', { alias: question.answeredBy ?? '—' })),
          h('p', { class: 'user-text' }, question.answer),
        ),
  );
}

function askForm(slug: string, done: (question: AskedHostQuestion) => void): HTMLFormElement {
  const question = crisisWatched(
    textArea({
      name: 'question',
      label: 'hosts.questionLabel',
      hint: msg('hosts.questionHint', { max: HOST_QUESTION_MAX }),
      rows: 4,
      maxLength: HOST_QUESTION_MAX,
    }),
  );
  const form = new FormController({ fields: [question], submit: 'hosts.ask' });
  form.onSubmit(
    async () => {
      const request = { question: question.input.value };
      const problems = schemaProblems(askHostSchema, request);
      if (problems.length) {
        form.showProblems(problems);
        return;
      }
      done(await api.post<AskedHostQuestion>(groupApi(slug, '/hosts/ask'), request));
    },
    {
      already_handled: msg('hosts.askedAlready'),
      no_hosts: msg('hosts.noneNow'),
      not_allowed: msg('hosts.notNewcomer'),
      rate_limited: msg('hosts.tooManyGroups'),
    },
  );
  return form.element;
}

/**
 * "Vraag het een gastvrouw/gastheer" on a group's information page: a newcomer (a signed-in guest,
 * or a member in their first weeks) asks the group's hosts one question and reads the answer here.
 * A guest who is not signed in is asked to log in (joining is not needed).
 */
export async function askHostPanel(slug: string, signal: AbortSignal): Promise<HTMLElement> {
  const id = uid('ask-host');
  const section = h('section', { class: 'panel ask-host', 'aria-labelledby': id });
  const heading = h('h2', { id }, tr('hosts.heading'));
  if (!isLoggedIn()) {
    const next = encodeURIComponent(groupPath(slug, '/about'));
    section.append(
      heading,
      para('hosts.intro'),
      h('p', {}, h('a', { class: 'button', href: `/login?next=${next}` }, tr('hosts.loginToAsk'))),
    );
    return section;
  }
  const status = await api.get<HostAskStatus>(groupApi(slug, '/hosts/ask'), { signal });
  const count =
    status.hosts === 0
      ? notice(msg('hosts.none'))
      : h('p', {}, status.hosts === 1 ? tr('hosts.oneHost') : tr('hosts.count', { count: status.hosts }));
  const body = h('div', {});
  const sent = (question: AskedHostQuestion) => {
    const shown = myQuestion(question);
    body.replaceChildren(notice(msg('hosts.sent')), shown);
    if (question.crisis) {
      // Words that signal crisis: the lines at once, beside the question, as after a post; for a
      // member also who knows of it now (their case), followed live. A guest is told no status.
      const panel = new CrisisPanel({ returnFocus: () => shown.querySelector<HTMLElement>('h3') });
      body.append(panel.element);
      panel.show({ intro: question.crisis.introText, status: question.crisisStatus });
      followCrisisStatus(panel, slug, signal)();
    }
  };
  if (status.question) {
    body.append(myQuestion(status.question));
  } else if (status.state === 'not_newcomer') {
    body.append(para('hosts.notNewcomer'));
  } else if (status.hosts > 0) {
    body.append(askForm(slug, sent));
  }
  section.append(heading, para('hosts.intro'), count, body);
  return section;
}

/**
 * For the group's members (on the group's information page): volunteer as host or step down, and
 * for a host the way to the newcomers' questions.
 */
export async function hostsMemberPanel(context: GroupContext, signal: AbortSignal): Promise<HTMLElement | null> {
  if (context.membership?.status !== 'active') {
    return null;
  }
  const id = uid('hosts');
  const section = h('section', { class: 'panel hosts-panel', 'aria-labelledby': id });
  const render = (view: HostsView) => {
    section.replaceChildren(
      h('h2', { id }, tr('hosts.membersHeading')),
      para('hosts.membersIntro'),
      view.me ? para('hosts.youHost') : '',
      h(
        'p',
        { class: 'actions' },
        view.me
          ? h('a', { class: 'button primary', href: groupPath(context.slug, '/hosts') }, tr('hosts.inboxLink'))
          : null,
        view.me
          ? button('hosts.stepDown', () => {
              void api.delete<HostsView>(groupApi(context.slug, '/hosts/me')).then(render);
            })
          : button(
              'hosts.volunteer',
              () => {
                void api.post<HostsView>(groupApi(context.slug, '/hosts/me')).then(render);
              },
              'button primary',
            ),
        !view.me && view.canRemove
          ? h('a', { class: 'button', href: groupPath(context.slug, '/hosts') }, tr('hosts.list'))
          : null,
      ),
    );
  };
  render(await api.get<HostsView>(groupApi(context.slug, '/hosts'), { signal }));
  return section;
}
