import type { DeviceView } from '../../../src/contracts/auth.js';
import { end } from '../auth/session.js';
import { h, liveText, on, showMessage, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { formatDateTime } from '../core/format.js';
import { describeError } from '../core/forms.js';
import { api, isAbort } from '../core/http.js';
import { notice } from '../core/page.js';
import { navigate } from '../core/router.js';
import { msg, t } from '../i18n/i18n.js';

function label(device: DeviceView): Text {
  return liveText(() =>
    t('devices.label', {
      browser: device.browser ?? t('devices.unknownBrowser'),
      os: device.os ?? t('devices.unknownOs'),
    }),
  );
}

function row(device: DeviceView, status: HTMLElement, reload: () => void): HTMLElement {
  const endButton = on(h('button', { type: 'button', class: 'button' }, tr('devices.end')), 'click', () => {
    endButton.disabled = true;
    api
      .delete<void>(`/api/auth/devices/${device.id}`)
      .then(() => {
        if (device.current) {
          // Ending this device is a logout here too (the server cleared the cookie).
          end('logout');
          flash(msg('logout.done'));
          navigate('/', { replace: true });
          return;
        }
        showMessage(status, msg('devices.ended'));
        reload();
      })
      .catch((error: unknown) => {
        endButton.disabled = false;
        showMessage(status, describeError(error));
      });
  });
  const facts = [
    liveText(() => t('devices.since', { date: formatDateTime(device.createdAt) })),
    device.lastUsedAt
      ? liveText(() => `, ${t('devices.lastUsed', { date: formatDateTime(device.lastUsedAt ?? '') })}`)
      : null,
  ];
  return h(
    'li',
    { class: 'device', 'data-device': device.id },
    h(
      'p',
      {},
      h('strong', {}, label(device)),
      ...(device.current ? [' (', tr('devices.thisDevice'), ')'] : []),
      ...(device.keepSignedIn ? [' · ', tr('devices.kept')] : []),
    ),
    h('p', { class: 'aside' }, ...facts),
    endButton,
  );
}

/** The account page's list of my logins (devices), each of which I can end. */
export function devicesPanel(signal: AbortSignal): HTMLElement {
  const list = h('ul', { class: 'plain-list' });
  const status = h('p', { role: 'status' });
  const body = h('div', {}, notice(msg('devices.loading')));
  const load = () => {
    api
      .get<DeviceView[]>('/api/auth/devices', { signal })
      .then((devices) => {
        list.replaceChildren(...devices.map((device) => row(device, status, load)));
        body.replaceChildren(list);
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) {
          body.replaceChildren(notice(describeError(error), 'error'));
        }
      });
  };
  load();
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'account-devices' },
    h('h2', { id: 'account-devices' }, tr('devices.heading')),
    h('p', {}, tr('devices.intro')),
    body,
    status,
  );
}
