import type { GroupCategory } from '../contracts/group-info.js';
import type { CreateGroupRequest } from '../contracts/groups.js';

/** A starter group: the group, its information page, its topic words and its pinned welcome thread. */
export interface StarterGroup extends CreateGroupRequest {
  category: GroupCategory;
  topics: string[];
  purpose: string;
  whoFor: string;
  sessionFormat: string;
  rules: string;
  /** The pinned "introduce yourself" thread, written in the site's voice (no member wrote it). */
  welcome: { title: string; body: string };
  /** The slug of the group this one is paired with (a peer group and its relatives' group). */
  pairWith?: string;
}

const PLEDGE_NL =
  'Wat hier gezegd wordt, blijft hier. Ik deel niets van wat anderen schrijven buiten deze groep, ' +
  'ook niet in een schermafbeelding, en ik probeer niemand te herkennen of op te zoeken. ' +
  'Ik spreek vanuit mijn eigen ervaring en respecteer ieders tempo.';

const PLEDGE_EN =
  'What is said here stays here. I share nothing others write outside this group, not even as a ' +
  'screenshot, and I do not try to recognise or look up anyone. I speak from my own experience and ' +
  "respect everyone's pace.";

const SESSIONS_NL =
  'Er is een forum dat altijd open is, en geregeld een gesprek in de chat van een uur met 10 tot 20 ' +
  'mensen. Een lid leidt het gesprek: het opent met de belofte, geeft iedereen die wil om de beurt ' +
  'het woord en sluit samen af. Je mag ook alleen komen luisteren.';

const SESSIONS_EN =
  'The forum is always open, and now and then there is an hour-long chat meeting of 10 to 20 people. ' +
  'A member leads it: it opens with the pledge, gives the word in turn to everyone who wants it, and ' +
  'closes together. You may come just to listen.';

const RULES_NL =
  'Je spreekt vanuit je eigen ervaring, niet als deskundige. Geen namen, adressen of details waaraan ' +
  'iemand te herkennen is. Geen medisch advies en geen reclame. Vrijwillige moderatoren letten op de ' +
  'groep; wie in nood is, krijgt meteen de hulplijnen te zien.';

const RULES_EN =
  'Speak from your own experience, not as an expert. No names, addresses or details by which someone ' +
  'could be recognised. No medical advice and no advertising. Volunteer moderators look after the ' +
  'group; anyone in crisis is shown the help lines at once.';

function welcomeNl(name: string): { title: string; body: string } {
  return {
    title: 'Welkom! Stel je gerust even voor',
    body:
      `Welkom in de groep ${name}. Dit bericht komt van Kring zelf, niet van een lid.\n\n` +
      'Hier mag je je voorstellen, onder je alias: wat je hier brengt, wat je zoekt, hoe het nu met je ' +
      'gaat. Het hoeft niet: eerst een tijd meelezen mag ook. Deel niets waaraan iemand je kan herkennen.',
  };
}

function welcomeEn(name: string): { title: string; body: string } {
  return {
    title: 'Welcome! Feel free to introduce yourself',
    body:
      `Welcome to ${name}. This message is from Kring itself, not from a member.\n\n` +
      'You may introduce yourself here, under your alias: what brings you, what you are looking for, how ' +
      'you are doing. You do not have to: reading along for a while is fine too. Share nothing by which ' +
      'someone could recognise you.',
  };
}

const CRISIS_NL = 'In nood: bel 1813 (België) of 113 / 0800-0113 (Nederland), dag en nacht.';

function dutch(
  group: Omit<
    StarterGroup,
    'pledge' | 'locale' | 'kind' | 'sessionFormat' | 'rules' | 'welcome' | 'chatRetentionDays' | 'audience'
  > &
    Partial<Pick<StarterGroup, 'chatRetentionDays' | 'audience' | 'rules'>>,
): StarterGroup {
  return {
    pledge: PLEDGE_NL,
    locale: 'nl',
    kind: 'open',
    audience: 'peers',
    chatRetentionDays: 30,
    sessionFormat: SESSIONS_NL,
    rules: RULES_NL,
    welcome: welcomeNl(group.name),
    ...group,
  };
}

function english(
  group: Omit<StarterGroup, 'pledge' | 'locale' | 'kind' | 'sessionFormat' | 'rules' | 'welcome' | 'chatRetentionDays'>,
): StarterGroup {
  return {
    pledge: PLEDGE_EN,
    locale: 'en',
    kind: 'open',
    chatRetentionDays: 30,
    sessionFormat: SESSIONS_EN,
    rules: RULES_EN,
    welcome: welcomeEn(group.name),
    ...group,
  };
}

/**
 * The groups a fresh embedded database starts with, so the first visit finds a site with groups to
 * read about, search and join. One problem per group (the seeds' single-issue principle): people
 * with suicidal thoughts and people bereaved by suicide each have their own group.
 */
export const STARTER_GROUPS: StarterGroup[] = [
  dutch({
    slug: 'depressie',
    name: 'Depressie',
    description: 'Voor wie met een depressie leeft of eruit aan het klimmen is. Herkenning, steun en wat helpt.',
    category: 'psychological',
    topics: ['somberheid', 'neerslachtig', 'burn-out', 'depression', 'low mood'],
    purpose: 'Ervaringen delen over leven met een depressie: de zware dagen, wat helpt en wat niet, en de weg terug.',
    whoFor: 'Volwassenen die zelf een depressie hebben of hadden, met of zonder diagnose.',
  }),
  dutch({
    slug: 'zelfmoordgedachten',
    name: 'Zelfmoordgedachten',
    description: `Voor wie zelf aan zelfmoord denkt of dacht. Je staat er niet alleen voor. ${CRISIS_NL}`,
    category: 'psychological',
    chatRetentionDays: 14,
    topics: ['suïcide', 'suïcidale gedachten', 'doodsgedachten', 'suicidal thoughts', 'suicide'],
    purpose:
      'Praten over gedachten aan zelfmoord met mensen die ze kennen, zonder oordeel: wat je tegenhoudt, ' +
      'wat je helpt de moeilijke uren door te komen.',
    whoFor: `Mensen die zelf aan zelfmoord denken of dachten. Wie iemand verloor door zelfmoord, vindt een eigen groep: Nabestaanden na zelfmoord. ${CRISIS_NL}`,
    rules:
      `${RULES_NL} Beschrijf geen methoden. Gaat het nu niet? Bel 1813 (België) of 113 / 0800-0113 ` +
      '(Nederland), of vraag in de groep om een moderator.',
  }),
  dutch({
    slug: 'nabestaanden-na-zelfmoord',
    name: 'Nabestaanden na zelfmoord',
    description:
      'Voor wie iemand verloor door zelfmoord: een kind, een partner, een ouder, een vriend. Rouwen met wie het begrijpt.',
    category: 'social',
    topics: ['rouw', 'verlies', 'suïcide', 'nabestaande', 'bereaved by suicide', 'grief'],
    purpose:
      'Rouwen om iemand die uit het leven stapte: het waarom, de schuldvragen, de feestdagen, en hoe je verder leeft.',
    whoFor:
      'Nabestaanden na zelfmoord, kort of lang geleden. Wie zelf aan zelfmoord denkt, vindt steun in de groep Zelfmoordgedachten.',
  }),
  dutch({
    slug: 'echtscheiding',
    name: 'Echtscheiding',
    description: 'Uit elkaar gaan, kinderen, alleen verder: ervaringen delen met wie hetzelfde doormaakt.',
    category: 'social',
    topics: ['scheiding', 'relatiebreuk', 'co-ouderschap', 'divorce', 'separation'],
    purpose: 'Steun bij een scheiding: het verdriet, de praktische kant, de kinderen en een nieuw begin.',
    whoFor: 'Wie gaat scheiden, gescheiden is of na een lange relatie alleen verder moet.',
  }),
  dutch({
    slug: 'fobieen-en-angst',
    name: 'Fobieën en angst',
    description: 'Paniek, angst en fobieën: wat je voelt, wat je probeert, wat werkt voor anderen.',
    category: 'psychological',
    topics: ['paniek', 'paniekaanval', 'fobie', 'pleinvrees', 'anxiety', 'panic', 'phobia'],
    purpose: 'Samen leren leven met angst en paniek: herkenning, kleine stappen en wat anderen hielp.',
    whoFor: 'Wie last heeft van paniekaanvallen, angst of een fobie.',
  }),
  dutch({
    slug: 'alleen-wonen',
    name: 'Alleen wonen',
    description: 'Eenzaamheid, zelfstandig leven, de avonden en de weekends: samen minder alleen.',
    category: 'social',
    topics: ['eenzaamheid', 'alleenstaand', 'loneliness', 'living alone'],
    purpose: 'Elkaar steunen bij alleen wonen en eenzaamheid, en samen ontdekken wat de dagen vult.',
    whoFor: 'Wie alleen woont en daar soms of vaak mee worstelt.',
  }),
  dutch({
    slug: 'verslaving',
    name: 'Verslaving: alcohol en drugs',
    description:
      'Voor wie minder wil drinken of gebruiken, of er vanaf wil blijven. Zonder oordeel, in je eigen tempo.',
    category: 'addiction',
    topics: ['alcohol', 'drank', 'drugs', 'herstel', 'terugval', 'addiction', 'recovery'],
    purpose: 'Herstel van een verslaving met lotgenoten: de eerste stappen, volhouden, en terugval zonder schaamte.',
    whoFor:
      'Wie zelf verslaafd is of was aan alcohol of drugs. Partners, ouders en kinderen hebben hun eigen groep: Familie van mensen met een verslaving.',
    pairWith: 'familie-bij-verslaving',
  }),
  dutch({
    slug: 'familie-bij-verslaving',
    name: 'Familie van mensen met een verslaving',
    description:
      'Voor partners, ouders en kinderen van iemand die drinkt of gebruikt. Over zorgen, grenzen en voor jezelf zorgen.',
    category: 'relatives',
    audience: 'relatives',
    topics: ['partner', 'ouder', 'kind van', 'alcohol', 'drugs', 'co-afhankelijkheid', 'family', 'relatives'],
    purpose:
      'Steun voor wie naast iemand met een verslaving leeft: grenzen stellen, loslaten en zelf overeind blijven.',
    whoFor:
      'Partners, ouders, kinderen en vrienden van iemand met een verslaving. Wie zelf verslaafd is, vindt de groep Verslaving: alcohol en drugs.',
    pairWith: 'verslaving',
  }),
  english({
    slug: 'chronic-pain',
    name: 'Living with chronic pain',
    description: 'For anyone living with long-term pain: the bad days, the doctors, work, and what makes life lighter.',
    category: 'physical',
    audience: 'peers',
    topics: ['pain', 'fibromyalgia', 'back pain', 'illness', 'chronische pijn', 'pijn'],
    purpose: 'Sharing how we live with chronic pain: pacing, sleep, being believed, and the small things that help.',
    whoFor: 'Adults living with pain that lasts, whatever its cause.',
  }),
  english({
    slug: 'anxiety-and-panic',
    name: 'Anxiety and panic',
    description: 'An English-speaking group for anxiety, panic attacks and phobias: what you feel, what helps.',
    category: 'psychological',
    audience: 'peers',
    topics: ['anxiety', 'panic attacks', 'phobia', 'worry', 'angst', 'paniek'],
    purpose: 'Learning to live with anxiety together: recognition, small steps and what helped others.',
    whoFor: 'English speakers who live with anxiety, panic attacks or a phobia.',
  }),
];
