import type { CreateGroupRequest } from '../contracts/groups.js';

const PLEDGE_NL =
  'Wat hier gezegd wordt, blijft hier. Ik deel niets van wat anderen schrijven buiten deze groep, ' +
  'ook niet in een schermafbeelding, en ik probeer niemand te herkennen of op te zoeken. ' +
  'Ik spreek vanuit mijn eigen ervaring en respecteer ieders tempo.';

/** The groups a fresh embedded database starts with, so the site is not empty on first run. */
export const STARTER_GROUPS: CreateGroupRequest[] = [
  {
    slug: 'depressie',
    name: 'Depressie',
    description: 'Voor wie met een depressie leeft of eruit aan het klimmen is. Herkenning, steun en wat helpt.',
    pledge: PLEDGE_NL,
    locale: 'nl',
    kind: 'open',
    audience: 'peers',
    chatRetentionDays: 30,
  },
  {
    slug: 'zelfmoord-gedachten-en-verlies',
    name: 'Zelfmoord: gedachten en verlies',
    description:
      'Voor wie zelf aan zelfmoord denkt of iemand verloor door zelfmoord. Je staat er niet alleen voor. ' +
      'In nood: bel 1813 (België) of 113 / 0800-0113 (Nederland).',
    pledge: PLEDGE_NL,
    locale: 'nl',
    kind: 'open',
    audience: 'peers',
    chatRetentionDays: 14,
  },
  {
    slug: 'echtscheiding',
    name: 'Echtscheiding',
    description: 'Uit elkaar gaan, kinderen, alleen verder: ervaringen delen met wie hetzelfde doormaakt.',
    pledge: PLEDGE_NL,
    locale: 'nl',
    kind: 'open',
    audience: 'peers',
    chatRetentionDays: 30,
  },
  {
    slug: 'fobieen-en-angst',
    name: 'Fobieën en angst',
    description: 'Paniek, angst en fobieën: wat je voelt, wat je probeert, wat werkt voor anderen.',
    pledge: PLEDGE_NL,
    locale: 'nl',
    kind: 'open',
    audience: 'peers',
    chatRetentionDays: 30,
  },
  {
    slug: 'alleen-wonen',
    name: 'Alleen wonen',
    description: 'Eenzaamheid, zelfstandig leven, de avonden en de weekends: samen minder alleen.',
    pledge: PLEDGE_NL,
    locale: 'nl',
    kind: 'open',
    audience: 'peers',
    chatRetentionDays: 30,
  },
  {
    slug: 'familie-bij-verslaving',
    name: 'Familie van mensen met een verslaving',
    description:
      'Voor partners, ouders en kinderen van iemand die drinkt of gebruikt. Over zorgen, grenzen en voor jezelf zorgen.',
    pledge: PLEDGE_NL,
    locale: 'nl',
    kind: 'open',
    audience: 'relatives',
    chatRetentionDays: 30,
  },
];
