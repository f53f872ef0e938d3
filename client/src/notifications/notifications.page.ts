import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationList,
  type NotificationSettings,
  type NotificationView,
} from '../../../src/contracts/notifications.js';
import { h, messageText, on, tr } from '../core/dom.js';
import { describeError } from '../core/forms.js';
import { timeElement } from '../core/format.js';
import { api } from '../core/http.js';
import { keptSignedIn } from '../core/prefs.js';
import { liveRegion, notice, para, view } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { msg, type PlainKey, t } from '../i18n/i18n.js';
import { notificationsChanged, sentenceKey } from './notifications.js';
import { type PushState, pushState, turnPushOff, turnPushOn } from './push.js';

const KIND_LABEL: Record<NotificationKind, PlainKey> = {
  reply: 'notifications.kind.reply',
  mention: 'notifications.kind.mention',
  buddy: 'notifications.kind.buddy',
  notice: 'notifications.kind.notice',
  appeal: 'notifications.kind.appeal',
  session: 'notifications.kind.session',
  join: 'notifications.kind.join',
};

/**
 * The notification centre: every notification of the member, newest first, each in its own
 * group under that group's alias with a link there (opening one marks it read); mark all read;
 * which kinds to get; push notifications on this device (they say only that something is new).
 */
export const notificationsPage: Page = async ({ signal }) => {
  const [list, settings] = await Promise.all([
    api.get<NotificationList>('/api/notifications', { signal }),
    api.get<NotificationSettings>('/api/notifications/settings', { signal }),
  ]);
  const live = liveRegion();
  const problem = h('div');
  const showProblem = (error: unknown) => problem.replaceChildren(notice(describeError(error), 'error'));

  const markRead = async (item: NotificationView, row: HTMLElement) => {
    if (item.read) {
      return;
    }
    await api.post<void>(`/api/notifications/${item.id}/read`);
    item.read = true;
    row.classList.remove('unread');
    row.querySelector('.mark-read')?.remove();
    notificationsChanged();
  };

  const rows = list.items.map((item) => {
    const sentence = messageText({ key: sentenceKey(item), params: sentenceParams(item) });
    const link = on(h('a', { href: item.link }, sentence), 'click', (event) => {
      event.preventDefault();
      void markRead(item, row)
        .catch(() => undefined)
        .finally(() => navigate(item.link));
    });
    const row: HTMLLIElement = h(
      'li',
      { class: item.read ? 'notification' : 'notification unread' },
      h('p', { class: 'notification-what' }, link),
      h(
        'p',
        { class: 'notification-where' },
        tr('notifications.where', { group: item.group.name, alias: item.alias }),
        ' · ',
        timeElement(item.updatedAt),
      ),
    );
    if (!item.read) {
      row.append(
        on(
          h('button', { type: 'button', class: 'link-button mark-read' }, tr('notifications.markRead')),
          'click',
          () => {
            markRead(item, row).catch(showProblem);
          },
        ),
      );
    }
    return row;
  });

  const markAll = on(h('button', { type: 'button' }, tr('notifications.markAll')), 'click', () => {
    api
      .post<void>('/api/notifications/read-all')
      .then(() => {
        for (const [index, row] of rows.entries()) {
          list.items[index].read = true;
          row.classList.remove('unread');
          row.querySelector('.mark-read')?.remove();
        }
        notificationsChanged();
        live.say('notifications.allRead');
      })
      .catch(showProblem);
  });

  const settingsBox = h(
    'fieldset',
    { class: 'notification-settings' },
    h('legend', {}, tr('notifications.settings')),
    ...NOTIFICATION_KINDS.map((kind) => {
      const box = h('input', { type: 'checkbox', name: kind, checked: settings[kind] });
      on(box, 'change', () => {
        api
          .put<NotificationSettings>('/api/notifications/settings', { [kind]: box.checked })
          .then(() => live.say('notifications.saved'))
          .catch((error: unknown) => {
            box.checked = !box.checked;
            showProblem(error);
          });
      });
      return h('p', {}, h('label', {}, box, ' ', tr(KIND_LABEL[kind])));
    }),
  );

  const pushBox = h('div', { class: 'push-setting' });
  const renderPush = (state: PushState) => {
    if (state === 'unsupported' || state === 'denied') {
      pushBox.replaceChildren(para(state === 'denied' ? 'notifications.pushDenied' : 'notifications.pushUnsupported'));
      return;
    }
    // Pushes reach a device after the page is closed: only one marked as the member's own at login.
    if (state === 'off' && !keptSignedIn()) {
      pushBox.replaceChildren(para('notifications.pushOwnDeviceOnly'));
      return;
    }
    const button = on(
      h('button', { type: 'button' }, tr(state === 'on' ? 'notifications.pushOff' : 'notifications.pushOn')),
      'click',
      () => {
        button.disabled = true;
        (state === 'on' ? turnPushOff() : turnPushOn())
          .then(() => pushState())
          .then((next) => {
            renderPush(next);
            live.say(next === 'on' ? 'notifications.pushIsOn' : 'notifications.pushIsOff');
          })
          .catch((error: unknown) => {
            button.disabled = false;
            showProblem(error);
          });
      },
    );
    pushBox.replaceChildren(
      para(state === 'on' ? 'notifications.pushIsOn' : 'notifications.pushExplain'),
      h('p', {}, button),
    );
  };
  void pushState()
    .then(renderPush)
    .catch(() => renderPush('unsupported'));

  return view('notifications.title', [
    live.element,
    problem,
    list.items.length === 0
      ? notice(msg('notifications.none'))
      : h('div', {}, h('p', {}, markAll), h('ul', { class: 'notification-list' }, ...rows)),
    h('h2', {}, tr('notifications.settingsTitle')),
    settingsBox,
    h('h2', {}, tr('notifications.pushTitle')),
    pushBox,
    para('notifications.pushPrivacy', { class: 'hint' }),
  ]);
};

function sentenceParams(item: NotificationView): { actor: string; count: number } {
  return { actor: item.actor ?? t('notifications.someone'), count: item.count };
}
