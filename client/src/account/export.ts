import { EXPORTS_PER_HOUR } from '../../../src/contracts/exports.js';
import { freshAccessToken } from '../auth/session.js';
import { h, showMessage, tr } from '../core/dom.js';
import { describeError } from '../core/forms.js';
import { ApiError, type ErrorBody, isAbort } from '../core/http.js';
import { currentLanguage, msg } from '../i18n/i18n.js';

type ExportFormat = 'json' | 'html';

function pathOf(format: ExportFormat): string {
  return format === 'json' ? '/api/me/export' : `/api/me/export.html?lang=${currentLanguage()}`;
}

async function refusal(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
  if (body && typeof body.error === 'string' && typeof body.message === 'string') {
    return new ApiError({ ...body, statusCode: response.status } as ErrorBody);
  }
  return new ApiError({ statusCode: response.status, error: 'bad_response', message: response.statusText });
}

/**
 * Fetches the member's own export with the access token (a plain link could not carry it) and
 * hands it to the browser as a file download. Rejects with `ApiError` as the API client does.
 */
async function download(format: ExportFormat, signal: AbortSignal): Promise<void> {
  const token = await freshAccessToken();
  let response: Response;
  try {
    response = await fetch(pathOf(format), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (isAbort(error)) {
      throw error;
    }
    throw new ApiError({ statusCode: 0, error: 'network', message: 'The server cannot be reached.' });
  }
  if (!response.ok) {
    throw await refusal(response);
  }
  const name = /filename="([\w.-]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: name ?? `kring.${format}`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The account page's "Download my data" panel: the JSON file and the readable page. */
export function exportPanel(signal: AbortSignal): HTMLElement {
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const buttons = (['json', 'html'] as const).map((format) => {
    const button = h(
      'button',
      { type: 'button', class: 'button' },
      tr(format === 'json' ? 'account.exportJson' : 'account.exportHtml'),
    );
    button.addEventListener('click', () => {
      for (const each of buttons) {
        each.disabled = true;
      }
      showMessage(status, msg('account.exportBusy'));
      download(format, signal)
        .then(() => showMessage(status, msg('account.exportStarted')))
        .catch((error: unknown) => {
          if (isAbort(error)) {
            return;
          }
          const minutes = Math.max(1, Math.ceil(((error as ApiError).retryAfterMs ?? 60_000) / 60_000));
          const limited = minutes === 1 ? msg('account.exportLimitedOne') : msg('account.exportLimited', { minutes });
          showMessage(status, describeError(error, { rate_limited: limited }));
        })
        .finally(() => {
          for (const each of buttons) {
            each.disabled = false;
          }
        });
    });
    return button;
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'account-export' },
    h('h2', { id: 'account-export' }, tr('account.exportHeading')),
    h('p', {}, tr('account.exportIntro')),
    h('p', { class: 'aside' }, tr('account.exportPrivate', { count: EXPORTS_PER_HOUR })),
    h('div', { class: 'actions' }, ...buttons),
    status,
  );
}
