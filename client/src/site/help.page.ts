import { h, tr } from '../core/dom.js';
import { para, view } from '../core/page.js';
import type { Page } from '../core/router.js';
import { crisisLines } from '../safety/crisis-lines.js';

export const helpPage: Page = () =>
  view('help.title', [
    crisisLines({ headingLevel: 2 }),
    para('help.peerNote'),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'help-safety' },
      h('h2', { id: 'help-safety' }, tr('help.safetyHeading')),
      para('help.quickExit'),
      para('help.discreet'),
      para('help.memory'),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'help-deleted' },
      h('h2', { id: 'help-deleted' }, tr('help.deletedHeading')),
      para('help.deleted'),
    ),
  ]);
