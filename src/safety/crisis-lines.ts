import type { CrisisHelp } from '../contracts/forums.js';
import type { GroupLocale } from '../contracts/groups.js';
import { serverText } from '../contracts/server-texts.js';

export interface CrisisLine {
  name: string;
  phone?: string;
  web?: string;
  note?: string;
}

/**
 * Help lines shown to someone whose message signals crisis, per locale. Dutch groups serve
 * Belgium and the Netherlands alike, so both countries' lines are shown; the tests pin the numbers.
 * The group's locale picks the lines (which helplines apply); the caring sentence above them is
 * said in the reader's language from the code `crisis.help` (see crisisHelp). `intro` stays, in
 * the group's language, for older clients only.
 */
export const CRISIS_LINES: Record<GroupLocale, { intro: string; lines: CrisisLine[] }> = {
  nl: {
    intro:
      'Het klinkt alsof je het heel zwaar hebt. Je hoeft dit niet alleen te dragen: praat er vandaag nog over met iemand. Deze lijnen zijn er dag en nacht, gratis en anoniem.',
    lines: [
      { name: 'Zelfmoordlijn 1813 (België)', phone: '1813', web: 'https://www.zelfmoord1813.be' },
      {
        name: 'Centre de Prévention du Suicide (België, Franstalig)',
        phone: '0800 32 123',
        web: 'https://www.preventionsuicide.be',
      },
      { name: '113 Zelfmoordpreventie (Nederland)', phone: '113 of 0800-0113', web: 'https://www.113.nl' },
      { name: 'Noodgeval: ambulance of politie', phone: '112' },
    ],
  },
  en: {
    intro:
      "It sounds like you are going through something very hard. You don't have to carry this alone: please talk to someone today. These lines are there day and night, free and anonymous.",
    lines: [
      { name: 'Zelfmoordlijn 1813 (Belgium)', phone: '1813', web: 'https://www.zelfmoord1813.be' },
      {
        name: 'Centre de Prévention du Suicide (Belgium, French)',
        phone: '0800 32 123',
        web: 'https://www.preventionsuicide.be',
      },
      { name: '113 Suicide Prevention (the Netherlands)', phone: '113 or 0800-0113', web: 'https://www.113.nl' },
      { name: 'Emergency: ambulance or police', phone: '112' },
    ],
  },
};

/**
 * The crisis help sent to a reader: the lines for the group's locale, and the intro as a code the
 * client says in the reader's own language (an English reader in a Dutch group reads English).
 */
export function crisisHelp(locale: GroupLocale): CrisisHelp {
  const help = CRISIS_LINES[locale];
  return { intro: help.intro, introText: serverText('crisis.help'), lines: help.lines.map((line) => ({ ...line })) };
}
