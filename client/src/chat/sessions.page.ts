import {
  cancelSessionSchema,
  createSessionSchema,
  SESSION_CAPACITY_MAX,
  SESSION_CAPACITY_MIN,
  type SessionView,
} from '../../../src/contracts/chat.js';
import { h, on, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import { describeError, FormController, schemaProblems, textArea, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { type Page, refreshPage } from '../core/router.js';
import { type GroupContext, groupView, isModerator } from '../groups/frame.js';
import { groupApi, groupPath } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { disclosure } from '../moderation/forms.js';
import { chatContext } from './chat-context.js';

/**
 * A group's scheduled sessions: sign up (or give the place back), join the room while it is open;
 * moderators plan one with a facilitator and can cancel it.
 */
export function sessionPath(slug: string, id: string): string {
  return groupPath(slug, `/sessions/${encodeURIComponent(id)}`);
}

/** Cancelling deletes what was said in the session: it takes a reason, kept in the audit log. */
function cancelForm(path: string): HTMLElement {
  const reason = textArea({ name: 'reason', label: 'sessions.cancelReason', rows: 2 });
  const form = new FormController({ fields: [reason], submit: 'sessions.cancelSubmit', className: 'form compact' });
  form.onSubmit(async () => {
    const body = { reason: reason.input.value };
    const problems = schemaProblems(cancelSessionSchema, body);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.delete(path, body);
    flash({ key: 'sessions.cancelled' });
    refreshPage();
  });
  return form.element;
}

function sessionItem(context: GroupContext, session: SessionView): HTMLLIElement {
  const headingId = uid('session');
  const status = h('div', {});
  const act = (request: () => Promise<unknown>, done: Parameters<typeof msg>[0]) => () => {
    request()
      .then(() => {
        flash({ key: done });
        refreshPage();
      })
      .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
  };
  const path = groupApi(context.slug, `/sessions/${session.id}`);
  const tools: Node[] = [];
  const isFacilitator = session.facilitator?.memberId === context.membership?.memberId;
  if (session.open && (session.mine || isFacilitator)) {
    tools.push(
      h('a', { class: 'button primary small', href: sessionPath(context.slug, session.id) }, tr('sessions.join')),
    );
  }
  if (!session.mine) {
    tools.push(
      on(
        h('button', { type: 'button', class: 'button small' }, tr('sessions.signUp')),
        'click',
        act(() => api.post(`${path}/signup`), 'sessions.signedUp'),
      ),
    );
  } else if (!isFacilitator) {
    tools.push(
      on(
        h('button', { type: 'button', class: 'button small' }, tr('sessions.signOut')),
        'click',
        act(() => api.delete(`${path}/signup`), 'sessions.signedOut'),
      ),
    );
  }
  if (isModerator(context)) {
    tools.push(disclosure('sessions.cancel', cancelForm(path)));
  }
  return h(
    'li',
    { class: 'case' },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h('h3', { id: headingId }, session.title),
      h('p', { class: 'thread-facts' }, timeElement(session.startsAt), ' – ', timeElement(session.endsAt)),
      h(
        'p',
        {},
        session.facilitator ? tr('sessions.facilitator', { alias: session.facilitator.alias }) : null,
        ' ',
        tr('sessions.places', { taken: session.signedUp, capacity: session.capacity }),
        session.open ? h('span', { class: 'badge unread' }, tr('sessions.openNow')) : null,
        session.mine ? h('span', { class: 'badge' }, tr('sessions.youAreIn')) : null,
      ),
      h('div', { class: 'tool-row' }, ...tools),
      status,
    ),
  );
}

/** `datetime-local` gives local wall time; the contract wants an offset. */
function toIso(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

function planForm(context: GroupContext): HTMLElement {
  const title = textField({ name: 'title', label: 'sessions.titleLabel', autocomplete: 'off', prose: true });
  const startsAt = textField({ name: 'startsAt', label: 'sessions.startsAt', autocomplete: 'off' });
  startsAt.input.type = 'datetime-local';
  const endsAt = textField({ name: 'endsAt', label: 'sessions.endsAt', autocomplete: 'off' });
  endsAt.input.type = 'datetime-local';
  const capacity = textField({
    name: 'capacity',
    label: 'sessions.capacity',
    hint: msg('sessions.capacityHint', { min: SESSION_CAPACITY_MIN, max: SESSION_CAPACITY_MAX }),
    type: 'number',
    autocomplete: 'off',
    value: '12',
  });
  const facilitator = textField({
    name: 'facilitatorMemberId',
    label: 'sessions.facilitatorId',
    hint: msg('sessions.facilitatorIdHint'),
    autocomplete: 'off',
    value: context.membership?.memberId,
  });
  const form = new FormController({
    fields: [title, startsAt, endsAt, capacity, facilitator],
    submit: 'sessions.plan',
    className: 'form compact',
  });
  form.onSubmit(async () => {
    const request = {
      title: title.input.value,
      startsAt: toIso(startsAt.input.value),
      endsAt: toIso(endsAt.input.value),
      capacity: Number(capacity.input.value),
      facilitatorMemberId: facilitator.input.value.trim(),
    };
    const problems = schemaProblems(createSessionSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<SessionView>(groupApi(context.slug, '/sessions'), request);
    flash(msg('sessions.planned'));
    refreshPage();
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'plan-heading' },
    h('h2', { id: 'plan-heading' }, tr('sessions.planHeading')),
    h(
      'details',
      { class: 'disclosure' },
      h('summary', {}, tr('sessions.planOpen')),
      h('div', { class: 'disclosure-body' }, form.element),
    ),
  );
}

export const sessionsPage: Page = async ({ params, signal }) => {
  const context = await chatContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'sessions.title', node: h('div', {}) };
  }
  const sessions = await api.get<SessionView[]>(groupApi(context.slug, '/sessions'), { signal });
  return groupView(
    context,
    { title: 'sessions.title', heading: tr('sessions.title'), section: 'sessions' },
    para('sessions.intro'),
    sessions.length
      ? h('ol', { class: 'queue' }, ...sessions.map((session) => sessionItem(context, session)))
      : notice(msg('sessions.none')),
    isModerator(context) ? planForm(context) : null,
  );
};
