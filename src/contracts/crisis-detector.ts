/**
 * Crisis language in Dutch (Belgium and the Netherlands) and English, as people write it in
 * distress: shared by the server (SafetyService screens every thread, post and chat message) and
 * the browser (the crisis lines appear beside the box while a member types). Pure TypeScript, no
 * Node or DOM APIs, everything compiled once when the module loads.
 *
 * How it reads a text:
 * 1. Normalise: lower case, accents removed, apostrophes dropped ("don't" → "dont", "'k" → "k"),
 *    every run of a repeated letter squeezed to one ("doood", "zelfmoordd" → "dod", "zelfmord"), so
 *    doubled letters typed on a phone match what the rules are written with (rules are squeezed too).
 * 2. Split into clauses at punctuation, so "ik wil niet dood, ik wil dat iemand luistert" is two.
 * 3. Tokenise and give every token its word classes (first person, third person, negation, "want",
 *    "dood", the lemmas zelfmoord…/zelfdoding…/suïcid…/zelfbeschadig… with one typo allowed, …).
 * 4. Match a short list of reviewed rules over token windows: each rule is a sequence of classes or
 *    words with a bounded number of other words in between ("wil ~4 DOOD" matches "wil ik gewoon
 *    echt dood"). A match is dropped when a negation stands just before or inside it ("ik wil niet
 *    dood"), and turned into a `mention` when its subject is someone else ("ze zegt dat ze dood
 *    wil"), or, for the crisis nouns, when the clause is about a third person, the past, a loss or a
 *    training, book or the news ("mijn broer is overleden door zelfdoding").
 *
 * Everyday hyperbole stays quiet because no rule is made of it: "dood" alone, "dood van de honger",
 * "this exam is killing me", "I could die of embarrassment". Add a rule only with a line in
 * src/safety/crisis-corpus.tsv that needs it, and run `npm run crisis:eval`.
 */

export const CRISIS_CATEGORIES = ['suicidal', 'self_harm', 'mention'] as const;
/**
 * `suicidal`: the writer signals suicidal intent or thoughts; `self_harm`: the writer harms
 * themselves; `mention`: crisis words about someone else, the past, a loss or a training — no alert.
 */
export type CrisisCategory = (typeof CRISIS_CATEGORIES)[number];
/** The categories that show the writer the crisis lines and alert the moderators. */
export type CrisisAlert = Exclude<CrisisCategory, 'mention'>;

export interface CrisisFinding {
  category: CrisisCategory;
  /** The name of the rule that decided (for tests and the evaluation); never the text itself. */
  rule: string;
}

// Word classes, one bit each. THIRD is anyone but the writer (pronouns, family, friends, "we");
// POSS3 "zijn/haar/his/her" only counts right before a crisis noun ("zijn zelfmoord"), as "zijn" is
// also "to be"; LOSS marks a bereavement ("nabestaande van"), TOPIC a training, book or the news.
const I = 1 << 0;
const ME = 1 << 1;
const MYSELF = 1 << 2;
const MY = 1 << 3;
const THIRD = 1 << 4;
const POSS3 = 1 << 5;
const YOU = 1 << 6;
const NEG = 1 << 7;
const WANT = 1 << 8;
const MORE = 1 << 9;
const LIVE = 1 << 10;
const DOOD = 1 << 11;
const EIND = 1 << 12;
const MAKE = 1 << 13;
const SUICIDE = 1 << 14;
const SELFHARM = 1 << 15;
const TOPIC = 1 << 16;
const CUTNL = 1 << 17;
const CUTEN = 1 << 18;
const BODY = 1 << 19;
const KILL = 1 << 20;
const HANG = 1 << 21;
const LOSS = 1 << 22;
const MEANS = 1 << 23;
const VANISH = 1 << 24;
const WOUND = 1 << 25;

const CLASS_NAMES: Record<string, number> = {
  I,
  ME,
  MYSELF,
  MY,
  THIRD,
  POSS3,
  YOU,
  NEG,
  WANT,
  MORE,
  LIVE,
  DOOD,
  EIND,
  MAKE,
  SUICIDE,
  SELFHARM,
  TOPIC,
  CUTNL,
  CUTEN,
  BODY,
  KILL,
  HANG,
  LOSS,
  MEANS,
  VANISH,
  WOUND,
};

const MARKS = /\p{M}+/gu;
const NOT_ASCII = /[\u0080-\uffff]/;
const APOSTROPHES = /['’‘`´]/g;
const REPEATS = /(\p{L})\1+/gu;
const CLAUSE_BREAKS =
  /[.!?;,:()[\]{}"“”„«»…\r\n]+|\s[-–—]+\s|\s(?:maa?r|but)\s(?=(?:ik|k|nu|het|sinds|i|im|ive|now|it|its|since)\s)/u;
const NON_WORD = /[^\p{L}\p{N}]+/u;

/** Lower case, no accents, no apostrophes, repeated letters squeezed: the form rules are written in. */
function fold(text: string): string {
  const plain = NOT_ASCII.test(text) ? text.normalize('NFKD').replace(MARKS, '') : text;
  return plain.toLowerCase().replace(APOSTROPHES, '').replace(REPEATS, '$1');
}

function foldWord(word: string): string {
  return fold(word).replace(NON_WORD, '');
}

const LEXICON = new Map<string, number>();
function words(cls: number, list: string): void {
  for (const word of list.split(/\s+/)) {
    if (word) {
      const folded = foldWord(word);
      LEXICON.set(folded, (LEXICON.get(folded) ?? 0) | cls);
    }
  }
}

words(I, 'ik k ikke i im ive id ill');
words(ME, 'me mij');
words(MYSELF, 'mezelf mijzelf mzelf mijzelve myself meself');
words(MY, 'mijn mn my mijne');
words(
  THIRD,
  `hij zij ze he she they hes shes theyre him hem them zich zichzelf himself herself themselves iemand someone
   somebody people mensen persoon person jongeren vrijwilligers volunteers broer broertje zus zusje zuster vader
   moeder papa mama pa ma mam pap zoontje dochter dochtertje vriend vriendje vriendin vriendinnetje
   partner ex tante nonkel neef nicht opa oma bompa bomma collega kinderen buurman buurvrouw leerling
   leerlingen hoofdpersoon brother sister mother mum mom mommy mummy father dad daddy son daughter friend boyfriend
   girlfriend husband wife uncle aunt cousin grandpa grandma grandmother grandfather colleague child children kid
   kids character student patient client we wij lets us ons onze our jongen jongens meisje meisjes tiener tieners
   boy boys girl girls teen teens teenager teenagers`,
);
words(POSS3, 'zijn haar hun his her their');
words(YOU, 'je jij u ge gij jullie jou jezelf you youre ya yourself');
words(NEG, 'niet nie ni niks geen nooit not never dont didnt doesnt wont cant cannot no isnt arent wasnt wouldnt');
words(WANT, 'wil wilt wou woud wilde wilden willen gewild hoop hoopte wens verlang want wants wanted wanna wish ready');
words(MORE, 'meer langer verder anymore nolonger');
words(LIVE, 'leven levn lven leve bestaan verder live living alive exist existing life');
words(DOOD, 'dood doodgaan sterven');
words(EIND, 'eind einde eindje end ending');
words(MAKE, 'maken maak maakt maakte maakten gemaakt make brei breien');
words(
  TOPIC,
  `training trainingen cursus course workshop webinar lezing les lessen presentatie spreekbeurt werkstuk essay boek
   book film movie serie series documentaire documentary reportage nieuws news krant newspaper artikel article studie
   study onderzoek research cijfers statistieken statistics rates rate aantal percentage werelddag awareness
   prevention preventie cbs samaritans podcast hotline helpline lifeline volunteer volunteering assembly lecture
   seminar campaign campagne voorlichting journaal nieuwsbericht infosessie infoavond`,
);
words(LOSS, 'nabestaande nabestaanden bereaved survivor survivors verloren lost loss');
words(
  CUTNL,
  `snij snijd snijdt snijden sneed sneden gesneden kras krassen kraste krasten gekrast verwond verwonden verwondde
   beschadig beschadigen beschadigd brand branden gebrand verbrand verbranden verbrandde krab krabben gekrabd`,
);
words(
  CUTEN,
  'carve carved carving cut cuts cutting harm harming hurt hurting burn burned burnt burning scratch scratching hit hitting',
);
words(
  BODY,
  `arm armen pols polsen been benen dij dijen bovenbeen bovenbenen bovenarm bovenarmen onderarm onderarmen buik huid
   wrist wrists arms forearm forearms leg legs thigh thighs skin`,
);
words(KILL, 'kill kills killing doden vermoorden vermoord murder');
words(HANG, 'hang hanging hangen ophangen ophang opgehangen verhangen verhang verhing');
// The means people gather (pills, a rope): hoarding or buying them is a warning sign, not a word alone.
words(MEANS, 'pillen pil pills tabletten tabletjes medicijnen medicatie meds slaappillen paracetamol oxazepam');
words(VANISH, 'verdwijn verdwijnen verdwijnt verdween verdwenen disappear disappeared disappearing vanish vanished');
words(WOUND, 'sneetjes sneden snijwonden snijwondjes wondjes cuts gashes');

/** Lemma stems (folded, squeezed): a token starting with one is a crisis noun or adjective. */
const SUICIDE_STEMS = ['zelfmoord', 'zelfdoding', 'suicid'].map(foldWord);
const SELFHARM_STEMS = ['zelfbeschadig', 'zelfverwond', 'automutil', 'selfharm', 'selfinjur'].map(foldWord);
/** A compound whose tail is one of these is about prevention or the numbers, not the writer. */
const TOPIC_TAILS = ['prev', 'lijn', 'cijfer', 'terror', 'aanslag', 'squad', 'bomb'].map(foldWord);

/**
 * Words that are a person only after "mijn", "zijn", "my": "mijn man", "mijn zoon", "mijn kind"
 * ("man, …", "zo'n" and "kind of" are not; squeezed, "zoon" and "zo'n" are one word).
 */
const SPOUSES = new Set('man vrouw oom ome vent lief zoon kind'.split(' ').map(foldWord));

/** Flemish contractions: "kwil" → "ik wil". */
const CONTRACTED_VERBS = new Set(
  'wil wou wilde heb ben zie ga denk zou voel snij snijd doe weet hoop'.split(' ').map(foldWord),
);
/** Two tokens read as one: "self harm" (self-harm), "my self", "no one", "any more", "zelf moord". */
function joinsWith(first: string, second: string): boolean {
  switch (first) {
    case 'self':
      return second.startsWith('harm') || second.startsWith('injur');
    case 'my':
      return second === 'self';
    case 'no':
      return second === 'one' || second === 'longer';
    case 'any':
      return second === 'more';
    case 'zelf':
      return lemmaClass(first + second) !== 0;
    default:
      return false;
  }
}

/** Optimal string alignment distance, stopped early: is it at most 1? */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) {
    return false;
  }
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) {
    i += 1;
  }
  if (i === a.length || i === b.length) {
    return true;
  }
  const rest = (x: number, y: number) => a.slice(x) === b.slice(y);
  return (
    rest(i + 1, i + 1) ||
    rest(i + 1, i) ||
    rest(i, i + 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2))
  );
}

function stemOf(word: string, stems: readonly string[]): string | null {
  for (const stem of stems) {
    if (word.startsWith(stem)) {
      return stem;
    }
  }
  // One typo ("zelfmoort", "suicde", "sucide") in a stem of six letters or more.
  for (const stem of stems) {
    if (word[0] !== stem[0] || word.length < stem.length - 1) {
      continue;
    }
    for (let length = stem.length - 1; length <= stem.length + 1 && length <= word.length; length += 1) {
      if (withinOneEdit(word.slice(0, length), stem)) {
        return word.slice(0, length);
      }
    }
  }
  return null;
}

/** SUICIDE or SELFHARM for a crisis lemma, TOPIC for a compound about prevention ("zelfmoordpreventie"). */
function lemmaClass(word: string): number {
  if (word.length < 5 || (word[0] !== 'z' && word[0] !== 's' && word[0] !== 'a')) {
    return 0;
  }
  const suicide = stemOf(word, SUICIDE_STEMS);
  const stem = suicide ?? stemOf(word, SELFHARM_STEMS);
  if (stem === null) {
    return 0;
  }
  const tail = word.slice(stem.length);
  if (TOPIC_TAILS.some((marker) => tail.includes(marker))) {
    return TOPIC;
  }
  return suicide ? SUICIDE : SELFHARM;
}

/** Compounds of family words: grootvader, stiefmoeder, halfbroer, schoonzus, grandfather, stepmom. */
const KIN_TAILS = 'vader moeder broer zus zuster dochter father mother brother sister daughter dad mom mum'
  .split(' ')
  .map(foldWord);
/** Compounds of cutting verbs: opengekrast, kapotgesneden, openkrassen. */
const CUT_TAILS = 'gekrast gesneden krassen snijden'.split(' ').map(foldWord);

interface Clause {
  words: string[];
  classes: number[];
  /** All classes of the clause's words together. */
  present: number;
  /** Whether the clause is about a time long past (see aboutThePast), worked out once when asked. */
  past?: boolean;
  /** Whether the clause names an accident (see noAccident), worked out once when asked. */
  accident?: boolean;
  /** Whether the clause names something dull or awkward (see notHyperbole), worked out once when asked. */
  hyperbole?: boolean;
  /** Whether the clause names a clear-out (see noClearOut), worked out once when asked. */
  clearOut?: boolean;
  /** Whether the clause names a blood test or a nosebleed (see notMedical), worked out once when asked. */
  medical?: boolean;
}

function classify(word: string): number {
  const known = LEXICON.get(word) ?? 0;
  if (known !== 0) {
    return known;
  }
  const lemma = lemmaClass(word);
  if (lemma !== 0) {
    return lemma;
  }
  if (KIN_TAILS.some((tail) => word.endsWith(tail))) {
    return THIRD;
  }
  if (CUT_TAILS.some((tail) => word.endsWith(tail))) {
    return CUTNL;
  }
  // "sisters", "friends", "moms": English plurals and possessives of people.
  if (word.length > 3 && word.endsWith('s')) {
    return (LEXICON.get(word.slice(0, -1)) ?? 0) & THIRD;
  }
  return 0;
}

function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  for (const part of fold(text).split(CLAUSE_BREAKS)) {
    const raw = part.split(NON_WORD);
    const clause: Clause = { words: [], classes: [], present: 0 };
    for (let i = 0; i < raw.length; i += 1) {
      let word = raw[i];
      if (!word) {
        continue;
      }
      const next = raw[i + 1];
      if (next && joinsWith(word, next)) {
        word = (word + next).replace(REPEATS, '$1');
        i += 1;
      } else if (word.length > 2 && word[0] === 'k' && CONTRACTED_VERBS.has(word.slice(1))) {
        clause.words.push('ik');
        clause.classes.push(I);
        clause.present |= I;
        word = word.slice(1);
      }
      const previous = clause.classes[clause.classes.length - 1] ?? 0;
      clause.words.push(word);
      const classes = classify(word) | ((previous & (MY | POSS3)) !== 0 && SPOUSES.has(word) ? THIRD : 0);
      clause.classes.push(classes);
      clause.present |= classes;
    }
    if (clause.words.length > 0) {
      clauses.push(clause);
    }
  }
  return clauses;
}

// Rules: a compact notation, parsed once. Steps are separated by spaces; an UPPER name is a word
// class, lower-case words separated by | are alternatives, `$` is the end of the clause, and `~N`
// before a step allows up to N other words before it (none otherwise).
interface Step {
  classes: number;
  words: ReadonlySet<string> | null;
  gap: number;
  end: boolean;
}

type Check = (clause: Clause, path: readonly number[], end: number) => boolean;

interface Rule {
  name: string;
  category: CrisisCategory;
  steps: Step[];
  /** A noun rule (overdose, a goodbye letter): in a clause about the news or a training it is a mention. */
  noun?: boolean;
  /** The rule names the writer itself (mezelf, myself, ik): no subject check. */
  personal: boolean;
  check?: Check;
}

function parseSteps(notation: string): Step[] {
  const steps: Step[] = [];
  let gap = 0;
  for (const part of notation.trim().split(/\s+/)) {
    if (part.startsWith('~')) {
      gap = Number(part.slice(1));
      continue;
    }
    if (part === '$') {
      steps.push({ classes: 0, words: null, gap, end: true });
    } else {
      let classes = 0;
      const literal = new Set<string>();
      for (const alternative of part.split('|')) {
        const cls = CLASS_NAMES[alternative];
        if (cls !== undefined) {
          classes |= cls;
        } else if (/^[A-Z]+$/.test(alternative)) {
          throw new Error(`crisis rule: unknown word class ${alternative}`);
        } else {
          literal.add(foldWord(alternative));
        }
      }
      steps.push({ classes, words: literal.size > 0 ? literal : null, gap, end: false });
    }
    gap = 0;
  }
  return steps;
}

const PERSONAL = I | ME | MYSELF | MY;

function rule(category: CrisisCategory, name: string, notation: string, check?: Check): Rule {
  const steps = parseSteps(notation);
  const personal = steps.some((step) => (step.classes & PERSONAL) !== 0);
  return { name, category, steps, personal, check };
}

const after = (clause: Clause, end: number) => clause.words[end] ?? '';

/** A rule whose check itself finds the writer as the subject ("ik ... tot hij bloedde"): no subject check. */
function ownRule(category: CrisisCategory, name: string, notation: string, check: Check): Rule {
  return { ...rule(category, name, notation, check), personal: true };
}

/** The means at hand: pills, a knife, a rope, a blade. */
const MEANS_AT_HAND = 'MEANS|mes|knife|touw|rope|strop|noose|scheermes|scheermesje|blade|razor';

function nounRule(category: CrisisCategory, name: string, notation: string, check?: Check): Rule {
  return { ...rule(category, name, notation, check), noun: true };
}
const foldedSet = (list: string) => new Set(list.split(/\s+/).filter(Boolean).map(foldWord));

const HYPERBOLE_AFTER_DOOD = foldedSet('van aan');
const HYPERBOLE_AFTER_DIE = foldedSet('of from laughing for when trying');
const HYPERBOLE_AFTER_KILL = foldedSet('laughing trying working lol haha lmao');
/** An accident, not self-harm ("gesneden bij het koken", "burned myself on the stove"); squeezed, "fell" would be "feel". */
const ACCIDENT = foldedSet(
  `koken keuken ongeluk ongelukje blikje papier brood broodmes groenten scheren tuin oven fornuis zon zonnebrand
   sporten voetbal tennis gevallen vallen spijker tafel cooking kitchen accident accidentally shaving paper stove sun
   sunburn playing football tennis gym tripped nail table door kat cat doornen thorns rozen roses struik bushes`,
);
const RATHER_THAN_OK = foldedSet('levend leven zo dit nog verder live living this go keep be stay');
const NOT_ZITTEN = foldedSet('met om voor als dat wat');
/** Words that make "I want to die" a complaint about something dull or awkward ("zo saai, ik wou sterven"). */
const HYPERBOLE_CAUSE = foldedSet('saai boring cringe genant awkward embarrassing beschamend ongemakkelijk');
/** "een touw gekocht voor de tent", "a rope for climbing": a purpose follows, not a plan. */
const PURPOSE_AFTER = foldedSet('voor om for to van of hier here');
/** "beter zonder mij in het team", "no way out of this contract": a place or a thing, not a life. */
const SCOPE_AFTER = foldedSet('in op bij uit at on from of van');
/** "ik sta op de brug te wachten op de bus": an ordinary errand on a bridge. */
const ERRAND = foldedSet(
  'wachten wacht waiting wait bus tram foto fotos photo photos wandelen walking fixing repareren',
);
const NOT_AFTER_SLAAN = foldedSet('er erdoor erdoorheen door');
const NOT_AFTER_LIVE_EN = foldedSet('with in at here there near together');
const AS_PRESCRIBED = foldedSet(
  `every elke iedere daily dagelijks prescribed voorgeschreven voorschrift morning ochtend per day dag mag max maximaal
   maximum hoofdpijn headache pijn pain koorts fever griep flu`,
);
const HERE_OR_THERE = foldedSet('here there hier daar');
const NOT_AFTER_DEATH = foldedSet('of from laughing tired van aan moe');
const SLEEPING_IN = foldedSet('until til till before early');
const OBJECT_AFTER_KRAS = foldedSet('de het een op over the');

/** "ik wil dat alles even stopt", "for a minute": a pause, not an end. */
const PAUSE = foldedSet('even eventjes efkes effe moment minute minuut second seconde while bit tijdje break pauze');
const notAPause: Check = (clause, path, end) => !clause.words.slice(path[0], end + 3).some((word) => PAUSE.has(word));
/** "nothing more from me until Monday", "de laatste keer ... voor de vakantie": a break, not a goodbye. */
const UNTIL_LATER = foldedSet('voor om for to van of tot until till na after over about');
const noLaterAfter: Check = (clause, _path, end) =>
  !UNTIL_LATER.has(after(clause, end)) && !UNTIL_LATER.has(after(clause, end + 1));
/** A clause that is only this (", met het leven bedoel ik", ". with life."): the rest said what stops. */
const startsClause: Check = (clause, path, end) => path[0] === 0 && noLaterAfter(clause, path, end);
/** Giving things to the thrift shop or when moving is a clear-out, not a goodbye. */
const CLEAR_OUT = foldedSet(
  'kringloop kringwinkel thrift charity goodwill verkocht sold verhuis verhuizing moving move opruimen decluttering oude old marktplaats',
);
const noClearOut: Check = (clause) => {
  clause.clearOut ??= clause.words.some((word) => ++work > 0 && CLEAR_OUT.has(word));
  return !clause.clearOut;
};
/** A blood test, a donation, a nosebleed, sport or odd jobs (or a joke), not a wound. */
const MEDICAL = foldedSet(
  `afgenomen afnemen prikken geprikt bloedprik test testen donor doneren donate donated drawn nurse verpleger
   verpleegster verpleegkundige arts dokter doctor labo lab neus nose nosebleed neusbloeding bloedneus klussen diy
   gelopen lopen rennen ran running run gewandeld walked hiking fietsen cycling voeten feet blaren blisters lol haha`,
);
const notMedical: Check = (clause, path, end) => {
  clause.medical ??= clause.words.some((word) => ++work > 0 && MEDICAL.has(word));
  return noAccident(clause, path, end) && !clause.medical;
};
/** "until it bled" said about the writer's own doing (ik, my, myself before it), not an accident. */
const ownDoing: Check = (clause, path, end) => {
  for (let i = path[0] - 1; i >= Math.max(0, path[0] - SUBJECT_WINDOW); i -= 1) {
    work += 1;
    const classes = clause.classes[i];
    if ((classes & PERSONAL) !== 0) {
      return notMedical(clause, path, end);
    }
    if ((classes & (THIRD | YOU)) !== 0 && (classes & POSS3) === 0) {
      return false;
    }
  }
  return false;
};
/** The means at hand, not taken as prescribed ("de pillen tegen hoofdpijn hier"). */
const notPrescribed: Check = (clause, path, end) =>
  noAccident(clause, path, end) &&
  !clause.words.slice(Math.max(0, path[0] - 6), end + 6).some((word) => AS_PRESCRIBED.has(word) || word === 'tegen');
const meansAtHand: Check = (clause, path, end) => notPrescribed(clause, path, end) && noPurposeAfter(clause, path, end);

/** "liever dood dan levend" is intent; "liever dood dan dat ik die trui aantrek" is hyperbole. */
const ratherThan: Check = (clause, _path, end) => {
  for (let i = end; i < Math.min(end + 3, clause.words.length); i += 1) {
    if (clause.words[i] === 'dan' || clause.words[i] === 'than') {
      return RATHER_THAN_OK.has(clause.words[i + 1] ?? '');
    }
  }
  return true;
};
/** "zie het niet meer zitten met die verbouwing" is about a chore; "... om verder te leven" is not. */
const zittenAboutLife: Check = (clause, _path, end) =>
  !NOT_ZITTEN.has(after(clause, end)) ||
  (after(clause, end) === 'om' && clause.classes.slice(end, end + 5).some((classes) => (classes & LIVE) !== 0));
const notHyperbole = (clause: Clause) => {
  clause.hyperbole ??= clause.words.some((word) => {
    work += 1;
    return HYPERBOLE_CAUSE.has(word);
  });
  return !clause.hyperbole;
};
/** "for weeks", "al maanden": how long, not what for. */
const DURATION = foldedSet('weken weeks maanden months dagen days jaren years ages tijden lang long');
const noPurposeAfter: Check = (clause, _path, end) =>
  !PURPOSE_AFTER.has(after(clause, end)) || DURATION.has(after(clause, end + 1));
const noScopeAfter: Check = (clause, _path, end) =>
  !SCOPE_AFTER.has(after(clause, end)) && !SCOPE_AFTER.has(after(clause, end + 1));
const noErrand: Check = (clause, path, end) => !clause.words.slice(path[0], end + 6).some((word) => ERRAND.has(word));
const noAccident: Check = (clause, _path, end) => {
  // "zon" is the sun only after "de" ("in de zon"); typed without its apostrophe it is "zo'n".
  clause.accident ??= clause.words.some(
    (word, i) => ++work > 0 && ACCIDENT.has(word) && (word !== 'zon' || clause.words[i - 1] === 'de'),
  );
  return after(clause, end) !== 'aan' && !clause.accident;
};

// prettier-ignore
const RULES: Rule[] = [
  // Dutch — suicidal intent
  rule('suicidal', 'nl.wil-dood', 'WANT ~4 DOOD', (c, _p, e) => !HYPERBOLE_AFTER_DOOD.has(after(c, e)) && notHyperbole(c)),
  rule('suicidal', 'nl.dood-wil', 'DOOD WANT'),
  rule('suicidal', 'nl.wil-niet-meer-leven', 'WANT ~4 NEG ~1 MORE LIVE'),
  rule('suicidal', 'nl.niet-meer-wil-leven', 'NEG ~1 MORE ~1 WANT ~1 LIVE'),
  rule('suicidal', 'nl.wil-er-niet-meer-zijn', 'WANT ~3 er ~3 NEG MORE zijn|bestaan|wezen'),
  rule('suicidal', 'nl.er-niet-meer-wil-zijn', 'er ~2 NEG MORE ~1 WANT ~1 zijn|bestaan'),
  rule('suicidal', 'nl.als-ik-er-niet-meer-ben', 'als I er ~1 NEG MORE ben|zijn'),
  rule('suicidal', 'nl.wil-niet-meer', 'WANT ~5 NEG MORE $'),
  rule('suicidal', 'nl.niet-meer-wakker', 'WANT ~4 NEG ~1 MORE ~1 wakker'),
  rule('suicidal', 'nl.zie-het-niet-meer-zitten', 'zie ~2 het|dat|da ~1 NEG MORE zitten', zittenAboutLife),
  rule('suicidal', 'nl.er-een-eind-aan-maken', 'er ~3 EIND aan ~2 MAKE'),
  rule('suicidal', 'nl.maak-er-een-eind-aan', 'MAKE ~2 er ~3 EIND aan'),
  rule('suicidal', 'nl.eind-aan-leven', 'EIND ~3 aan ~2 LIVE'),
  rule('suicidal', 'nl.leven-beeindigen', 'MY ~1 LIVE ~2 beeindigen|beeindig|beeindigd|beeindigt'),
  rule('suicidal', 'nl.van-het-leven-beroven', 'MYSELF ~3 van het LIVE ~1 beroven|beroof'),
  rule('suicidal', 'nl.mezelf-iets-aandoen', 'MYSELF ~2 iets|wat ~1 aandoen|aandoe|aan'),
  rule('suicidal', 'nl.mezelf-doden', 'MYSELF ~2 KILL|HANG'),
  rule('suicidal', 'nl.mezelf-ophangen', 'MYSELF ~3 op ~1 HANG'),
  rule('suicidal', 'nl.mezelf-van-kant', 'MYSELF ~3 van kant'),
  rule('suicidal', 'nl.niemand-zal-me-missen', 'niemand ~2 ME|MYSELF ~1 missen|mist'),
  rule('suicidal', 'nl.beter-af-zonder-mij', 'beter af ~2 zonder ME'),
  rule('suicidal', 'nl.van-mij-hoeft-het-niet-meer', 'van|voor ME ~4 hoeft ~3 NEG MORE'),
  rule('suicidal', 'nl.het-hoeft-voor-mij-niet-meer', 'hoeft ~3 van|voor ME ~2 NEG MORE'),
  rule('suicidal', 'nl.was-ik-maar-dood', 'was ~2 maar ~1 DOOD'),
  rule('suicidal', 'nl.liever-dood', 'liever ~2 DOOD', ratherThan),
  rule('suicidal', 'nl.geen-reden-om-te-leven', 'geen reden ~3 LIVE'),
  rule('suicidal', 'nl.klaar-met-het-leven', 'klaar met ~1 LIVE'),
  rule('suicidal', 'nl.geen-zin-in-het-leven', 'geen zin ~4 LIVE'),
  rule('suicidal', 'nl.punt-achter-mijn-leven', 'punt ~1 achter ~2 LIVE'),
  rule('suicidal', 'no-way-out', 'uitweg|out ~4 dying|death|die|dead|DOOD|SUICIDE', (c, _p, e) => !NOT_AFTER_DEATH.has(after(c, e))),
  rule('suicidal', 'nobody-would-notice', 'noone|nobody|niemand ~4 notice|care|miss|merken|merkt|missen ~3 I ~2 died|die|dead|gone|dood|weg|was|VANISH'),
  nounRule('suicidal', 'nl.afscheidsbrief', 'afscheidsbrief|afscheidsbrieven|afscheidsbriefje'),
  nounRule('suicidal', 'overdose', 'overdosis|overdose|overdosering'),
  rule('suicidal', 'nl.alle-pillen', 'alle|al|genoeg|all|enough ~1 MEANS ~3 innemen|slikken|nemen|neem|slik|take|swallow'),
  rule('suicidal', 'springen', 'trein|brug|perron|flat|dak|spoor|train|bridge|roof|building|tracks ~4 springen|spring|jump'),
  rule('suicidal', 'jump', 'springen|spring|jump ~4 trein|brug|perron|flat|dak|spoor|train|bridge|roof|building|tracks'),
  rule('suicidal', 'going-to-jump', 'WANT|ga|gaan|going|gona ~2 springen|jump $'),
  rule('suicidal', 'take-all-pills', 'innemen|slikken|nemen|neem|slik|take|swallow|taking ~3 alle|al|all|enough|genoeg ~2 MEANS', (c, p, e) => !c.words.slice(Math.max(0, p[0] - 6), e + 6).some((word) => AS_PRESCRIBED.has(word))),
  rule('suicidal', 'niet-meer-wakker-worden', 'NEG ~1 MORE ~1 wakker word|worden'),
  nounRule('suicidal', 'goodbye-letters', 'goodbye|farewell ~1 letter|letters|note|notes'),
  rule('suicidal', 'stop-existing', 'WANT ~2 stop ~1 existing|living|breathing'),
  rule('suicidal', 'nl.stoppen-met-leven', 'WANT ~3 stoppen met ~1 LIVE'),
  // Warning signs that services list beside the words: burden, a plan, the means, a goodbye, a place.
  rule('suicidal', 'nl.ik-ben-een-last', 'I ~4 een|tot last', (c, _p, e) => after(c, e) !== 'van'),
  rule('suicidal', 'en.im-a-burden', 'I ~4 burden', (c, _p, e) => after(c, e) !== 'of'),
  rule('suicidal', 'better-without-me', 'beter|better|easier|makkelijker ~5 zonder|without ME', noScopeAfter),
  rule('suicidal', 'better-if-i-was-gone', 'beter|better|easier|makkelijker|happier|gelukkiger|blijer ~6 als|if|dat|that I ~2 weg|gone|dood|dead|VANISH', noScopeAfter),
  rule('suicidal', 'vanish-forever', 'VANISH ~4 altijd|voorgoed|forever|nooit|never'),
  rule('suicidal', 'nl.me-van-kant', 'ME ~3 van kant'),
  rule('suicidal', 'nl.me-ophangen', 'ME ~3 HANG'),
  rule('suicidal', 'never-born', 'WANT|wish|zou ~4 I ~2 nooit|never ~2 geboren|born'),
  rule('suicidal', 'wish-not-to-exist', 'WANT|wish ~4 NEG ~1 exist|existing|bestaan'),
  rule('suicidal', 'nl.eruit-stappen', 'WANT ~3 er|eruit ~2 stappen|stap', noScopeAfter),
  rule('suicidal', 'nl.ben-ik-er-niet-meer', 'ben|bn I ~2 er ~2 NEG MORE $'),
  rule('suicidal', 'no-way-out', 'NEG ~1 uitweg', noScopeAfter),
  rule('suicidal', 'en.no-way-out', 'no way out', noScopeAfter),
  rule('suicidal', 'how-many-pills', 'hoeveel|many|much ~3 MEANS', (c, p, e) => !c.words.slice(Math.max(0, p[0] - 6), e + 6).some((word) => AS_PRESCRIBED.has(word))),
  rule('suicidal', 'how-much-is-lethal', 'hoeveel|many|much ~4 dodelijk|lethal|fatal|deadly'),
  nounRule('suicidal', 'hoarding-means', 'gespaard|verzameld|sparen|spaar|verzamel|stockpiling|stockpiled|hoarding|hoarded|saving ~4 MEANS', noPurposeAfter),
  nounRule('suicidal', 'means-hoarded', 'MEANS ~4 gespaard|verzameld|bijeen|klaarliggen|klaargelegd|stockpiled|hoarded|saved', noPurposeAfter),
  nounRule('suicidal', 'bought-a-rope', 'gekocht|gehaald|kopen|koop|bought|buy|got ~3 touw|rope|strop|noose', noPurposeAfter),
  nounRule('suicidal', 'a-rope-bought', 'touw|rope|strop|noose ~2 gekocht|gehaald|klaar|bought|ready', noPurposeAfter),
  rule('suicidal', 'nl.weet-hoe-ik-het-ga-doen', 'weet|uitgezocht|besloten|bedacht|gepland ~2 hoe I ~2 het ~2 doen|doe $'),
  rule('suicidal', 'en.decided-how-to-do-it', 'know|decided|figured|planned|worked ~3 how I ~3 do|doing it $'),
  rule('suicidal', 'this-is-goodbye', 'dit|this is ~2 goodbye|afscheid|vaarwel', noPurposeAfter),
  rule('suicidal', 'my-last-message', 'MY laatste|last bericht|berichtje|message|post', noPurposeAfter),
  rule('suicidal', 'considering-jumping', 'twijfel|overweeg|denk|thinking|considering ~5 springen|jump $'),
  rule('suicidal', 'standing-on-the-bridge', 'I ~3 sta|staan|stand|standing|zit|sitting ~3 brug|spoor|spoorweg|dak|bridge|roof|tracks|ledge|rails', noErrand),
  // Warning signs from batch 3's families (general cues, not lines): the means at hand, a goodbye,
  // a plan with a date, stopping with life itself, no point going on, giving things away.
  rule('suicidal', 'means-in-front-of-me', `${MEANS_AT_HAND} ~4 front ~1 of ME`, meansAtHand),
  rule('suicidal', 'means-beside-me', `${MEANS_AT_HAND} ~4 naast|beside|to ~1 ME|MYSELF`, meansAtHand),
  rule('suicidal', 'means-in-my-hand', `${MEANS_AT_HAND} ~4 in MY ~1 hand|hands|handen`, meansAtHand),
  rule('suicidal', 'means-ready', `${MEANS_AT_HAND} ~4 klaar|ready|klaarliggen|klaargelegd`, meansAtHand),
  rule('suicidal', 'all-means-taken-out', 'alle|all ~1 MEANS ~4 gehaald|gepakt|uitgehaald|out|verzameld|opgespaard|bijeen', notPrescribed),
  rule('suicidal', 'farewell-everyone', 'vaarwel|farewell ~1 allemaal|iedereen|everyone|everybody|world|wereld|jullie|all ~1 $'),
  rule('suicidal', 'goodbye-world', 'goodbye|bye|dag ~1 world|wereld|forever|voorgoed ~1 $'),
  rule('suicidal', 'farewell-alone', 'vaarwel|farewell $', startsClause),
  rule('suicidal', 'sorry-for-everything', 'sorry ~2 voor|for alles|everything ~1 $'),
  rule('suicidal', 'never-hear-from-me-again', 'NEG ~1 MORE ~3 van ME|I horen', noLaterAfter),
  rule('suicidal', 'last-time-you-hear-from-me', 'laatste|last keer|time ~4 van|from ME horen|hoort|hear', noLaterAfter),
  rule('suicidal', 'en.never-hear-from-me', 'hear ~1 from ME ~1 again|anymore|ever', noLaterAfter),
  rule('suicidal', 'tonights-the-night', 'tonights|tonight ~1 the night ~1 $'),
  rule('suicidal', 'plan-and-date', 'plan ~6 datum|date|dag|day ~2 vast|set|gekozen|picked|chosen|geprikt', (c, p) => !c.words.slice(p[0], p[1]).some((word) => PURPOSE_AFTER.has(word))),
  rule('suicidal', 'picked-the-date', 'picked|chosen|chose|set|gekozen|geprikt|gepland ~2 date|datum ~1 $'),
  rule('suicidal', 'my-last-message-here', 'MY laatste|last bericht|berichtje|message|post hier|here $'),
  rule('suicidal', 'my-letter-ready', 'MY ~1 brief|brieven|briefje|letter|letters|afscheid ~2 klaar|ready', noLaterAfter),
  rule('suicidal', 'letters-to-my-family', 'brieven|briefjes|letters|notes ~2 voor|aan|to|for MY ~1 familie|family|ouders|parents|kinderen|kids|children|vrouw|man|wife|husband|loved|dierbaren', noLaterAfter),
  rule('suicidal', 'will-already-made', 'testament ~2 al|alvast|reeds|already ~2 gemaakt|geschreven|klaar|opgesteld|made|written|ready|done'),
  rule('suicidal', 'giving-things-away', 'spullen|bezittingen|things|stuff|belongings|possessions ~3 weggegeven|weggeven|weggeef|away|verdeeld', noClearOut),
  rule('suicidal', 'giving-away-my-things', 'giving|gave|given|geef|gaf ~1 away|weg ~2 MY ~1 spullen|bezittingen|things|stuff|belongings|possessions', noClearOut),
  rule('suicidal', 'with-life-i-mean', 'met|with|van|of ~1 LIVE ~1 bedoel|bedoelde|mean|meant|zelf|itself ~2 $'),
  rule('suicidal', 'with-life-alone', 'met|with|van|of ~1 LIVE ~1 $', startsClause),
  rule('suicidal', 'done-with-everything', 'stop|stoppen|kap|kappen|quit|done|klaar ~3 met|with alles|everything $'),
  rule('suicidal', 'with-everything-alone', 'met|with alles|everything $', startsClause),
  rule('suicidal', 'tired-of-living', 'genoeg|moe|zat|sick|tired ~3 van|of ~2 LIVE', noScopeAfter),
  rule('suicidal', 'want-it-all-to-stop', 'WANT ~3 everything|alles|all ~2 stop|stoppen|stopt|ophoudt|ophouden|end|eindigt|ends|over', (c, p, e) => notAPause(c, p, e) && after(c, e) !== 'met' && after(c, e) !== 'with'),
  rule('suicidal', 'point-of-going-on', 'point ~2 in|of|to ~1 going|carrying|go|carry|keep ~1 on ~1 $'),
  rule('suicidal', 'nl.zin-om-door-te-gaan', 'nut|zin ~6 om ~2 verder|door ~2 te ~1 gaan|leven', (c, _p, e) => after(c, e) !== 'met'),
  rule('suicidal', 'nl.nut-niet-meer', 'nut|zin ~2 NEG MORE ~1 om ~3 verder|door|leven', (c, _p, e) => after(c, e) !== 'met'),
  rule('suicidal', 'why-go-on-living', 'waarom|why ~5 leven|live|living|bestaan|exist|doorgaan', (c, p, e) => !c.words.slice(p[0], e).some((word) => SCOPE_AFTER.has(word)) && !SCOPE_AFTER.has(after(c, e)) && !NOT_AFTER_LIVE_EN.has(after(c, e))),
  rule('suicidal', 'better-off-without-someone-like-me', 'beter|better ~3 af|off ~1 zonder|without ~4 als|like ME|I'),
  rule('suicidal', 'nobody-misses-me', 'niemand|nobody|noone mist|misses ~1 ME', noScopeAfter),
  rule('suicidal', 'ways-to-die', 'ways|manieren|methods|methodes|manier|way ~3 to|om ~1 die|dying|DOOD|SUICIDE', (c, p, e) => noScopeAfter(c, p, e) && !HYPERBOLE_AFTER_DIE.has(after(c, e))),
  rule('suicidal', 'sleep-forever', 'WANT ~3 slapen|sleep ~2 forever|altijd|voorgoed'),
  rule('suicidal', 'forever-sleep', 'WANT ~3 altijd|forever|voorgoed ~1 slapen|sleep'),
  rule('suicidal', 'en.better-if-i-wasnt-around', 'beter|better|easier|happier|makkelijker ~6 if|als I ~2 NEG ~1 around|here|alive|existed|born', noScopeAfter),
  rule('suicidal', 'nl.beter-als-ik-er-niet-was', 'beter|makkelijker|gelukkiger ~6 als I er ~1 NEG ~2 was|waren|ware|bestond', noScopeAfter),
  // English — suicidal intent
  rule('suicidal', 'en.kill-myself', 'KILL MYSELF', (c, p, e) => !HYPERBOLE_AFTER_KILL.has(after(c, e)) && !(c.words[p[0]] === 'kiling' && after(c, e) === 'to')),
  rule('suicidal', 'en.kms', 'kms'),
  rule('suicidal', 'en.want-to-die', 'WANT ~1 to|too die', (c, _p, e) => !HYPERBOLE_AFTER_DIE.has(after(c, e)) && notHyperbole(c)),
  rule('suicidal', 'en.wanna-die', 'wanna ~1 die', (c, _p, e) => !HYPERBOLE_AFTER_DIE.has(after(c, e)) && notHyperbole(c)),
  rule('suicidal', 'en.wish-dead', 'wish|wou ~3 dead'),
  rule('suicidal', 'en.better-off-dead', 'better off ~1 dead'),
  rule('suicidal', 'en.better-off-without-me', 'better off ~2 without ME'),
  rule('suicidal', 'en.rather-die', 'rather ~1 die|dead', ratherThan),
  rule('suicidal', 'en.dont-want-to-live', 'NEG WANT ~2 LIVE', (c, _p, e) => !NOT_AFTER_LIVE_EN.has(after(c, e))),
  rule('suicidal', 'en.dont-want-to-be-here', 'NEG WANT ~1 be here ~1 MORE'),
  rule('suicidal', 'en.dont-want-to-wake-up', 'NEG WANT ~1 wake'),
  rule('suicidal', 'en.hope-i-dont-wake-up', 'hope ~2 NEG wake'),
  rule('suicidal', 'en.never-wake-up', 'WANT ~6 NEG ~1 wake|waking', (c, _p, e) => !(after(c, e) === 'up' && SLEEPING_IN.has(c.words[e + 1] ?? ''))),
  rule('suicidal', 'en.no-point-in-living', 'NEG ~3 point ~2 LIVE'),
  rule('suicidal', 'en.whats-the-point-of-living', 'whats ~1 point ~2 LIVE'),
  rule('suicidal', 'en.ending-it', 'EIND it ~1 $', (c, _p, e) => !HERE_OR_THERE.has(after(c, e))),
  rule('suicidal', 'en.end-it-all', 'EIND ~1 it all'),
  rule('suicidal', 'en.end-my-life', 'EIND MY LIVE'),
  rule('suicidal', 'en.it-all-to-end', 'it all ~1 EIND'),
  rule('suicidal', 'en.take-my-own-life', 'take|taking MY own LIVE'),
  rule('suicidal', 'en.no-reason-to-live', 'no reason ~2 LIVE'),
  rule('suicidal', 'en.nothing-to-live-for', 'nothing ~2 to LIVE'),
  rule('suicidal', 'en.not-worth-living', 'NEG worth LIVE'),
  rule('suicidal', 'en.no-one-would-miss-me', 'noone|nobody ~2 miss ME'),
  rule('suicidal', 'en.hang-myself', 'HANG MYSELF'),
  rule('suicidal', 'en.done-with-life', 'done with LIVE'),
  // Self-harm
  rule('self_harm', 'nl.mezelf-snijden', 'MYSELF ~3 CUTNL', noAccident),
  rule('self_harm', 'nl.snij-mezelf', 'CUTNL ~2 MYSELF', noAccident),
  rule('self_harm', 'nl.mezelf-pijn-doen', 'MYSELF ~1 pijn'),
  rule('self_harm', 'nl.pijn-aan-mezelf', 'pijn ~2 MYSELF'),
  rule('self_harm', 'nl.mezelf-slaan', 'MYSELF ~1 sla|slaan|sloeg|geslagen', (c, _p, e) => !NOT_AFTER_SLAAN.has(after(c, e))),
  rule('self_harm', 'nl.sla-mezelf', 'sla|sloeg MYSELF', (c, _p, e) => !NOT_AFTER_SLAAN.has(after(c, e))),
  rule('self_harm', 'nl.me-snijden', 'ME ~3 CUTNL', noAccident),
  rule('self_harm', 'nl.snij-me', 'CUTNL ME', noAccident),
  rule('self_harm', 'nl.krassen', 'I ~4 kras|krassen|kraste|gekrast|krast', (c, _p, e) => !OBJECT_AFTER_KRAS.has(after(c, e))),
  rule('self_harm', 'en.cut-myself', 'CUTEN MYSELF', noAccident),
  rule('self_harm', 'cut-my-arm', 'CUTNL|cut|cuts|cutting|carved|carve|slit|sliced|scratched|burned|burnt|burn ~4 MY BODY', noAccident),
  rule('self_harm', 'my-arm-cut', 'MY BODY ~3 CUTNL', noAccident),
  rule('self_harm', 'myself-blade', 'MYSELF ~4 mes|mesje|mesjes|scheermes|scheermesje|razor|blade|glas'),
  rule('self_harm', 'nl.weer-gesneden', 'weer|terug|opnieuw|alweer gesneden|gekrast|snijden|krassen'),
  rule('self_harm', 'en.cutting-again', 'cut|cuts|cutting ~1 again'),
  rule('self_harm', 'en.i-cut', 'I ~2 cut|cutting ~1 $'),
  rule('self_harm', 'en.i-cut-deep', 'I ~2 cut|cutting deep|deeper|again|last|tonight|today|yesterday|too|badly'),
  rule('self_harm', 'my-arm-blade', 'MY BODY ~5 mes|mesje|mesjes|scheermes|scheermesje|razor|blade|glas'),
  rule('self_harm', 'urge-to-cut', 'zin|drang|urge|need ~1 om|to ~1 snijden|snij|krassen|kras|cut|SELFHARM'),
  rule('self_harm', 'struggling-not-to-cut', 'struggling|trying|proberen|probeer ~2 NEG ~1 to|te ~1 snijden|krassen|cut|SELFHARM'),
  rule('self_harm', 'my-arms-full-of-cuts', 'MY BODY ~4 WOUND', noAccident),
  rule('self_harm', 'head-against-wall', 'bonk|bonken|bonkte|bang|banging ~4 hoofd|head ~4 muur|wall'),
  // Self-harm: blood, a blade in the body, hurting on purpose until it bleeds, a relapse.
  rule('self_harm', 'blood-from-my-body', 'bloed|blood|bleeding|bloedt|bloedde ~4 MY BODY', notMedical),
  rule('self_harm', 'blood-everywhere', 'blood|bloed ~1 everywhere|overal', notMedical),
  rule('self_harm', 'overal-bloed', 'everywhere|overal ~1 bloed|blood', notMedical),
  rule('self_harm', 'blade-in-my-body', 'mes|mesje|mesjes|scheermes|scheermesje|razor|blade|glas|glass ~3 in|op|over|on|into|across ~1 MY ~1 BODY', noAccident),
  ownRule('self_harm', 'until-it-bled', 'until|till|til|tot ~3 bleed|bled|bleeding|bloeden|bloedt|bloedde', ownDoing),
  ownRule('self_harm', 'wall-until-it-hurts', 'muur|wall|deur|door ~6 tot|till|until|til ~3 pijn|hurt|hurts|bled|bleed|bloedde|bloedt', ownDoing),
  rule('self_harm', 'head-against-the-wall', 'sla|slaan|sloeg|beuk|beuken|ram|rammen|slam|slammed|slamming|hit|hitting|smash|smashed|bang|banged ~2 MY ~1 hoofd|head|fist|vuist ~3 tegen|against|into|on ~2 muur|wall|deur|door'),
  rule('self_harm', 'relapsed-into-cutting', 'relapse|relapsed|hervallen|herval|teruggevallen|terugval ~5 SELFHARM|snijden|krassen|cutting|cut|kras', noAccident),
  rule('self_harm', 'blood-from-cutting', 'blood|bloed ~6 cutting|snijden|krassen|gesneden|gekrast', notMedical),
  rule('self_harm', 'cuts-on-my-arms', 'WOUND ~3 MY BODY', noAccident),
  rule('self_harm', 'my-arms-worked-on', 'MY BODY ~2 bewerkt|toegetakeld|opengehaald|opengekrast|opengesneden|kapotgemaakt', noAccident),
  rule('self_harm', 'nl.hoofd-tegen-de-muur', 'MY hoofd|head ~1 tegen|against ~2 muur|wall|deur|door ~2 gebonkt|geslagen|gebeukt|geramd|slaan|bonken|sla|bonk'),
  // About someone else: never an alert.
  rule('mention', 'third.van-het-leven-beroofd', 'zich|zichzelf|POSS3 ~3 van het LIVE ~1 beroofd|beroven|beroofde|berooft'),
  rule('mention', 'third.own-life', 'took|take|taken|takes|taking POSS3 own LIVE'),
  rule('mention', 'third.kill-himself', 'KILL himself|herself|themselves|themself|yourself'),
  rule('mention', 'third.cut-himself', 'CUTEN himself|herself|themselves|themself|yourself'),
  rule('mention', 'third.snijdt-zichzelf', 'CUTNL ~2 zichzelf|jezelf'),
  rule('mention', 'third.zichzelf-snijden', 'zichzelf|jezelf ~3 CUTNL'),
  rule('mention', 'third.zichzelf-iets-aandoen', 'zichzelf|jezelf ~2 iets|wat ~1 aandoen|aandoet|aan|aangedaan'),
];

const CATEGORY_RANK: Record<CrisisCategory, number> = { mention: 1, self_harm: 2, suicidal: 3 };

function stronger(a: CrisisFinding | null, b: CrisisFinding | null): CrisisFinding | null {
  if (!a) {
    return b;
  }
  return b && CATEGORY_RANK[b.category] > CATEGORY_RANK[a.category] ? b : a;
}

function matchSteps(steps: readonly Step[], clause: Clause, index: number, position: number, path: number[]): number {
  const step = steps[index];
  if (!step) {
    return position;
  }
  const count = clause.words.length;
  if (step.end) {
    return count - position <= step.gap ? count : -1;
  }
  const last = Math.min(position + step.gap, count - 1);
  for (let p = position; p <= last; p += 1) {
    if (stepMatches(step, clause, p)) {
      path[index] = p;
      const end = matchSteps(steps, clause, index + 1, p + 1, path);
      if (end >= 0) {
        return end;
      }
    }
  }
  return -1;
}

function stepMatches(step: Step, clause: Clause, position: number): boolean {
  work += 1;
  return (clause.classes[position] & step.classes) !== 0 || (step.words?.has(clause.words[position]) ?? false);
}

/** A negation just before the match or inside it that the rule itself does not name ("ik wil niet dood"). */
function negated(clause: Clause, start: number, end: number, path: readonly number[], used: number): boolean {
  for (let i = Math.max(0, start - 2); i < end; i += 1) {
    work += 1;
    if ((clause.classes[i] & NEG) !== 0 && !path.slice(0, used).includes(i)) {
      return true;
    }
  }
  return false;
}

/**
 * How far back (in words) a subject is looked for. Bounded so that a clause with no punctuation
 * that repeats a crisis word is still read in time linear in its length.
 */
const SUBJECT_WINDOW = 12;

/** Whose intent: the writer (inside the match, or the nearest subject before it) or someone else. */
function someoneElse(clause: Clause, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i += 1) {
    if ((clause.classes[i] & I) !== 0) {
      return false;
    }
  }
  for (let i = start + 1; i < end; i += 1) {
    if ((clause.classes[i] & (THIRD | YOU)) !== 0 && (clause.classes[i] & POSS3) === 0) {
      return true;
    }
  }
  for (let i = start - 1; i >= Math.max(0, start - SUBJECT_WINDOW); i -= 1) {
    work += 1;
    const classes = clause.classes[i];
    if ((classes & I) !== 0) {
      return false;
    }
    if ((classes & (THIRD | YOU)) !== 0) {
      return true;
    }
  }
  return false;
}

/** "politieke zelfmoord", "career suicide", "a suicide bomber": not about a person's life. */
const FIGURATIVE_BEFORE = foldedSet(
  'politieke politiek commerciele sociale financiele electorale professionele career political social commercial financial electoral professional',
);
const FIGURATIVE_AFTER = foldedSet(
  'squad mission missie bomber bombers bombing bomb aanslag aanslagen terrorist terroristen vest attack attacks',
);
/** "de zelfmoord van een leerling", "the suicide of a friend": someone else's. */
const OF_SOMEONE = foldedSet('een de het zijn haar hun a an the his her their');
const PAST_UNITS = foldedSet('jaar jaren year years lang long maanden months decennia decades');

/** Words that put a clause in the present again: "I used to be fine, but now…", "6 months clean, cut again". */
const NOW = foldedSet(
  'nu now again weer terug opnieuw alweer vandaag today tonight vannacht vanavond still relapsed relapse hervallen herval teruggevallen terugval',
);

/**
 * The clause talks about a time long past: "vroeger", "jaren geleden", "years ago", "I used to",
 * "clean", "gestopt" — unless it also says now or again.
 */
function aboutThePast(clause: Clause): boolean {
  clause.past ??= pastWithoutNow(clause.words);
  return clause.past;
}

function pastWithoutNow(list: readonly string[]): boolean {
  work += list.length;
  let past = false;
  for (let i = 0; i < list.length; i += 1) {
    const word = list[i];
    if (NOW.has(word)) {
      return false;
    }
    past ||=
      word === 'vroeger' ||
      word === 'destijds' ||
      word === 'formerly' ||
      word === 'clean' ||
      word === 'gestopt' ||
      ((word === 'geleden' || word === 'ago') && PAST_UNITS.has(list[i - 1] ?? '')) ||
      (word === 'used' && list[i + 1] === 'to');
  }
  return past;
}

/** The rule name of a crisis noun standing alone in its clause ("zelfmoordgedachten."). */
const LABEL_RULE = 'lemma.alone';

/** A crisis noun or adjective (zelfmoordgedachten, suïcidaal, self-harm): whose, and about what. */
function lemmaFinding(clause: Clause, index: number): CrisisFinding {
  const category: CrisisAlert = (clause.classes[index] & SUICIDE) !== 0 ? 'suicidal' : 'self_harm';
  const mention = (why: string): CrisisFinding => ({ category: 'mention', rule: `lemma.${why}` });
  const { classes } = clause;
  for (let i = Math.max(0, index - 2); i < index; i += 1) {
    if ((classes[i] & NEG) !== 0) {
      return mention('negated');
    }
  }
  for (let i = Math.max(0, index - 3); i < index; i += 1) {
    if ((classes[i] & LOSS) !== 0) {
      return mention('loss');
    }
  }
  if (FIGURATIVE_BEFORE.has(clause.words[index - 1] ?? '') || FIGURATIVE_AFTER.has(clause.words[index + 1] ?? '')) {
    return mention('figurative');
  }
  if ((clause.present & TOPIC) !== 0) {
    return mention('topic');
  }
  if (aboutThePast(clause)) {
    return mention('past');
  }
  if ((classes[index - 1] & POSS3) !== 0 || (index >= 2 && (classes[index - 2] & POSS3) !== 0)) {
    return mention('third-person');
  }
  const next = clause.words[index + 1];
  if (
    (next === 'van' || next === 'of') &&
    (((classes[index + 2] | classes[index + 3]) & THIRD) !== 0 || OF_SOMEONE.has(clause.words[index + 2] ?? ''))
  ) {
    return mention('third-person');
  }
  for (let i = index - 1; i >= Math.max(0, index - SUBJECT_WINDOW); i -= 1) {
    work += 1;
    if ((classes[i] & (THIRD | YOU)) !== 0) {
      return mention('third-person');
    }
    if ((classes[i] & PERSONAL) !== 0) {
      break;
    }
  }
  if (clause.words.length <= 3 && (clause.present & (PERSONAL | THIRD | YOU | WANT | NEG)) === 0) {
    return { category, rule: LABEL_RULE };
  }
  return { category, rule: `lemma.${category}` };
}

interface IndexedRule extends Rule {
  /** Steps that consume a token (all but `$`): the ones a negation inside the match is checked against. */
  used: number;
}

/** Rules by what their first step matches, so a clause is only tried against rules it can start. */
const RULES_BY_WORD = new Map<string, IndexedRule[]>();
const RULES_BY_CLASS: IndexedRule[][] = Object.values(CLASS_NAMES).map(() => []);
for (const candidate of RULES) {
  const indexed: IndexedRule = { ...candidate, used: candidate.steps.filter((step) => !step.end).length };
  const [first] = candidate.steps;
  for (const word of first.words ?? []) {
    RULES_BY_WORD.set(word, [...(RULES_BY_WORD.get(word) ?? []), indexed]);
  }
  RULES_BY_CLASS.forEach((list, bit) => {
    if ((first.classes & (1 << bit)) !== 0) {
      list.push(indexed);
    }
  });
}

function tryRule(candidate: IndexedRule, clause: Clause, start: number, path: number[]): CrisisFinding | null {
  path[0] = start;
  const end = matchSteps(candidate.steps, clause, 1, start + 1, path);
  if (end < 0) {
    return null;
  }
  if (candidate.category === 'mention') {
    return { category: 'mention', rule: candidate.name };
  }
  if (negated(clause, start, end, path, candidate.used) || (candidate.check && !candidate.check(clause, path, end))) {
    return null;
  }
  if (!candidate.personal && someoneElse(clause, start, end)) {
    return { category: 'mention', rule: `${candidate.name}.someone-else` };
  }
  if (aboutThePast(clause)) {
    return { category: 'mention', rule: `${candidate.name}.past` };
  }
  if (candidate.noun && (clause.present & TOPIC) !== 0) {
    return { category: 'mention', rule: `${candidate.name}.topic` };
  }
  return { category: candidate.category, rule: candidate.name };
}

function clauseFinding(clause: Clause): CrisisFinding | null {
  let best: CrisisFinding | null = null;
  const path: number[] = [];
  const count = clause.words.length;
  for (let start = 0; start < count; start += 1) {
    const classes = clause.classes[start];
    const byWord = RULES_BY_WORD.get(clause.words[start]);
    if (byWord) {
      for (const candidate of byWord) {
        best = stronger(best, tryRule(candidate, clause, start, path));
      }
    }
    for (let bit = 0; classes >>> bit !== 0; bit += 1) {
      if ((classes & (1 << bit)) !== 0) {
        for (const candidate of RULES_BY_CLASS[bit]) {
          best = stronger(best, tryRule(candidate, clause, start, path));
        }
      }
    }
    if (best?.category === 'suicidal') {
      return best;
    }
  }
  for (let i = 0; i < count; i += 1) {
    const classes = clause.classes[i];
    if ((classes & (SUICIDE | SELFHARM)) !== 0) {
      best = stronger(best, lemmaFinding(clause, i));
      if (best?.category === 'suicidal') {
        return best;
      }
    } else if ((classes & TOPIC) !== 0 && lemmaClass(clause.words[i]) === TOPIC) {
      best = stronger(best, { category: 'mention', rule: 'lemma.compound-topic' });
    }
  }
  return best;
}

/**
 * What a text says about crisis: the strongest finding over its clauses (suicidal over self-harm
 * over mention), with the rule that decided; null when it says nothing about it.
 */
/**
 * Steps of work the detector did since the last reset: every rule step tried at a word, every word a
 * backward or clause-wide scan visits. Lets a test check that the work grows linearly with the text
 * (no quadratic path) without timing anything; costs one increment per step.
 */
let work = 0;

/** Reads a text as findCrisis does and returns the steps of work it took (see `work`). */
export function countCrisisWork(text: string): number {
  work = 0;
  findCrisis(text);
  return work;
}

export function findCrisis(text: string): CrisisFinding | null {
  let best: CrisisFinding | null = null;
  let label: CrisisFinding | null = null;
  for (const clause of clausesOf(text)) {
    const found = clauseFinding(clause);
    if (found?.rule === LABEL_RULE) {
      label = stronger(label, found);
      continue;
    }
    best = stronger(best, found);
    if (best?.category === 'suicidal') {
      return best;
    }
  }
  // A crisis word standing alone, as a content warning or a title ("zelfdoding"), is read with the
  // rest: beside a mention it is a mention ("Mijn broer overleed door zelfdoding"); alone, an alert.
  return label && best?.category === 'mention' ? best : stronger(best, label);
}

/** The category of a text, or null (see findCrisis). */
export function detectCrisis(text: string): CrisisCategory | null {
  return findCrisis(text)?.category ?? null;
}

/** Whether a category shows the writer the crisis lines and alerts the moderators (a mention does not). */
export function isCrisisAlert(category: CrisisCategory | null | undefined): category is CrisisAlert {
  return category === 'suicidal' || category === 'self_harm';
}

/** Whether a text signals crisis (suicidal intent or self-harm): what the composer and the server act on. */
export function signalsCrisis(text: string): boolean {
  return isCrisisAlert(detectCrisis(text));
}
