import { CONTENT_WARNING_MAX } from '../../../src/contracts/forums.js';
import { h, tr } from '../core/dom.js';
import { textField } from '../core/forms.js';
import { msg } from '../i18n/i18n.js';

/**
 * The chat box's optional content warning: folded away under "Add a content warning" so the box
 * stays one line on a phone; once given, the next message goes out with it (receivers see it
 * folded under the warning) and the field empties and folds again.
 */
export interface ChatWarningField {
  root: HTMLElement;
  /** The warning as the send request carries it (nothing when left empty). */
  request(): { contentWarning?: string };
  /** The warning for the message being sent now; empties the field for the next one. */
  take(): string | undefined;
}

export function chatWarningField(): ChatWarningField {
  const field = textField({
    name: 'contentWarning',
    label: 'chat.warningLabel',
    hint: msg('chat.warningHint'),
    autocomplete: 'off',
    prose: true,
    required: false,
    maxLength: CONTENT_WARNING_MAX,
  });
  const root = h('details', { class: 'chat-warning' }, h('summary', {}, tr('chat.addWarning')), field.root);
  const value = () => field.input.value.trim();
  return {
    root,
    request: () => (value() ? { contentWarning: value() } : {}),
    take: () => {
      const warning = value() || undefined;
      field.input.value = '';
      root.open = false;
      return warning;
    },
  };
}
