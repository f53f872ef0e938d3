import { DEFAULT_ROTA_TIMEZONE, type DutyView, rotaSchema, type RotaSlot } from '../../../src/contracts/crisis.js';
import { h, on, tr, trAttr } from '../core/dom.js';
import { FormController, type Problem, schemaProblems, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { msg } from '../i18n/i18n.js';
import { DAY_KEYS, hourLabel, rotaHours, WEEKDAYS } from './week.js';

/**
 * A responder's weekly rota on the desk page: ranges of whole hours per weekday, in a timezone they
 * name (`PUT /api/crisis/rota` replaces the rota whole). Each range is a row of three labelled
 * selects with a remove button; the focus goes to the new row's day on "Add hours", and to the
 * add button when a row is removed.
 */
interface Row {
  element: HTMLLIElement;
  group: HTMLDivElement;
  weekday: HTMLSelectElement;
  from: HTMLSelectElement;
  to: HTMLSelectElement;
}

function hourSelect(first: number, last: number, value: number): HTMLSelectElement {
  const select = h('select', {});
  for (let hour = first; hour <= last; hour++) {
    select.append(h('option', { value: String(hour) }, hourLabel(hour)));
  }
  select.value = String(value);
  return select;
}

function labelled(key: 'rota.day' | 'rota.from' | 'rota.to', control: HTMLSelectElement): HTMLLabelElement {
  return h('label', { class: 'rota-part' }, h('span', { class: 'rota-label' }, tr(key)), ' ', control);
}

export function rotaEditor(initial: DutyView): HTMLElement {
  const rows: Row[] = [];
  const list = h('ol', { class: 'rota-rows plain-list' });
  const empty = h('p', { class: 'hint' }, tr('rota.empty'));
  const timezone = textField({
    name: 'timezone',
    label: 'rota.timezone',
    hint: msg('rota.timezoneHint'),
    autocomplete: 'off',
    value: initial.timezone || DEFAULT_ROTA_TIMEZONE,
    maxLength: 64,
  });
  const saved = h('p', { class: 'rota-saved', role: 'status' });
  const add = h('button', { type: 'button', class: 'button small' }, tr('rota.add'));

  /** Row numbers, accessible names and the empty note after a row came or went. */
  const renumber = () => {
    rows.forEach((row, index) => {
      const n = index + 1;
      trAttr(row.group, 'aria-label', 'rota.range', { n });
      const remove = row.element.querySelector('button');
      if (remove) {
        remove.replaceChildren(tr('rota.remove', { n }));
      }
    });
    empty.hidden = rows.length > 0;
  };

  const addRow = (slot: RotaSlot): Row => {
    const weekday = h('select', { name: 'weekday' });
    for (const day of WEEKDAYS) {
      weekday.append(h('option', { value: String(day) }, tr(DAY_KEYS[day])));
    }
    weekday.value = String(slot.weekday);
    const from = hourSelect(0, 23, slot.from);
    from.name = 'from';
    const to = hourSelect(1, 24, slot.to);
    to.name = 'to';
    const remove = h('button', { type: 'button', class: 'button small' });
    const group = h(
      'div',
      { class: 'rota-row', role: 'group' },
      labelled('rota.day', weekday),
      ' ',
      labelled('rota.from', from),
      ' ',
      labelled('rota.to', to),
      ' ',
      remove,
    );
    const element = h('li', {}, group);
    const row: Row = { element, group, weekday, from, to };
    on(remove, 'click', () => {
      rows.splice(rows.indexOf(row), 1);
      element.remove();
      renumber();
      add.focus();
    });
    rows.push(row);
    list.append(element);
    renumber();
    return row;
  };

  for (const slot of initial.rota) {
    addRow(slot);
  }
  renumber();
  on(add, 'click', () => {
    const last = rows.at(-1);
    const row = addRow({
      weekday: last ? Math.min(7, Number(last.weekday.value) + 1) : 1,
      from: last ? Number(last.from.value) : 18,
      to: last ? Number(last.to.value) : 22,
    });
    row.weekday.focus();
  });

  const form = new FormController({
    fields: [timezone],
    submit: 'rota.save',
    body: [timezone.root, list, empty, h('div', { class: 'actions' }, add)],
  });
  form.onSubmit(async () => {
    saved.replaceChildren();
    const slots = rows.map((row) => ({
      weekday: Number(row.weekday.value),
      from: Number(row.from.value),
      to: Number(row.to.value),
    }));
    const wrong = slots.findIndex((slot) => slot.to <= slot.from);
    if (wrong >= 0) {
      form.showProblems([], msg('rota.endBeforeStart', { n: wrong + 1 }));
      rows[wrong]?.to.focus();
      return;
    }
    const request = { timezone: timezone.input.value.trim(), slots };
    const problems: Problem[] = schemaProblems(rotaSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const answer = await api.put<DutyView>('/api/crisis/rota', request);
    form.clearErrors();
    saved.replaceChildren(tr('rota.saved', { hours: rotaHours(answer.rota) }));
  });

  return h(
    'section',
    { class: 'panel rota', 'aria-labelledby': 'rota-heading' },
    h('h2', { id: 'rota-heading' }, tr('rota.heading')),
    h('p', {}, tr('rota.intro')),
    form.element,
    saved,
  );
}
