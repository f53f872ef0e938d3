import { CONTENT_WARNING_MAX, createThreadSchema, TITLE_MAX } from '../../../src/contracts/forums.js';
import { h, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { FormController, schemaProblems, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { clearDraft, keepDraft } from '../core/drafts.js';
import { para } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { groupView, loadGroupContext } from '../groups/frame.js';
import { groupApi, groupPath, isReading } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { composeBox, sendWithCare } from './compose.js';
import type { ThreadView } from './forum.js';
import { mentionPicker } from './mention-picker.js';
import { threadPath } from './thread-list.js';
import { showOnArrival } from './thread.page.js';
import { askPersonSection } from '../safety/ask-person.js';

/** Starting a thread: a title, an optional content warning, and the text (with the crisis lines at hand). */
export const newThreadPage: Page = async ({ params, signal }) => {
  const slug = params.slug ?? '';
  const context = await loadGroupContext(slug, signal);
  if (!isReading(context.membership)) {
    navigate(groupPath(slug), { replace: true });
    return groupView(context, { title: 'newThread.title', heading: tr('newThread.title'), section: null });
  }
  const title = textField({
    name: 'title',
    label: 'newThread.titleLabel',
    hint: msg('newThread.titleHint'),
    autocomplete: 'off',
    prose: true,
    maxLength: TITLE_MAX,
  });
  const warning = textField({
    name: 'contentWarning',
    label: 'newThread.warningLabel',
    hint: msg('newThread.warningHint'),
    autocomplete: 'off',
    prose: true,
    required: false,
    maxLength: CONTENT_WARNING_MAX,
  });
  const box = composeBox({
    label: 'newThread.bodyLabel',
    hint: msg('newThread.bodyHint'),
    rows: 10,
    askPerson: () => askPersonSection(slug, signal),
  });
  // The draft of this group's new thread: title, warning and text each keep what was typed.
  keepDraft(title.input, `new-thread:${slug}:title`);
  keepDraft(warning.input, `new-thread:${slug}:warning`);
  keepDraft(box.field.input, `new-thread:${slug}:body`);
  const form = new FormController({
    fields: [title, warning, box.field],
    submit: 'newThread.submit',
    body: [
      title.root,
      warning.root,
      box.root,
      mentionPicker(slug, box.field.input),
      para('thread.formatHint', { class: 'hint' }),
    ],
  });
  form.onSubmit(async () => {
    const request: Record<string, string> = { title: title.input.value, body: box.field.input.value };
    if (warning.input.value.trim()) {
      request.contentWarning = warning.input.value;
    }
    const problems = schemaProblems(createThreadSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const thread = await sendWithCare(form, box, (insist, clientKey) =>
      api.post<ThreadView>(
        groupApi(slug, '/threads'),
        insist ? { ...request, clientKey, insist } : { ...request, clientKey },
      ),
    );
    if (thread) {
      for (const part of ['title', 'warning', 'body']) {
        clearDraft(`new-thread:${slug}:${part}`);
      }
      if (thread.crisis) {
        showOnArrival(thread.crisis, thread.crisisStatus);
      }
      if (thread.held) {
        flash(msg('post.held'));
      }
      navigate(threadPath(slug, thread.id), { replace: true });
    }
  });
  return groupView(
    context,
    { title: 'newThread.title', heading: tr('newThread.title'), section: 'forum' },
    para('newThread.intro'),
    form.element,
    h('p', {}, h('a', { href: groupPath(slug) }, tr('thread.back'))),
  );
};
