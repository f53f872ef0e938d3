import { cancelSessionSchema, type SessionView } from '../../../src/contracts/chat.js';
import { moveSessionSchema, type SeriesView } from '../../../src/contracts/session-series.js';
import { h, on, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import { describeError, FormController, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { type Page, refreshPage } from '../core/router.js';
import { type GroupContext, groupView, isModerator } from '../groups/frame.js';
import { groupApi, groupPath } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { disclosure } from '../moderation/forms.js';
import { chatContext } from './chat-context.js';
import { dateTimeField, planSessionForm, planSeriesForm, toIso } from './session-plan.js';
import { seriesSection } from './session-series.js';
import { startsSoon } from './starts-soon.js';

/**
 * A group's scheduled sessions: sign up (or give the place back), join the room while it is open;
 * moderators plan one with a facilitator, and move or cancel any one meeting.
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

/** An ISO time as a `datetime-local` value in the member's own time zone. */
function localInput(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Moving one meeting (of a series, or a one-off): a new start and end, and why (kept in the audit log). */
function moveForm(path: string, session: SessionView): HTMLElement {
  const startsAt = dateTimeField('startsAt', 'sessions.startsAt', localInput(session.startsAt));
  const endsAt = dateTimeField('endsAt', 'sessions.endsAt', localInput(session.endsAt));
  const reason = textArea({ name: 'reason', label: 'sessions.moveReason', rows: 2, required: false });
  const form = new FormController({
    fields: [startsAt, endsAt, reason],
    submit: 'sessions.moveSubmit',
    className: 'form compact',
  });
  form.onSubmit(
    async () => {
      const body = {
        startsAt: toIso(startsAt.input.value),
        endsAt: toIso(endsAt.input.value),
        reason: reason.input.value,
      };
      const problems = schemaProblems(moveSessionSchema, body);
      if (problems.length) {
        form.showProblems(problems);
        return;
      }
      await api.patch(path, body);
      flash({ key: 'sessions.moved' });
      refreshPage();
    },
    { room_closed: msg('sessions.moveOver') },
  );
  return form.element;
}

function sessionItem(context: GroupContext, session: SessionView, series?: SeriesView): HTMLLIElement {
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
  if (session.open && (session.mine || isFacilitator || isModerator(context))) {
    tools.push(
      h('a', { class: 'button primary small', href: sessionPath(context.slug, session.id) }, tr('sessions.join')),
    );
  }
  if (session.cancelled) {
    // A cancelled meeting of a series: nothing to sign up for or join.
  } else if (!session.mine && !session.series?.closedCohort) {
    tools.push(
      on(
        h('button', { type: 'button', class: 'button small' }, tr('sessions.signUp')),
        'click',
        act(() => api.post(`${path}/signup`), 'sessions.signedUp'),
      ),
    );
  } else if (session.mine && !isFacilitator && !session.series) {
    tools.push(
      on(
        h('button', { type: 'button', class: 'button small' }, tr('sessions.signOut')),
        'click',
        act(() => api.delete(`${path}/signup`), 'sessions.signedOut'),
      ),
    );
  }
  if (isModerator(context) && !session.cancelled) {
    if (series && series.volunteers.length > 0) {
      tools.push(facilitatorPicker(path, session, series, status));
    }
    tools.push(disclosure('sessions.move', moveForm(path, session)), disclosure('sessions.cancel', cancelForm(path)));
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
        session.cancelled ? h('span', { class: 'badge problem' }, tr('series.cancelledBadge')) : null,
        session.cancelled ? null : startsSoon(session.startsAt),
        session.mine ? h('span', { class: 'badge' }, tr('sessions.youAreIn')) : null,
      ),
      h('div', { class: 'tool-row' }, ...tools),
      status,
    ),
  );
}

/** Moderators name the facilitator of one meeting of a series from its volunteers. */
function facilitatorPicker(path: string, session: SessionView, series: SeriesView, status: HTMLElement): HTMLElement {
  const id = uid('facilitator');
  const select = h(
    'select',
    { id },
    h('option', { value: '' }, tr('series.chooseFacilitator')),
    ...series.volunteers.map((volunteer) =>
      h(
        'option',
        { value: volunteer.memberId, selected: volunteer.memberId === session.facilitator?.memberId },
        volunteer.alias,
      ),
    ),
  );
  on(select, 'change', () => {
    if (!select.value) {
      return;
    }
    api
      .put(`${path}/facilitator`, { memberId: select.value })
      .then(() => {
        flash({ key: 'series.facilitatorNamed' });
        refreshPage();
      })
      .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
  });
  return h('div', { class: 'field compact' }, h('label', { for: id }, tr('series.facilitatorLabel')), select);
}

export const sessionsPage: Page = async ({ params, signal }) => {
  const context = await chatContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'sessions.title', node: h('div', {}) };
  }
  const [sessions, series] = await Promise.all([
    api.get<SessionView[]>(groupApi(context.slug, '/sessions'), { signal }),
    api.get<SeriesView[]>(groupApi(context.slug, '/session-series'), { signal }),
  ]);
  const bySeries = new Map(series.map((one) => [one.id, one]));
  // A series lists its next two meetings here; the rest follow as the weeks go by.
  const shownPerSeries = new Map<string, number>();
  const shown = sessions.filter((session) => {
    if (!session.series) {
      return true;
    }
    const count = (shownPerSeries.get(session.series.id) ?? 0) + 1;
    shownPerSeries.set(session.series.id, count);
    return count <= 2;
  });
  const item = (session: SessionView) =>
    sessionItem(context, session, session.series ? bySeries.get(session.series.id) : undefined);
  // Moderators reach every later meeting too, to move or cancel one (a holiday, say) weeks ahead.
  const later = isModerator(context) ? sessions.filter((session) => !shown.includes(session)) : [];
  return groupView(
    context,
    { title: 'sessions.title', heading: tr('sessions.title'), section: 'sessions' },
    para('sessions.intro'),
    shown.length ? h('ol', { class: 'queue' }, ...shown.map(item)) : notice(msg('sessions.none')),
    later.length
      ? disclosure(
          h('span', {}, tr('sessions.laterMeetings', { count: later.length })),
          h('ol', { class: 'queue', 'data-testid': 'later-meetings' }, ...later.map(item)),
        )
      : null,
    seriesSection(context, series),
    isModerator(context) ? planSeriesForm(context) : null,
    isModerator(context) ? planSessionForm(context) : null,
  );
};
