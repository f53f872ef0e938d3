import type { SeriesView } from '../../../src/contracts/session-series.js';
import { h, on, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { formatDateTime, timeElement } from '../core/format.js';
import { checkbox, describeError } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice } from '../core/page.js';
import { refreshPage } from '../core/router.js';
import { type GroupContext, isModerator } from '../groups/frame.js';
import { groupApi } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { startsSoon } from './starts-soon.js';

function seriesItem(context: GroupContext, series: SeriesView): HTMLLIElement {
  const headingId = uid('series');
  const status = h('div', {});
  const path = groupApi(context.slug, `/session-series/${series.id}/signup`);
  const done = (key: Parameters<typeof msg>[0]) => () => {
    flash({ key });
    refreshPage();
  };
  const fail = (error: unknown) => status.replaceChildren(notice(describeError(error), 'error'));
  const tools: Node[] = [];
  if (!series.mine) {
    const volunteer = checkbox('volunteer', 'series.volunteer');
    tools.push(
      volunteer.root,
      on(h('button', { type: 'button', class: 'button primary small' }, tr('series.signUp')), 'click', () => {
        api.post<SeriesView>(path, { volunteer: volunteer.input.checked }).then((view) => {
          // A meeting that one-off sign-ups had filled has no place for her: said at once, not found out later.
          flash(
            view.withoutPlace.length
              ? msg('series.signedUpExcept', {
                  dates: view.withoutPlace.map((meeting) => formatDateTime(meeting.startsAt)).join(', '),
                })
              : msg('series.signedUp'),
          );
          refreshPage();
        }, fail);
      }),
    );
  } else {
    tools.push(
      on(
        h(
          'button',
          { type: 'button', class: 'button small' },
          tr(series.volunteer ? 'series.unvolunteer' : 'series.volunteerNow'),
        ),
        'click',
        () => {
          api.post(path, { volunteer: !series.volunteer }).then(done('series.saved'), fail);
        },
      ),
      on(h('button', { type: 'button', class: 'button small' }, tr('series.signOut')), 'click', () => {
        api.delete(path).then(done('series.signedOut'), fail);
      }),
    );
  }
  return h(
    'li',
    { class: 'case' },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h('h3', { id: headingId }, series.title),
      h(
        'p',
        { class: 'thread-facts' },
        tr(series.rhythm === 'weekly' ? 'series.weekly' : 'series.biweekly', {
          time: series.localTime,
          zone: series.timeZone,
        }),
        ' · ',
        tr('series.meetings', { count: series.count }),
      ),
      h(
        'p',
        {},
        tr('series.places', { taken: series.signedUp, capacity: series.capacity }),
        series.closedCohort ? h('span', { class: 'badge' }, tr('series.closedBadge')) : null,
        series.mine ? h('span', { class: 'badge' }, tr('series.youAreIn')) : null,
        series.volunteer ? h('span', { class: 'badge' }, tr('series.youVolunteer')) : null,
      ),
      series.next
        ? h('p', {}, tr('series.next'), ' ', timeElement(series.next.startsAt), ' ', startsSoon(series.next.startsAt))
        : null,
      series.mine && series.withoutPlace.length
        ? h(
            'p',
            { class: 'hint' },
            tr('series.noPlaceAt'),
            ' ',
            ...series.withoutPlace.flatMap((meeting, index) => [index ? ', ' : '', timeElement(meeting.startsAt)]),
          )
        : null,
      series.volunteers.length
        ? h('p', {}, tr('series.volunteers', { aliases: series.volunteers.map((one) => one.alias).join(', ') }))
        : null,
      h('div', { class: 'tool-row' }, ...tools),
      status,
    ),
  );
}

/** The group's series: sign up for all meetings at once, and offer to facilitate one. */
export function seriesSection(context: GroupContext, series: SeriesView[]): HTMLElement | null {
  if (series.length === 0 && !isModerator(context)) {
    return null;
  }
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'series-heading' },
    h('h2', { id: 'series-heading' }, tr('series.heading')),
    h('p', {}, tr('series.intro')),
    series.length
      ? h('ol', { class: 'queue' }, ...series.map((one) => seriesItem(context, one)))
      : notice(msg('series.none')),
  );
}
