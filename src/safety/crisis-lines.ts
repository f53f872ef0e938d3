import type { GroupLocale } from '../contracts/groups.js';

export interface CrisisLine {
  name: string;
  phone?: string;
  web?: string;
  note?: string;
}

/**
 * Help lines shown to someone whose message signals crisis, per locale. Dutch groups serve
 * Belgium and the Netherlands alike, so both countries' lines are shown; the tests pin the numbers.
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
