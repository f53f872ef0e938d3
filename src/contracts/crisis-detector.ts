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
 *    "dood", the lemmas zelfmoord…/zelfdoding…/suïcid…/zelfbeschadig… with one typo allowed, …),
 *    after reading phone spellings as the words rules know (see spelling: "gesnede", "cuttin",
 *    "niemeer", "myslef"). Squeezing merges some words ("off"/"of", "will"/"wil", "zee"/"ze"): a
 *    rule that names one of them says why it is safe.
 * 4. Match a short list of reviewed rules over token windows: each rule is a sequence of classes or
 *    words with a bounded number of other words in between ("wil ~4 DOOD" matches "wil ik gewoon
 *    echt dood"). A match is dropped when a negation stands just before or inside it ("ik wil niet
 *    dood"), and turned into a `mention` when its subject is someone else ("ze zegt dat ze dood
 *    wil"), or, for the crisis nouns, when the clause is about a third person, the past, a loss or a
 *    training, book or the news ("mijn broer is overleden door zelfdoding").
 *
 * 5. Rules are grouped by the warning signs crisis services list (113, Zelfmoordlijn 1813,
 *    Samaritans, 988, the NHS: wish to be dead, no reason or not deserving to live, burden, hoping not
 *    to wake up, goodbyes and thanks, a plan with a place, a date or the means, research into a
 *    method, voices, preparations, self-harm methods, tools, wounds and overdoses "not to die"), each
 *    widened to how the sign is phrased rather than to one line. Some depend on the whole message
 *    (see SOFT_RULES): a goodbye is dropped when the message says when the writer is back; "I did it
 *    myself" counts beside a wound, "not to die" beside pills, "asking for myself" beside a way of
 *    dying, a wish to join someone beside a death; and the quiet signs (thanking everyone, a pet
 *    rehomed, passwords written down, a sudden calm, "it will all be over soon") only count when two
 *    different ones meet in one message that names no return, grief or recovery (see cuesStand). A
 *    joke's set-up ("als ik nog één keer …", "als dit nog een uur duurt …") only counts beside a laugh.
 *
 * Tried and not shipped (issue 12, Dec 2026): a trained layer beside the rules, L2 logistic regression
 * on hashed word 1–3-grams, character 3–5-grams and these word classes (2×32k int8 weights, +39 KB
 * gzipped in the browser), alerting when the rules find nothing. Chosen by 5-fold CV on the corpus and
 * batches 1–4 (false alarms ≤ 3% hyperbole, ≤ 5% mentions and neutral lines), it lifted blind batch 5
 * from 36/72 to 41/72 (suicidal) and 22/39 to 27/39 (self-harm), hyperbole 1 → 2/42, mentions 2/39;
 * with no neutral cap 50/72 and 32/39, but then one in ten everyday lines alerted out of fold. Even
 * capped it alerted on "Ik wil het even kwijt." (p 0.93), the opener of an ordinary support post:
 * a few hundred lines do not teach it what everyday talk in a support group sounds like.
 *
 * Everyday hyperbole stays quiet because no rule is made of it: "dood" alone, "dood van de honger",
 * "this exam is killing me", "I could die of embarrassment", "my battery is dying". Add a rule only
 * with a line in src/safety/crisis-corpus.tsv that needs it and a near miss that must stay quiet, and
 * run `npm run crisis:eval`. Held-out batches 1–6 have all been used to widen the rules (see
 * crisis-heldout.spec.ts); only a batch written after the last change measures unseen phrasing.
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
const GOODBYE = 1 << 26;
const PLACE = 1 << 27;
const VEHICLE = 1 << 28;
const DEVICE = 1 << 29;
const OBJECT = 1 << 30;

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
  GOODBYE,
  PLACE,
  VEHICLE,
  DEVICE,
  OBJECT,
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
   boy boys girl girls teen teens teenager teenagers nichtje neefje kleinzoon kleindochter kleinkind kleinkinderen`,
);
words(POSS3, 'zijn haar hun his her their');
words(YOU, 'je jij u ge gij jullie jou jezelf you youre ya yourself');
words(NEG, 'niet nie ni niks geen nooit not never dont didnt doesnt wont cant cannot no isnt arent wasnt wouldnt');
words(WANT, 'wil wilt wou woud wilde wilden willen gewild hoop hoopte wens verlang want wants wanted wanna wish ready');
words(MORE, 'meer langer verder anymore nolonger');
words(LIVE, 'leven levn lven leve bestaan verder live living alive exist existing life');
words(DOOD, 'dood doodgaan doodga doodgaat sterven');
words(EIND, 'eind einde eindje end ending');
words(MAKE, 'maken maak maakt maakte maakten gemaakt make brei breien');
words(
  TOPIC,
  `training trainingen cursus course workshop webinar lezing les lessen presentatie spreekbeurt werkstuk essay boek
   book film movie serie series documentaire documentary reportage nieuws news krant newspaper artikel article studie
   study onderzoek research cijfers statistieken statistics rates rate aantal percentage werelddag awareness
   prevention preventie cbs samaritans podcast hotline helpline lifeline volunteer volunteering assembly lecture
   seminar campaign campagne voorlichting journaal nieuwsbericht infosessie infoavond memoir memoires biografie
   biography autobiografie autobiography roman novel opleiding gastles vrijwilliger chatlijn hulplijn crisislijn
   radio tv televisie programma uitzending dissertation thesis scriptie masterproef eindwerk survey enquete
   vragenlijst questionnaire praatgroep lotgenotengroep lotgenoten`,
);
words(
  LOSS,
  'nabestaande nabestaanden bereaved survivor survivors survived overleefd overleefde verloren lost loss rouw rouwen rouwgroep grief grieving mourning',
);
words(
  CUTNL,
  `snij snijd snijdt snijden sneed sneden gesneden kras krassen kraste krasten gekrast verwond verwonden verwondde
   beschadig beschadigen beschadigd brand branden gebrand verbrand verbranden verbrandde krab krabben gekrabd kerf kerven
   kerfde kerfden gekerfd opengehaald`,
);
words(
  CUTEN,
  'carve carved carving cut cuts cutting harm harming hurt hurting burn burned burnt burning scratch scratching hit hitting',
);
words(
  BODY,
  `arm armen pols polsen been benen dij dijen bovenbeen bovenbenen bovenarm bovenarmen onderarm onderarmen buik huid
   wrist wrists arms forearm forearms leg legs thigh thighs skin enkels ankle ankles stomach belly chest borst heupen
   hips ribs`,
);
words(KILL, 'kill kills killing doden vermoorden vermoord ombrengen ombreng ombrengt murder unalive unaliving');
// Online slang for suicide (said to get past filters): read as the crisis nouns, mention logic included.
words(SUICIDE, 'unaliving sewerslide ctb');
words(HANG, 'hang hanging hangen ophangen ophang opgehangen verhangen verhang verhing');
// The means people gather (pills, a rope): hoarding or buying them is a warning sign, not a word alone.
words(
  MEANS,
  `pillen pil pills tabletten tabletjes medicijnen medicatie meds slaappillen paracetamol oxazepam insuline insulin
   slaapmiddel slaapmiddelen slaaptabletten antidepressiva antidepressants diazepam temazepam lorazepam tramadol
   oxycodon oxycodone morfine morphine ibuprofen xanax lithium slaapmedicatie dafalgan perdolan panadol tylenol
   paracetamols`,
);
words(VANISH, 'verdwijn verdwijnen verdwijnt verdween verdwenen disappear disappeared disappearing vanish vanished');
words(
  WOUND,
  `sneetjes sneden snee sneeën snijwonden snijwondjes wondjes wonden wonde wondes brandwonden cuts gashes wounds
   snijwonde snijwond schaafwond schaafwonde bruises`,
);
// A farewell; the places people go to jump or to be hit; vehicles; devices that "die" ("mn laptop
// heeft zelfmoord gepleegd" is figurative).
words(GOODBYE, 'vaarwel farewell goodbye adieu gedag');
words(
  PLACE,
  'brug spoor spoorweg spoorlijn dak bridge roof rooftop tracks ledge rails overpass viaduct klif cliff parkeergarage',
);
words(VEHICLE, 'bus trein auto vrachtwagen truck car train lorry tram metro');
words(DEVICE, 'laptop computer pc telefoon gsm phone printer batterij battery console router tablet');
// The objects people hurt themselves with.
words(
  OBJECT,
  `naald naalden needle needles passer compass schaar scissors aansteker lighter scherf scherven glasscherf glasscherven
   shard shards glas glass mesje mesjes blade blades razor scheermesje pin speld punaise paperclip strijkijzer
   stijltang krultang iron elastiek elastic schuurpapier sandpaper puntenslijper slijper sharpener stanleymes breekmes
   boxcutter`,
);

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
/** Squeezed, "oom" is "om": "moet hoog genoeg zijn om …" names no uncle. */
const OOM = foldWord('oom');
const ZIJN = foldWord('zijn');

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
const CUT_TAILS = 'gekrast gesneden krassen snijden gekrabd krabben'.split(' ').map(foldWord);

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
  /** Where a joke's set-up "als ik nog één keer …" ends (see afterOnceMore), worked out once when asked. */
  onceMore?: number;
  /** How many words name someone else (see peopleIn), worked out once when asked. */
  people?: number;
  /** Word lists the clause was checked against (see hasAny), each worked out once. */
  seen?: Map<ReadonlySet<string>, boolean>;
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

/** Words typed as one on a phone: "niemeer", "nimeer", "nietmeer", "nomore". */
const SPLIT_WORDS = new Map<string, string[]>(
  [
    ['niemeer', 'nie meer'],
    ['nimeer', 'nie meer'],
    ['nietmeer', 'niet meer'],
    ['nooitmeer', 'nooit meer'],
    ['nomore', 'no more'],
  ].map(([joined, apart]) => [foldWord(joined), apart.split(' ').map(foldWord)]),
);
/** Spellings of the words rules are written with: phone typos and spoken forms. */
const ALIASES = new Map<string, string>(
  [
    ['ded', 'dead'],
    ['doot', 'dood'],
    ['et', 'het'],
    ['t', 'het'],
    ['dyin', 'dying'],
  ].map(([typed, meant]) => [foldWord(typed), foldWord(meant)]),
);
/** Words with one letter wrong that stand for the writer ("myslef", "mezlef"): checked against these. */
const MYSELF_WORDS = ['myself', 'mezelf', 'mijzelf'].map(foldWord);

/**
 * The form the rules know: an alias, a Flemish or spoken ending restored ("gesnede" → "gesneden",
 * "beeindige" → "beeindigen", "cuttin" → "cutting"), or one typo in "myself"/"mezelf".
 */
function spelling(word: string): string {
  const alias = ALIASES.get(word);
  if (alias) {
    return alias;
  }
  if (word.length < 4 || LEXICON.has(word) || RULE_WORDS.has(word)) {
    return word;
  }
  if (word.endsWith('e') && (LEXICON.has(`${word}n`) || RULE_WORDS.has(`${word}n`))) {
    return `${word}n`;
  }
  if (word.endsWith('in') && (LEXICON.has(`${word}g`) || RULE_WORDS.has(`${word}g`))) {
    return `${word}g`;
  }
  if (word.length >= 5 && word[0] === 'm') {
    return MYSELF_WORDS.find((target) => withinOneEdit(word, target)) ?? word;
  }
  return word;
}

function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  for (const part of fold(text).split(CLAUSE_BREAKS)) {
    const raw = part.split(NON_WORD);
    const clause: Clause = { words: [], classes: [], present: 0 };
    for (let i = 0; i < raw.length; i += 1) {
      work += 1;
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
      for (const spelled of SPLIT_WORDS.get(word) ?? [spelling(word)]) {
        const previous = clause.classes[clause.classes.length - 1] ?? 0;
        clause.words.push(spelled);
        const spouse = SPOUSES.has(spelled) && !(spelled === OOM && clause.words[clause.words.length - 2] === ZIJN);
        const classes = classify(spelled) | ((previous & (MY | POSS3)) !== 0 && spouse ? THIRD : 0);
        clause.classes.push(classes);
        clause.present |= classes;
      }
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
        if (alternative === '$') {
          // "$" is a step of its own; as an alternative it would silently match nothing.
          throw new Error(`crisis rule: "$" cannot be an alternative (${notation})`);
        }
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

/** Whether any word of the clause is in a list: once per clause and list, so rules stay linear. */
function hasAny(clause: Clause, list: ReadonlySet<string>): boolean {
  clause.seen ??= new Map();
  let found = clause.seen.get(list);
  if (found === undefined) {
    found = clause.words.some((word) => ++work > 0 && list.has(word));
    clause.seen.set(list, found);
  }
  return found;
}
/** How many words of the clause name someone else (third person or you). */
function peopleIn(clause: Clause): number {
  clause.people ??= clause.classes.filter((classes) => ++work > 0 && (classes & (THIRD | YOU)) !== 0).length;
  return clause.people;
}
const foldedSet = (list: string) => new Set(list.split(/\s+/).filter(Boolean).map(foldWord));
/**
 * Rules whose finding depends on the rest of the message (see findCrisis and softStands): `later`,
 * dropped when the message says when the writer is back; `prepared`, also needing a preparation (a
 * letter, a will, pills); `method`, a way of dying named; `wound`, a wound and no accident; `means`,
 * pills; `bereaved`, a death; `relapse`, a relapse; `date`, a birthday or Christmas; `rope`, a hook
 * or a beam; `cue`, a quiet warning sign that only counts beside a second one (see cuesStand).
 */
type SoftKind =
  'later' | 'prepared' | 'cue' | 'method' | 'wound' | 'means' | 'bereaved' | 'relapse' | 'date' | 'rope' | 'voices';
const SOFT_RULES = new Map<string, SoftKind>();
function softRule(kind: SoftKind, found: Rule): Rule {
  SOFT_RULES.set(found.name, kind);
  return found;
}
const SEE = foldWord('see');
const WILL = foldWord('will');
const LATER = foldedSet(
  `see zie tot morgen tomorrow later straks volgende next week weekend maandag monday vakantie holiday holidays
   vacation trip reis welterusten goodnight verhuis verhuizen verhuizing move moving emigreer emigrate`,
);
const PREPARED = foldedSet(
  `brief briefje letter note notes testament geregeld regelde sorted opgeruimd afscheid spullen weggegeven opgezegd
   cancelled canceled`,
);
/** Where the writer goes next (a holiday, a move) and "see you", "tot morgen": a warning sign's everyday reading. */
const AWAY = foldedSet(
  `vakantie holiday holidays vacation trip reis welterusten goodnight verhuis verhuizen verhuizing verhuisd move moving
   moved emigreer emigreren emigrate bergbeklimmen klimmen climb climbing expeditie expedition`,
);
const SEE_YOU = foldedSet('you ya yall jullie je u');
const UNTIL_WHEN = foldedSet(
  'morgen straks later ziens volgende maandag dinsdag woensdag donderdag vrijdag zaterdag zondag',
);
/** How one dies or survives: the subject of a question "asked for myself". */
const METHOD = foldedSet(
  `sterf sterft sterven stierf doodgaan verdrinken verdrinking verdrink dodelijk dodelijke lethal fatal deadly die dies
   dying overleef overleeft overleven survive survives surviving verstikking ophangen springen jump val fall`,
);
/** A wound, however it is named (with WOUND, CUTNL, CUTEN): what "I did it myself" is about. */
const WOUND_WORDS = foldedSet(
  `snijwonde snijwond schaafwond schaafwonde schaafwonden blauwe plekken bruises bruise brandwond brandwonde
   brandwonden littekens litteken scars scar ontstoken infected`,
);
/** A death in the family or among friends: a wish to join them, and thanks that are not a goodbye. */
const GRIEF = foldedSet(
  `gestorven overleden overleed stierf passed died verloren lost miskraam miscarriage weduwe weduwnaar widow widower
   begrafenis uitvaart funeral rouw rouwen grief grieving condoleances condolences`,
);
/** A writer who is leaving because it is going better. */
const RECOVERED = foldedSet(
  'beter better hersteld recovered herstel recovery genezen healed nieuwe new job werk baan opleiding studie',
);
const RELAPSE = foldedSet('hervallen herval teruggevallen terugval relapse relapsed relapsing');
/** The dates people set themselves: a birthday, Christmas, the new year. */
const DATES = foldedSet(
  'verjaardag birthday kerst kerstmis christmas nieuwjaar oudjaar oudejaarsavond newyear zomer summer',
);
/** What a rope is hung from. */
const VOICES = foldedSet('stem stemmen voice voices');
const HOOKS = foldedSet('haak hook hooks balk beam beams kruk stoel chair ladder trapleuning bannister');

function nounRule(category: CrisisCategory, name: string, notation: string, check?: Check): Rule {
  return { ...rule(category, name, notation, check), noun: true };
}

const HYPERBOLE_AFTER_DOOD = foldedSet('van aan');
const HYPERBOLE_AFTER_DIE = foldedSet('of from laughing for when trying');
const HYPERBOLE_AFTER_KILL = foldedSet('laughing trying working lol haha lmao');
/** An accident, not self-harm ("gesneden bij het koken", "burned myself on the stove"); squeezed, "fell" would be "feel". */
const ACCIDENT = foldedSet(
  `koken keuken ongeluk ongelukje blikje papier brood broodmes groenten scheren tuin oven fornuis zon zonnebrand
   sporten voetbal tennis gevallen vallen spijker tafel cooking kitchen accident accidentally shaving paper stove sun
   sunburn playing football tennis gym tripped nail table door kat cat doornen thorns rozen roses struik bushes
   papieren printer knie sliding verzwikt blessure injury val fall hond dog paard horse mug mosquito wesp wasp
   naaien sewing pan bakken baking voetballen hockey ironing strijken ajuin ajuinen ui uien onion onions chopping
   groente snijplank bread duim thumb rugby match wedstrijd basketbal volleybal judo boksen boxing karate clumsy onhandig
   onhandigheid krullen curling stijlen straightening`,
);
const RATHER_THAN_OK = foldedSet('levend leven zo dit nog verder live living this go keep be stay');
const NOT_ZITTEN = foldedSet('met om voor als dat wat');
/**
 * Words that make "I want to die" a complaint about something dull or awkward ("zo saai, ik wou
 * sterven") in the same clause. Elsewhere in the message they are often how disclosing feels ("I want
 * to die. It's embarrassing to write this"), so only a mishap counts from another clause.
 */
const HYPERBOLE_CAUSE = foldedSet('saai boring cringe genant awkward embarrassing beschamend ongemakkelijk');
const HYPERBOLE_MISHAP = foldedSet('crush tripped struikelde gestruikeld');
/** "een touw gekocht voor de tent", "a rope for climbing": a purpose follows, not a plan. */
const PURPOSE_AFTER = foldedSet('voor om for to van of hier here');
/** "beter zonder mij in het team", "no way out of this contract": a place or a thing, not a life. */
const SCOPE_AFTER = foldedSet('in op bij uit at on from of van');
/** "ik sta op de brug te wachten op de bus": an ordinary errand on a bridge. */
const ERRAND = foldedSet(
  `wachten wacht waiting wait bus tram foto fotos photo photos wandelen walking fixing repareren bungee bungeejump
   parachute zwembad pool water duikplank sterren stars vuurwerk fireworks zonsondergang sunset uitzicht view
   picknick picnic game games gamen spel respawn respawnen minecraft fortnite`,
);
/** "before I jump into the pool": a jump into something. */
const INTO_SOMETHING = foldedSet('into in naar op on onto in het water');
const NOT_AFTER_SLAAN = foldedSet('er erdoor erdoorheen door da dat omdat voor');
const NOT_AFTER_LIVE_EN = foldedSet('with in at here there near together');
const AS_PRESCRIBED = foldedSet(
  `every elke iedere daily dagelijks prescribed voorgeschreven voorschrift morning ochtend per day dag mag max maximaal
   maximum hoofdpijn headache pijn pain koorts fever griep flu`,
);
const HERE_OR_THERE = foldedSet('here there hier daar');
/** "take my life back", "one day at a time": taking charge of a life, not ending it. */
const NOT_AFTER_TAKE_LIFE = foldedSet('back in into seriously forward over apart one step more away');
/** "end everything with him", "end everything here for today": a relationship or a post, not a life. */
const NOT_AFTER_END_THINGS = foldedSet('with between met tussen here there for off on early');
const TODAY = foldedSet('today tonight vandaag vanavond vannacht');
/** A will made at the notary's is administration, not a preparation. */
const NOTARY = foldedSet('notaris notary lawyer advocaat administratief administrative born geboren baby');
/** "na zijn dood", "after her death": someone else's death. */
const AFTER_A_DEATH = foldedSet('na after since sinds zijn haar hun his her their');
/** "death metal", "death note": a name, not dying. */
const DEATH_COMPOUND = foldedSet('metal metalcore note star row penalty match eater grip valley cab');
const NOT_AFTER_DEATH = foldedSet('of from laughing tired van aan moe serious quiet silent set');
/** "dead honest", "dead last", "dead on": dead as "very" or "exactly". */
const NOT_AFTER_BE_DEAD = new Set([
  ...NOT_AFTER_DEATH,
  ...foldedSet('honest sure last right wrong center centre on even ahead end weight heat calm simple easy straight'),
]);
/** "die before I get old" (The Who), "die peacefully at 90", "die my hair" (dye): not a wish to die now. */
const NOT_AFTER_WISH_DIE = new Set([
  ...HYPERBOLE_AFTER_DIE,
  ...foldedSet('before peacefully old happy my your his her their its at surrounded'),
]);
/** Words people put between "want to" or "could" and "die": "want to just die". */
const ADVERBS_BEFORE_DIE = 'just|simply|really|finally|literally|kinda|actually|honestly|fucking|already';
const SLEEPING_IN = foldedSet('until til till before early');
const OBJECT_AFTER_KRAS = foldedSet('de het een op over the');

const EVERY = foldedSet('every each elke iedere');
const AS_PRESCRIBED_DAILY = new Set([...AS_PRESCRIBED].filter((word) => !EVERY.has(word)));
const DOCTOR = foldedSet('doctor dokter arts huisarts apotheker pharmacist said zei zegt says');
/** A rope for the tent, the boat, climbing or the washing: a purpose, not a plan. */
const ROPE_USE = foldedSet(
  'tent camping klimmen climbing boot boat schommel swing was washing laundry hangmat hammock zeil sail',
);
/** Walking into the sea is a plan when the writer thinks about it or does not mean to come back. */
const intoTheWater: Check = (clause, path) =>
  hasAny(clause, SEA_INTENT) &&
  !hasAny(clause, SEA_FUN) &&
  // Squeezed, "zee" is "ze": the sea itself is not someone else.
  peopleIn(clause) === ((clause.classes[path[0]] & (THIRD | YOU)) !== 0 ? 1 : 0);
const SEA_FUN = foldedSet('swim zwemmen duiken dive surf surfen surfing weekend vakantie holiday afkoelen cool');
const SEA_INTENT = foldedSet('denk denken dacht think thinking thought terugkomen terug back return never nooit');
const SCARS = foldedSet('littekens litteken scars scar');
/** Long sleeves, bracelets, plasters: what hides the arms. */
const SLEEVES = foldedSet('mouwen sleeves armbanden bracelets pleisters plasters hoodie trui sweater');
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
/** Blood everywhere after "cut my finger chopping onions" in the clause before. */
const noAccidentInMessage: Check = (clause, path, end) =>
  notMedical(clause, path, end) && !messageHas(ACCIDENT_BUT_DOORS);
const notMedical: Check = (clause, path, end) => {
  clause.medical ??= clause.words.some((word) => ++work > 0 && MEDICAL.has(word));
  return noAccident(clause, path, end) && !clause.medical;
};
/** "until it bled" said about the writer's own doing (ik, my, myself before it), not an accident. */
const ownDoing: Check = (clause, path, end) => ownDoingWith(clause, path, end, notMedical);
const ACCIDENT_BUT_DOORS = new Set([...ACCIDENT].filter((word) => word !== foldWord('door')));
function ownDoingWith(clause: Clause, path: readonly number[], end: number, notMedical: Check): boolean {
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
  // No subject at all, the clause opening on its verb ("punched the wall until …"): the writer's own.
  return path[0] <= ELLIPTIC_START && (clause.present & (THIRD | YOU)) === 0 && notMedical(clause, path, end);
}
const ELLIPTIC_START = 4;
/** No one else named as the subject before the match ("hij wou gedag zeggen tegen jullie"). */
const noOneElseBefore: Check = (clause, path) => {
  for (let i = path[0] - 1; i >= Math.max(0, path[0] - SUBJECT_WINDOW); i -= 1) {
    work += 1;
    const classes = clause.classes[i];
    if ((classes & PERSONAL) !== 0) {
      return true;
    }
    if ((classes & (THIRD | YOU)) !== 0 && (classes & POSS3) === 0) {
      return false;
    }
  }
  return true;
};
/** The means at hand, not taken as prescribed ("de pillen tegen hoofdpijn hier"). */
const notPrescribed: Check = (clause, path, end) =>
  noAccident(clause, path, end) &&
  !clause.words.slice(Math.max(0, path[0] - 6), end + 6).some((word) => AS_PRESCRIBED.has(word) || word === 'tegen');
// No accident check ("the pills on the table in front of me" is not a bumped arm); a dose in the
// clause ("klaar op tafel voor vanavond, zoals elke dag") is the prescription. Pain is no dose, and
// another sentence is not the clause ("All my pills are ready. The pain is too much.").
const meansAtHand: Check = (clause, path, end) =>
  !clause.words
    .slice(Math.max(0, path[0] - 6), end + 8)
    .some((word) => ++work > 0 && ((AS_PRESCRIBED.has(word) && !PAIN.has(word)) || word === 'tegen')) &&
  noPurposeAfter(clause, path, end);
const PAIN = foldedSet('pijn pain');

/** "liever dood dan levend" is intent; "liever dood dan dat ik die trui aantrek" is hyperbole. */
const ratherThan: Check = (clause, _path, end) => {
  for (let i = end; i < Math.min(end + 3, clause.words.length); i += 1) {
    if (clause.words[i] === 'dan' || clause.words[i] === 'than') {
      const next = clause.words[i + 1] ?? '';
      return RATHER_THAN_OK.has(next) && (next !== 'go' || clause.words[i + 2] === 'on');
    }
  }
  return true;
};
/** "zie het niet meer zitten met die verbouwing" is about a chore; "... om verder te leven" is not. */
const zittenAboutLife: Check = (clause, _path, end) =>
  !NOT_ZITTEN.has(after(clause, end)) ||
  (after(clause, end) === 'om' && clause.classes.slice(end, end + 5).some((classes) => (classes & LIVE) !== 0));
/** The awkward moment may be told in the next clause ("i wanna die, i just tripped in front of my crush"). */
const notHyperbole = (clause: Clause) => {
  clause.hyperbole ??= hasAny(clause, HYPERBOLE_CAUSE) || messageHas(HYPERBOLE_MISHAP);
  return !clause.hyperbole;
};
/** "for weeks", "al maanden": how long, not what for. */
const DURATION = foldedSet('weken weeks maanden months dagen days jaren years ages tijden lang long');
const noPurposeAfter: Check = (clause, _path, end) =>
  !PURPOSE_AFTER.has(after(clause, end)) ||
  DURATION.has(after(clause, end + 1)) ||
  (TODAY.has(after(clause, end + 1)) && !messageHas(AS_PRESCRIBED));
/** "ik haat het om te leven zonder zon", "life has no meaning without music": about something else. */
const NOT_LIFE_ITSELF = foldedSet('zonder without far ver with met in op at');
const aboutLifeItself: Check = (clause, _path, end) =>
  !clause.words.slice(end, end + 4).some((word) => ++work > 0 && NOT_LIFE_ITSELF.has(word));
/** "the point of living so far from work": a place or a thing within three words. */
const noScopeNear: Check = (clause, _path, end) =>
  !clause.words.slice(end, end + 3).some((word) => SCOPE_AFTER.has(word));
const noScopeAfter: Check = (clause, _path, end) =>
  !SCOPE_AFTER.has(after(clause, end)) && !SCOPE_AFTER.has(after(clause, end + 1));
const noErrand: Check = (clause, path, end) =>
  !clause.words.slice(Math.max(0, path[0] - 2), end + 6).some((word) => ERRAND.has(word));
/** Rules and words are squeezed ("aan" is "an"), so literals compared with words are folded too. */
const AAN = foldWord('aan');
const DOOR = foldWord('door');
/** An English door ("slammed my hand in the car door"); a Dutch "door" is "because of" ("gesneden door de stress"). */
const BEFORE_A_DOOR = foldedSet('the a car front back fridge cupboard closet kitchen bathroom bedroom');
const noAccident: Check = (clause, _path, end) => {
  // "zon" is the sun only after "de" ("in de zon"); typed without its apostrophe it is "zo'n".
  clause.accident ??= clause.words.some(
    (word, i) =>
      ++work > 0 &&
      ACCIDENT.has(word) &&
      (word !== 'zon' || clause.words[i - 1] === 'de') &&
      (word !== DOOR || BEFORE_A_DOOR.has(clause.words[i - 1] ?? '')),
  );
  return after(clause, end) !== AAN && after(clause, end + 1) !== AAN && !clause.accident;
};

/** Wished for: "ik wil", "liefst", "hopelijk", "I'd rather". */
const WISHING = foldedSet('liefst liever hopelijk graag rather hopefully');
const wishedFor: Check = (clause) => (clause.present & WANT) !== 0 || hasAny(clause, WISHING);
/** A nurse, a carer, a vet or a student asking about doses: for someone in their care or an exam. */
const IN_CARE = foldedSet(
  `patient patienten patients client clienten clients verpleegkundige verpleger verpleegster nurse nursing apotheker
   pharmacist zorg care bewoner bewoners resident residents dierenarts vet hond kat dog cat huisdier pet examen exam
   tentamen toets quiz plant planten plants bloem bloemen flower flowers vis fish goudvis cactus`,
);
const notForSomeoneInCare: Check = () => !messageHas(IN_CARE);
/** Doing it on purpose or meaning to: what turns a drive into a tree from an accident into a plan. */
const INTENT = foldedSet(
  `bewust expres opzettelijk purpose deliberately ga gaan going gonna gona plan planning denk think thinking tonight
   vannacht vanavond volgende next`,
);
const meant: Check = (clause) => (clause.present & WANT) !== 0 || hasAny(clause, INTENT);
/** "over soon", "finally calm": said once the writer has decided. */
const SUDDENLY = foldedSet('ineens opeens plots plotseling eindelijk suddenly weirdly strangely finally raar vreemd');
const suddenly: Check = (clause) => hasAny(clause, SUDDENLY);
/** No one else named in the clause ("voor het knutselwerk van mijn zoon"). */
const noOneElse: Check = (clause) => (clause.present & THIRD) === 0;
/** "ik verdien het niet om zo te leven": how, not whether. */
const NOT_AFTER_LIVE_NL = foldedSet('zo like so zoals in met with');
const lifeItself: Check = (clause, path, end) =>
  aboutLifeItself(clause, path, end) &&
  !clause.words.slice(path[0], end + 3).some((word) => NOT_AFTER_LIVE_NL.has(word));
/** How one dies, asked with no one else named (the generic "you" allowed) and no device or pet. */
const askedForOneself: Check = (clause) => (clause.present & (THIRD | DEVICE)) === 0 && !hasAny(clause, IN_CARE);
/** A number of pills (eight or more) or a container of them taken: an overdose. */
const CONTAINERS = foldedSet(
  'strip strips doos doosje box packet pack pakje potje pot bottle fles flesje handvol handful',
);
const TAKEN = foldedSet(
  'genomen ingenomen geslikt slikte nam took taken swallowed swallow take taking slikken innemen',
);
const anOverdoseTaken: Check = (clause, path, end) => {
  const around = clause.words.slice(Math.max(0, path[0] - 4), end + 4);
  work += around.length;
  return (
    around.some((word) => TAKEN.has(word)) &&
    around.some((word) => CONTAINERS.has(word) || Number(word) >= 8) &&
    notPrescribed(clause, path, end)
  );
};

/** "voorgoed van mij af", "eindelijk van me af": for good, not for the afternoon. */
const PETS = 'hond|kat|poes|konijn|cavia|hamster|parkiet|dog|cat|rabbit|pet|pets|huisdier|huisdieren|kitten|puppy';
/** "dat ik die niet meer ga halen": the date named before, not a cake. */
const THAT_ONE = foldedSet('die dat da hem het');
/** "notes for the exam", "een brief naar de gemeente": a letter with an everyday address. */
const ADDRESSED = foldedSet('for voor naar to about over van of aan');
const toSomeoneClose: Check = (clause, _path, end) =>
  !ADDRESSED.has(after(clause, end)) || (clause.classes[end + 1] & (MY | THIRD)) !== 0;
/** The writer wishing it (ik inside the match) or no one else named before it. */
const writerWishing: Check = (clause, path, end) =>
  clause.classes.slice(path[0], end).some((classes) => (classes & I) !== 0) || noOneElseBefore(clause, path, end);
/** "door te gaan met die opleiding": going on with something, not with life. */
const WITH_SOMETHING = foldedSet('met with naar in op bij at');
const CRAFT = foldedSet('knutsel knutselwerk knutselen craft crafts project school');
/** "op de rand" alone or "of the roof, the bridge": a height, not a stage or a pool. */
const HEIGHTS = foldedSet(
  'balkon balcony dak roof gebouw building brug bridge flat toren tower klif cliff raam window',
);
const edgeOfAHeight: Check = (clause, _path, end) =>
  end >= clause.words.length - 1 ||
  clause.words.slice(end, end + 4).some((word, i) => HEIGHTS.has(word) || (clause.classes[end + i] & PLACE) !== 0);
const ALREADY = foldedSet('al already alvast reeds');
const WHEN_ATTEMPTED = foldedSet('on last yesterday twice before again and in');
const FOR_GOOD = foldedSet('voorgoed eindelijk binnenkort altijd forever finally soon good');
const EVERYONE = foldedSet('iedereen jullie everyone everybody allemaal');
/** "ik kom niet meer terug naar die winkel": a place, not a life. */
const NOT_BACK_TO = foldedSet('naar to in op bij at here hier');
const EXAMS = foldedSet('examen exam tentamen toets test quiz opdracht assignment code excel');

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
  rule('suicidal', 'nl.ik-me-van-het-leven-beroven', 'I ~2 ME ~3 van het LIVE ~1 beroven|beroof'),
  rule('suicidal', 'nl.mezelf-iets-aandoen', 'MYSELF ~2 iets|wat ~1 aandoen|aandoe|aan'),
  rule('suicidal', 'nl.mezelf-doden', 'MYSELF ~2 KILL|HANG'),
  rule('suicidal', 'nl.mezelf-doodmaken', 'MYSELF ~1 dood ~1 maken|maak|maakt', (c, _p, e) => !HYPERBOLE_AFTER_DOOD.has(after(c, e))),
  rule('suicidal', 'nl.mezelf-doodmaken-1', 'MYSELF ~1 doodmaken|doodmaak|doodmaakt', (c, _p, e) => !HYPERBOLE_AFTER_DOOD.has(after(c, e))),
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
  nounRule('suicidal', 'nl.afscheidsbrief', 'afscheidsbrief|afscheidsbrieven|afscheidsbriefje|afscheidsbriefjes|afscheidsbericht|afscheidsberichten|afscheidsberichtje|afscheidsmail|afscheidsvideo'),
  nounRule('suicidal', 'overdose', 'overdosis|overdose|overdosering|overdosed|overdosing'),
  rule('suicidal', 'nl.alle-pillen', 'alle|al|genoeg|all|enough ~1 MEANS ~5 innemen|slikken|nemen|neem|slik|take|swallow'),
  rule('suicidal', 'springen', 'trein|brug|perron|flat|dak|spoor|train|bridge|roof|building|tracks ~4 springen|spring|jump'),
  rule('suicidal', 'jump', 'springen|spring|jump ~4 trein|brug|perron|flat|dak|spoor|train|bridge|roof|building|tracks', noErrand),
  rule('suicidal', 'going-to-jump', 'WANT|ga|gaan|going|gona ~2 springen|jump $'),
  rule('suicidal', 'take-all-pills', 'innemen|slikken|nemen|neem|slik|take|swallow|taking ~3 alle|al|all|enough|genoeg ~2 MEANS', (c, p, e) => !c.words.slice(Math.max(0, p[0] - 6), e + 6).some((word) => AS_PRESCRIBED.has(word))),
  rule('suicidal', 'niet-meer-wakker-worden', 'NEG ~1 MORE ~1 wakker word|worden'),
  nounRule('suicidal', 'goodbye-letters', 'goodbye|farewell ~1 letter|letters|note|notes'),
  rule('suicidal', 'stop-existing', 'WANT ~2 stop ~1 existing|living|breathing'),
  rule('suicidal', 'nl.stoppen-met-leven', 'WANT ~3 stoppen met ~1 LIVE'),
  // Warning signs that services list beside the words: burden, a plan, the means, a goodbye, a place.
  rule('suicidal', 'nl.ik-ben-een-last', 'I ~4 een|tot|zon|zoveel|zoiets last', (c, _p, e) => after(c, e) !== 'van'),
  rule('suicidal', 'en.im-a-burden', 'I ~4 burden', (c, _p, e) => after(c, e) !== 'of'),
  rule('suicidal', 'better-without-me', 'beter|better|easier|makkelijker ~5 zonder|without ME', noScopeAfter),
  rule('suicidal', 'better-if-i-was-gone', 'beter|better|easier|makkelijker|happier|gelukkiger|blijer|relieved|opgelucht ~6 als|if|dat|that I ~2 weg|gone|dood|dead|died|stierf|VANISH', noScopeAfter),
  rule('suicidal', 'vanish-forever', 'VANISH ~4 altijd|voorgoed|forever|nooit|never'),
  rule('suicidal', 'nl.me-van-kant', 'ME ~3 van kant'),
  rule('suicidal', 'nl.me-ophangen', 'ME ~3 HANG'),
  rule('suicidal', 'never-born', 'WANT|wish|zou ~4 I ~2 nooit|never ~2 geboren|born'),
  rule('suicidal', 'wish-not-to-exist', 'WANT|wish ~4 NEG ~1 exist|existing|bestaan|alive'),
  rule('suicidal', 'nl.eruit-stappen', 'WANT ~3 er|eruit ~2 stappen|stap', noScopeAfter),
  rule('suicidal', 'nl.ben-ik-er-niet-meer', 'ben|bn I ~2 er ~2 NEG MORE $'),
  rule('suicidal', 'no-way-out', 'NEG ~1 uitweg', noScopeAfter),
  rule('suicidal', 'en.no-way-out', 'no way out', noScopeAfter),
  rule('suicidal', 'how-many-pills', 'hoeveel|many|much ~3 MEANS', (c, p, e) => !c.words.slice(Math.max(0, p[0] - 6), e + 6).some((word) => AS_PRESCRIBED.has(word)) && notForSomeoneInCare(c, p, e)),
  rule('suicidal', 'how-much-is-lethal', 'hoeveel|many|much ~4 dodelijk|lethal|fatal|deadly', notForSomeoneInCare),
  nounRule('suicidal', 'hoarding-means', 'gespaard|verzameld|sparen|spaar|verzamel|stockpiling|stockpiled|hoarding|hoarded|saving ~4 MEANS', noPurposeAfter),
  nounRule('suicidal', 'means-hoarded', 'MEANS ~4 gespaard|opgespaard|verzameld|bijeen|klaarliggen|klaargelegd|klaarstaan|stockpiled|hoarded|saved', noPurposeAfter),
  nounRule('suicidal', 'bought-a-rope', 'gekocht|gehaald|kopen|koop|bought|buy|got ~3 touw|rope|strop|noose', noPurposeAfter),
  nounRule('suicidal', 'a-rope-bought', 'touw|rope|strop|noose ~2 gekocht|gehaald|klaar|bought|ready', noPurposeAfter),
  rule('suicidal', 'nl.weet-hoe-ik-het-ga-doen', 'weet|uitgezocht|besloten|bedacht|gepland ~2 hoe I ~2 het ~2 doen|doe $'),
  rule('suicidal', 'en.decided-how-to-do-it', 'know|decided|figured|planned|worked ~3 how I ~3 do|doing it ~2 $'),
  rule('suicidal', 'this-is-goodbye', 'dit|this is ~2 goodbye|afscheid|vaarwel', noPurposeAfter),
  rule('suicidal', 'my-last-message', 'MY laatste|last bericht|berichtje|message|post', noPurposeAfter),
  rule('suicidal', 'considering-jumping', 'twijfel|overweeg|denk|thinking|considering ~5 springen|jump|jumping $'),
  rule('suicidal', 'considering-jumping-off', 'twijfel|overweeg|denk|thinking|considering ~5 springen|jump|jumping off|af|eraf $'),
  rule('suicidal', 'standing-on-the-bridge', 'I ~3 sta|staan|stand|standing|zit|sitting ~3 brug|spoor|spoorweg|dak|bridge|roof|tracks|ledge|rails', noErrand),
  // Warning signs from batch 3's families (general cues, not lines): the means at hand, a goodbye,
  // a plan with a date, stopping with life itself, no point going on, giving things away.
  rule('suicidal', 'means-in-front-of-me', `${MEANS_AT_HAND} ~6 front ~1 of ME`, meansAtHand),
  rule('suicidal', 'means-beside-me', `${MEANS_AT_HAND} ~4 naast|beside|to ~1 ME|MYSELF`, meansAtHand),
  rule('suicidal', 'means-in-my-hand', `${MEANS_AT_HAND} ~4 in MY ~1 hand|hands|handen`, meansAtHand),
  rule('suicidal', 'means-ready', `${MEANS_AT_HAND} ~4 klaar|ready|klaarliggen|klaargelegd|klaarstaan|klaarstaat|klaargezet`, meansAtHand),
  rule('suicidal', 'all-means-taken-out', 'alle|all ~1 MEANS ~4 gehaald|gepakt|uitgehaald|out|verzameld|opgespaard|bijeen', notPrescribed),
  softRule('later', rule('suicidal', 'farewell-everyone', 'vaarwel|farewell ~1 allemaal|iedereen|everyone|everybody|world|wereld|jullie|all ~1 $')),
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
  rule('suicidal', 'nl.het-leven-beu', 'het LIVE ~2 beu|zat|moe|kotsbeu|spuugzat'),
  rule('suicidal', 'tired-of-living', 'genoeg|moe|zat|beu|kotsbeu|spuugzat|sick|tired ~3 van|of|om ~2 LIVE', noScopeAfter),
  rule('suicidal', 'want-it-all-to-stop', 'WANT ~3 everything|alles|all ~2 stop|stoppen|stopt|ophoudt|ophouden|end|eindigt|ends|over', (c, p, e) => notAPause(c, p, e) && after(c, e) !== 'met' && after(c, e) !== 'with'),
  rule('suicidal', 'point-of-going-on', 'point ~2 in|of|to ~1 going|carrying|go|carry|keep ~1 on ~1 $'),
  rule('suicidal', 'nl.zin-om-door-te-gaan', 'nut|zin ~6 om ~2 verder|door ~2 te ~1 gaan|leven', (c, _p, e) => after(c, e) !== 'met'),
  rule('suicidal', 'nl.nut-niet-meer', 'nut|zin ~2 NEG MORE ~1 om ~3 verder|door|leven', (c, _p, e) => after(c, e) !== 'met'),
  rule('suicidal', 'why-go-on-living', 'waarom|why ~5 leven|live|living|bestaan|exist|doorgaan', (c, p, e) => !c.words.slice(p[0], e).some((word) => SCOPE_AFTER.has(word)) && !SCOPE_AFTER.has(after(c, e)) && !NOT_AFTER_LIVE_EN.has(after(c, e))),
  rule('suicidal', 'better-off-without-someone-like-me', 'beter|better ~3 af|off ~1 zonder|without ~4 als|like ME|I'),
  rule('suicidal', 'nobody-misses-me', 'niemand|nobody|noone mist|misses ~1 ME', noScopeAfter),
  rule('suicidal', 'ways-to-die', 'ways|manieren|methods|methodes|manier|way ~3 to|om ~1 die|dying|DOOD|SUICIDE', (c, p, e) => noScopeAfter(c, p, e) && !HYPERBOLE_AFTER_DIE.has(after(c, e))),
  rule('suicidal', 'sleep-forever', 'WANT ~3 slapen|sleep ~2 forever|altijd|voorgoed', (c, _p, e) => !SCOPE_AFTER.has(after(c, e)) && !NOT_AFTER_LIVE_EN.has(after(c, e))),
  rule('suicidal', 'forever-sleep', 'WANT ~3 altijd|forever|voorgoed ~1 slapen|sleep'),
  rule('suicidal', 'en.better-if-i-wasnt-around', 'beter|better|easier|happier|makkelijker ~6 if|als I ~2 NEG ~1 around|here|alive|existed|born', noScopeAfter),
  rule('suicidal', 'nl.beter-als-ik-er-niet-was', 'beter|makkelijker|gelukkiger ~6 als I er ~1 NEG ~2 was|waren|ware|bestond', noScopeAfter),
  // English — suicidal intent
  rule('suicidal', 'en.kill-myself', 'KILL MYSELF', (c, p, e) => !HYPERBOLE_AFTER_KILL.has(after(c, e)) && !(c.words[p[0]] === 'kiling' && after(c, e) === 'to')),
  rule('suicidal', 'en.kms', 'kms'),
  rule('suicidal', 'en.want-to-die', 'WANT ~1 to|too die', (c, _p, e) => !HYPERBOLE_AFTER_DIE.has(after(c, e)) && notHyperbole(c)),
  rule('suicidal', 'en.want-to-just-die', `WANT ~1 to|too ${ADVERBS_BEFORE_DIE} die`, (c, _p, e) => !HYPERBOLE_AFTER_DIE.has(after(c, e)) && notHyperbole(c)),
  rule('suicidal', 'en.wanna-die', 'wanna ~1 die', (c, _p, e) => !HYPERBOLE_AFTER_DIE.has(after(c, e)) && notHyperbole(c)),
  rule('suicidal', 'en.wish-dead', 'wish|wou ~3 dead'),
  rule('suicidal', 'en.better-off-dead', 'better off ~1 dead'),
  rule('suicidal', 'en.better-off-without-me', 'better off ~2 without ME'),
  rule('suicidal', 'en.rather-die', 'rather ~1 die|dead', ratherThan),
  rule('suicidal', 'en.dont-want-to-live', 'NEG WANT ~2 LIVE', (c, _p, e) => !NOT_AFTER_LIVE_EN.has(after(c, e))),
  rule('suicidal', 'en.dont-want-to-be-here', 'NEG WANT ~1 be here ~1 MORE'),
  rule('suicidal', 'en.dont-want-to-wake-up', 'NEG WANT ~1 wake'),
  rule('suicidal', 'en.hope-i-dont-wake-up', 'hope|hoping|praying|pray ~5 NEG wake'),
  rule('suicidal', 'en.never-wake-up', 'WANT ~8 NEG ~1 wake|waking', (c, _p, e) => !(after(c, e) === 'up' && SLEEPING_IN.has(c.words[e + 1] ?? ''))),
  rule('suicidal', 'en.no-point-in-living', 'NEG ~3 point ~2 LIVE'),
  rule('suicidal', 'en.whats-the-point-of-living', 'whats ~1 point ~2 LIVE', noScopeNear),
  rule('suicidal', 'en.ending-it', 'EIND it ~1 $', (c, _p, e) => !HERE_OR_THERE.has(after(c, e))),
  rule('suicidal', 'en.end-it-all', 'EIND ~1 it all'),
  rule('suicidal', 'en.end-my-life', 'EIND MY LIVE'),
  rule('suicidal', 'en.end-my-own-life', 'EIND MY own|whole|miserable|pathetic|sad|stupid|fucking|damn|worthless|shitty LIVE'),
  rule('suicidal', 'en.take-my-life', 'take|taking MY LIVE', (c, p, e) => !NOT_AFTER_TAKE_LIFE.has(after(c, e)) && !c.classes.slice(0, p[0]).some((classes) => (classes & THIRD) !== 0)),
  rule('suicidal', 'en.want-to-be-dead', 'WANT|need ~1 to|too ~1 be dead', (c, _p, e) => !NOT_AFTER_BE_DEAD.has(after(c, e)) && notHyperbole(c)),
  rule('suicidal', 'en.wanna-be-dead', 'wanna ~1 be dead', (c, _p, e) => !NOT_AFTER_BE_DEAD.has(after(c, e)) && notHyperbole(c)),
  rule('suicidal', 'en.wish-i-die', 'wish|hope|hoping|pray|praying ~1 I die', (c, _p, e) => !NOT_AFTER_WISH_DIE.has(after(c, e)) && notHyperbole(c)),
  rule('suicidal', 'en.wish-i-could-die', `wish|hope|hoping|pray|praying ~1 I could|would|can|will|might|${ADVERBS_BEFORE_DIE} ~1 die`, (c, _p, e) => !NOT_AFTER_WISH_DIE.has(after(c, e)) && notHyperbole(c)),
  rule('suicidal', 'en.end-everything', 'WANT|gonna|going|ready|need ~3 EIND everything', (c, _p, e) => !NOT_AFTER_END_THINGS.has(after(c, e))),
  rule('suicidal', 'en.it-all-to-end', 'it all ~1 EIND'),
  rule('suicidal', 'en.take-my-own-life', 'take|taking MY own LIVE'),
  rule('suicidal', 'en.no-reason-to-live', 'no reason ~2 LIVE'),
  rule('suicidal', 'en.nothing-to-live-for', 'nothing ~2 to LIVE'),
  rule('suicidal', 'en.not-worth-living', 'NEG worth LIVE'),
  rule('suicidal', 'en.no-one-would-miss-me', 'noone|nobody ~2 miss ME'),
  rule('suicidal', 'en.hang-myself', 'HANG MYSELF'),
  rule('suicidal', 'en.done-with-life', 'done with LIVE'),
  // Phrasings of the same wishes in other words: slang, "off myself", hating being alive, giving up on
  // life, better dead, life without point, you will not see me again, painless ways to go.
  rule('suicidal', 'en.end-myself', 'end|unalive MYSELF', (c, _p, e) => !HYPERBOLE_AFTER_KILL.has(after(c, e))),
  // Squeezed, "off" is "of" ("proud of myself"): only right after a verb's "to", "gonna", "will".
  rule('suicidal', 'en.off-myself', 'to|gonna|gona|wanna|will|might|could|should|just of MYSELF', (c, _p, e) => !HYPERBOLE_AFTER_KILL.has(after(c, e))),
  rule('suicidal', 'hate-being-alive', 'hate|haat ~3 being|to|om ~2 alive|live|leven|living|exist|existing|bestaan', (c, p, e) => !NOT_AFTER_LIVE_EN.has(after(c, e)) && aboutLifeItself(c, p, e) && (c.classes[e - 2] & POSS3) === 0),
  rule('suicidal', 'give-up-on-life', 'give|giving|gave|given up on ~1 LIVE|living', noScopeAfter),
  rule('suicidal', 'nl.beter-dood', 'beter|better DOOD|dead ~1 zijn|wezen|af|off|be'),
  rule('suicidal', 'life-has-no-point', 'LIVE ~4 geen|no zin|nut|point|meaning|purpose|doel', (c, p, e) => (c.classes[p[0] - 1] & POSS3) === 0 && aboutLifeItself(c, p, e)),
  rule('suicidal', 'you-wont-see-me-again', 'YOU|niemand|nobody|noone ~3 ME ~2 NEG|nooit ~1 MORE|ooit|terug ~1 zien|horen|terugzien', noLaterAfter),
  rule('suicidal', 'en.you-wont-see-me-again', 'NEG|never|wont ~2 see|hear ~2 ME ~1 again|anymore|ever', noLaterAfter),
  rule('suicidal', 'nobody-would-notice-if-i-was-gone', 'noone|nobody|niemand ~4 notice|care|miss|merken|merkt|missen ~4 als|if I ~1 er ~1 NEG MORE ~1 was|ben|waren|ware'),
  rule('suicidal', 'painless-ways-to-go-alone', 'painless|pijnloos|pijnloze|quickest|easiest|snelste|makkelijkste|quick|snelle ~2 way|ways|manier|manieren|methode|methodes|method|methods ~2 to|om ~1 go|gaan $'),
  rule('suicidal', 'painless-ways-to-go', 'painless|pijnloos|pijnloze|quickest|easiest|snelste|makkelijkste|quick|snelle ~2 way|ways|manier|manieren|methode|methodes|method|methods ~2 to|om ~2 die|DOOD|doodgaan|sterven', (c, p, e) => !SCOPE_AFTER.has(after(c, e)) && !PURPOSE_AFTER.has(after(c, e)) && !NOT_AFTER_DEATH.has(after(c, e))),
  // Warning signs from batch 4's families, widened to how each is phrased (general cues, not lines).
  // Wish to be dead: thoughts of dying, death as a relief, my life to end.
  rule('suicidal', 'thoughts-of-dying', 'gedachte|gedachten|gedachtes|gedachtjes|thought|thoughts|denk|denken|dacht|think|thinking ~4 over|aan|of|about ~2 DOOD|dying|death|doodgaan|sterven|dead', (c, _p, e) => !NOT_AFTER_DEATH.has(after(c, e)) && !DEATH_COMPOUND.has(after(c, e)) && !c.words.slice(e, e + 2).includes('van') && notHyperbole(c)),
  rule('suicidal', 'death-a-relief', 'DOOD|dying|death|dead|doodgaan|sterven ~5 relief|opluchting|verlossing|bevrijding|rust|peace|peaceful', (c, p) => !NOT_AFTER_DEATH.has(c.words[p[0] + 1] ?? '') && (c.classes[p[0] - 1] & POSS3) === 0 && !AFTER_A_DEATH.has(c.words[p[0] - 1] ?? '')),
  rule('suicidal', 'my-life-to-end', 'WANT ~2 MY LIVE ~2 EIND|stoppen|stop|over|voorbij|ophouden|ophoudt|stopt|eindigt|ends', noScopeAfter),
  // Can't go on, no future: how much longer I can hold on, no reason to stay.
  rule('suicidal', 'nl.niet-meer-verder-leven', 'NEG MORE verder ~1 LIVE', noScopeAfter),
  rule('suicidal', 'nl.kan-niet-meer-verder', 'kan|kon|kun|ga ~3 NEG MORE verder $'),
  rule('suicidal', 'nl.kan-niet-meer-verder-zo', 'kan|kon|kun|ga ~3 NEG MORE verder zo $'),
  rule('suicidal', 'en.cant-go-on', 'cant|cannot|couldnt|NEG ~1 go|carry|keep ~1 on ~1 MORE'),
  rule('suicidal', 'en.cant-go-on-like-this', 'cant|cannot|couldnt|NEG ~1 go|carry|keep ~1 on ~1 like this ~1 $'),
  rule('suicidal', 'en.cant-go-on-alone', 'cant|cannot|couldnt|NEG ~1 go|carry|keep ~1 on $'),
  rule('suicidal', 'how-long-i-can-hold-on', 'hoe|how ~2 lang|long|longer ~3 I ~3 volhoud|uithoud|volhou|uithou|volhouden|uithouden|vol|keep|hold|last|survive|take|carry|go ~2 $'),
  rule('suicidal', 'nl.weet-niet-hoe-lang-ik-het-volhoud', 'weet ~1 NEG ~1 hoe ~2 lang ~3 I ~3 volhoud|uithoud|volhou|uithou|volhouden|uithouden|vol ~2 $'),
  rule('suicidal', 'dont-know-how-long-i-can-hold-on', 'NEG ~1 weet|know|zeker|sure ~1 hoe|how ~2 lang|long|longer ~3 I ~3 volhoud|uithoud|volhou|uithou|volhouden|uithouden|vol|keep|hold|last|survive|take|carry|go ~2 $'),
  rule('suicidal', 'nl.niet-meer-leven-alone', 'NEG MORE ~1 LIVE $', startsClause),
  rule('suicidal', 'forever-i-mean', 'voor|for altijd|ever|good ~1 bedoel|mean|meant ~1 $', startsClause),
  rule('suicidal', 'why-stay', 'waarom|why ~3 I ~2 nog|still|even|ever ~1 blijven|stay|staying|hier|here ~1 $'),
  rule('suicidal', 'point-of-living', 'wat|whats|what ~3 punt|point|nut|use ~3 LIVE', noScopeNear),
  // Not being there any more, goodbyes and last messages (a goodbye for the night or a trip is not).
  rule('suicidal', 'nl.er-niet-meer-zijn', 'ga|zal|zou|gaan ~3 er ~2 NEG MORE ~1 zijn|wezen ~1 $'),
  rule('suicidal', 'en.wont-be-here', 'I ~1 wont|NEG ~1 be ~1 here|around|alive ~2 MORE|much|long|forever|soon|after', (c, p, e) => noLaterAfter(c, p, e) && !TODAY.has(after(c, e)) && !TODAY.has(after(c, e + 1))),
  rule('suicidal', 'en.wont-be-here-for-the-date', 'I ~1 wont|NEG ~1 be ~1 here|around|alive ~1 for|at|on|by|till|until ~2 christmas|birthday|kerst|verjaardag|summer|zomer'),
  rule('suicidal', 'en.wont-be-here-alone', 'I ~1 wont|NEG ~1 be ~1 here|around|alive $'),
 softRule('later', rule('suicidal', 'goodbye-everyone', 'GOODBYE ~1 allemaal|iedereen|everyone|everybody|all|world|wereld|jullie|guys|yall|lieverds ~1 $')),
  softRule('later', ownRule('suicidal', 'say-goodbye-to-you-all', 'GOODBYE|afscheid|bye ~1 zeggen|nemen|say|saying|zegen ~2 tegen|to|van ~1 jullie|iedereen|everyone|allemaal|you|yall|everybody', (c, p, e) => noOneElseBefore(c, p, e) && noLaterAfter(c, p, e))),
  softRule('later', ownRule('suicidal', 'en.say-goodbye-to-you-all', 'say|saying|zeggen ~1 GOODBYE|bye ~1 to|tegen ~1 jullie|iedereen|everyone|allemaal|you|yall|everybody', (c, p, e) => noOneElseBefore(c, p, e) && noLaterAfter(c, p, e))),
  softRule('prepared', rule('suicidal', 'ready-to-go', 'klaar|ready om|to ~2 gaan|go|vertrekken|leave $')),
  // A plan: the place (a bridge, the tracks, high enough), the means (pills at hand, taking them all),
  // a vehicle wished to hit me.
  rule('suicidal', 'before-i-jump', 'voor|voordat|before|eer ~1 I ~2 spring|springen|jump', (c, p, e) => !INTO_SOMETHING.has(after(c, e)) && noErrand(c, p, e)),
  rule('suicidal', 'high-enough-to-jump', 'hoog|high ~3 genoeg|enough ~4 springen|spring|jump|vallen|fall'),
  rule('suicidal', 'jump-from-a-place', 'springen|spring|jump|jumping|sprong ~4 PLACE|balkon|balcony|hoogbouw|gebouw|building|toren|tower', noErrand),
  rule('suicidal', 'a-high-place-to-jump-from', 'balkon|balcony|hoogbouw|gebouw|building|toren|tower ~3 springen|spring|jump|af|off $', noErrand),
  rule('suicidal', 'jump-in-front-of', 'springen|spring|jump|jumping|sprong|stap|stappen|step|stepping|lopen|loop|walk|walking|gooien|gooi|throw|throwing ~3 voor|front|onder|under ~3 VEHICLE', noErrand),
  // Wishing to die in one's sleep; wanting to be gone; no future; no way out but death.
  rule('suicidal', 'die-in-my-sleep', 'die|dying|DOOD|sterf|overlijden ~2 in MY slaap|sleep', wishedFor),
  rule('suicidal', 'in-my-sleep-die', 'in MY slaap|sleep ~2 DOOD|die|sterf|overlijden|overlijd|sterven', wishedFor),
  rule('suicidal', 'nl.wil-weg-zijn', 'WANT ~2 weg zijn|wezen $'),
  rule('suicidal', 'no-future-for-me', 'geen|no|NEG ~3 toekomst|future|perspectief ~2 voor|for ME|MYSELF'),
  rule('suicidal', 'no-future', 'geen|no|NEG ~3 toekomst|future|perspectief ~1 MORE ~1 $', (c) => (c.present & PERSONAL) !== 0 || c.words.includes('zie') || c.words.includes(SEE)),
  rule('suicidal', 'no-way-out-but-death', 'NEG|geen ~3 uitweg|out|oplossing|solution ~4 except|behalve|dan|than|but ~2 DOOD|dying|death|die|sterven|SUICIDE'),
  softRule('later', rule('suicidal', 'when-im-gone', 'when|if|once|als|wanneer I ~1 gone|dead|dood', (c, p, e) => noPurposeAfter(c, p, e) && noScopeAfter(c, p, e))),
  // The sea, a river: walking in and not coming back.
  rule('suicidal', 'into-the-sea', 'zee|sea|oceaan|ocean|rivier|river|kanaal|canal ~1 in ~1 lopen|zwemmen|wandelen|stappen|gaan|lopen', intoTheWater),
  rule('suicidal', 'en.into-the-sea', 'walk|walking|walked|swim|swimming|go|going ~1 into|in ~1 the ~1 sea|ocean|river|canal|lake', intoTheWater),
  // A rope placed; a date chosen; the day I do it; every pill in the house.
  nounRule('suicidal', 'a-rope-placed', 'touw|rope|strop|noose ~4 gelegd|klaargelegd|neergelegd|opgehangen|vastgemaakt|vastgeknoopt|geknoopt|tied|hung|hanging|knot|knoop', (c, p, e) => noPurposeAfter(c, p, e) && !hasAny(c, ROPE_USE)),
  rule('suicidal', 'nl.datum-gekozen', 'datum|dag ~2 gekozen|geprikt|vastgelegd|bepaald $'),
  rule('suicidal', 'the-day-i-do-it', 'datum|date|dag|day|avond|night ~3 I ~2 going|gonna|ga|gaan|zal|will ~2 do|doen ~1 it|het'),
  rule('suicidal', 'every-pill-in-the-house', 'take|taking|swallow|swallowing|innemen|slikken|neem|slik|nemen ~2 every|each|elke|iedere ~1 MEANS|pill|pil ~2 in|uit|from ~2 cabinet|kast|kastje|huis|house|pot|doos|box|bottle|fles|potje', (c) => !hasAny(c, AS_PRESCRIBED_DAILY) && !hasAny(c, DOCTOR)),
  rule('suicidal', 'a-place-to-jump', 'PLACE ~6 springen|spring|jump|af|off $'),
  rule('suicidal', 'at-the-place', 'sta|staan|stand|standing|zit|zitten|sitting|sit|wacht ~5 PLACE', (c, p, e) => noErrand(c, p, e) && !c.words.slice(e, e + 3).some((word) => PURPOSE_AFTER.has(word))),
 rule('suicidal', 'vehicle-hits-me', 'WANT|fijn|hoop|hope|wish|zou ~8 VEHICLE ~2 ME|MYSELF ~3 aanrijdt|aanrijden|overrijdt|overrijden|raakt|raken|schept|scheppen|aanreed|overreed|hit|hits|run'),
  rule('suicidal', 'vehicle-over-me', 'WANT|fijn|hoop|hope|wish|zou ~8 VEHICLE ~3 over|hit|hits|raakt|raken|aanrijdt|aanrijden|overrijdt|scheppen|schept ~2 ME|MYSELF'),
  rule('suicidal', 'means-before-me', `${MEANS_AT_HAND} ~4 voor ME|MYSELF ~2 liggen|ligt|liggend|staan|staat`, meansAtHand),
  rule('suicidal', 'take-them-all', 'allemaal|alles|all|ze|them ~3 innemen|nemen|slikken|inslikken|take|swallow', (c, p, e) => (c.present & MEANS) !== 0 && notPrescribed(c, p, e)),
  rule('suicidal', 'take-it-all', 'take|swallow|taking|innemen|slikken|inslikken|neem|slik ~2 it|them|ze|het|die ~1 all|allemaal|alles', (c, p, e) => (c.present & MEANS) !== 0 && notPrescribed(c, p, e)),
  rule('suicidal', 'means-saved-up', 'MEANS ~4 sparen|spaar|opsparen|verzamelen|verzamel|saving|collecting|hoarding|stockpiling'),
  // Preparations: a will sorted out, goodbye letters (any form of the word).
  rule('suicidal', 'my-will-sorted', 'sorted|made|written|wrote|updated|finished|gemaakt|geschreven|opgesteld|geregeld|aangepast|regelde ~2 MY will|testament', (c) => !hasAny(c, NOTARY)),
  rule('suicidal', 'my-will-is-ready', 'MY testament ~2 klaar|geregeld|gemaakt|opgesteld|geschreven', (c) => !hasAny(c, NOTARY)),
  // Burden: a millstone to my family, they can finally breathe without me.
  rule('suicidal', 'nl.blok-aan-het-been', 'I|ME|MYSELF ~6 blok aan ~1 been'),
  rule('suicidal', 'without-me-finally', 'zonder|without ME|MYSELF ~4 eindelijk|finally|beter|better|happier|gelukkiger|ademen|breathe|rust|peace|vrij|free|makkelijker|easier', (c, p, e) => noScopeAfter(c, p, e) && !HERE_OR_THERE.has(c.words[p[1] + 1] ?? '')),
  rule('suicidal', 'better-off-without-me-in-this-world', 'beter|better|easier|makkelijker ~5 zonder|without ME op|in|on deze|this wereld|aarde|world|earth|planet'),
  // Warning-sign families widened after batches 5 and 6 (crisis services' lists: 113, 1813,
  // Samaritans, 988): leaving life, no reason or not deserving to live, a deadline, voices, being told
  // to die, the means and the place, a drive off the road, research into a method, a funeral.
  rule('suicidal', 'nl.uit-het-leven-stappen', 'uit het LIVE ~2 stap|stappen|stapt|stapte|gestapt|gaan|weg'),
  rule('suicidal', 'nl.stap-uit-het-leven', 'stap|stappen|stapt|stapte ~2 uit het LIVE'),
  rule('suicidal', 'this-is-the-end-for-me', 'dit|this is ~1 het|the EIND ~2 voor|for ME ~1 $'),
  rule('suicidal', 'no-reason-to-go-on', 'NEG|geen|no ~3 reden|reason|wish|wens|zin|motivatie|point ~5 door|verder|on|doorgaan|leven|living|going', (c, p, e) => noScopeAfter(c, p, e) && after(c, e) !== 'to' && !c.words.slice(e, e + 3).some((word) => WITH_SOMETHING.has(word))),
  rule('suicidal', 'not-deserve-to-live', 'NEG ~2 verdien|verdienen|deserve|deserves ~4 LIVE|alive|bestaan|exist|hier|here', lifeItself),
  rule('suicidal', 'deserve-not-to-live', 'verdien|verdienen|deserve|deserves ~3 NEG ~4 LIVE|alive|bestaan|exist', lifeItself),
  rule('suicidal', 'nl.niks-om-voor-te-leven', 'niks|niets ~3 om ~1 voor ~2 te ~1 LIVE'),
  rule('suicidal', 'why-am-i-still-here', 'waarom|why ~2 ben|am|leef|live|besta I ~2 er|here|alive|hier ~1 nog|still', (c, _p, e) => (c.classes[e] & NEG) === 0),
  rule('suicidal', 'why-do-i-still-live', 'waarom|why ~2 leef|live|besta|exist I ~2 nog|still|eigenlijk|even ~1 $'),
  rule('suicidal', 'my-death-planned', 'MY ~1 death|dood|SUICIDE|einde ~3 gepland|planned|voorbereid|prepared|uitgestippeld'),
  rule('suicidal', 'dead-worth-more', 'DOOD|dead ~2 meer|more ~1 waard|worth'),
  rule('suicidal', 'nl.tegen-een-boom-rijden', 'tegen|into ~2 boom|tree|muur|wall|vangrail|guardrail|pijler|pillar ~3 rijden|rij|reed|gereden|crashen|knallen|drive|driving|crash', meant),
  rule('suicidal', 'almost-jumped-off', 'bijna|almost|nearly ~1 jumped|sprong|gesprongen ~2 off|van|from ~2 PLACE|balkon|balcony|raam|window|gebouw|building', noErrand),
  rule('suicidal', 'nl.wat-doe-ik-hier-nog', 'wat ~2 I ~2 hier|here ~2 nog ~2 te ~1 zoeken $'),
  rule('suicidal', 'nl.leef-ik-niet-meer', 'leef|leven I ~3 NEG MORE $'),
  rule('suicidal', 'if-i-no-longer-exist', 'als|if|when I ~2 NEG MORE besta|bestaan|bestond|exist|existed'),
  rule('suicidal', 'only-way-out-not-being-there', 'uitweg|oplossing|solution|way ~6 er ~2 NEG MORE ~1 zijn|ben|wezen'),
  rule('suicidal', 'en.end-it-soon', 'EIND it ~1 this|tonight|today|tomorrow|soon|now|weekend|friday|saturday|sunday', (c, _p, e) => after(c, e) !== 'with' && after(c, e) !== 'met'),
  rule('suicidal', 'decided-to-end-it', 'decided|decision|besloten|beslissing|besluit ~5 EIND ~1 it|het|alles|everything|MY', (c, _p, e) => after(c, e) !== 'with' && after(c, e) !== 'met'),
  rule('suicidal', 'decided-im-done', 'decided|besloten|beslist ~3 I ~2 done|klaar $'),
  rule('suicidal', 'planned-my-death', 'planned|gepland|plan|planning|plannen ~2 MY ~1 death|dood|SUICIDE|einde|end|exit'),
  rule('suicidal', 'attempted', 'I ~1 attempted', (c, _p, e) => e === c.words.length || WHEN_ATTEMPTED.has(after(c, e))),
  rule('suicidal', 'nl.poging-gedaan', 'I ~4 poging|pogingen ~2 gedaan|ondernomen|gewaagd', (c, _p, e) => !PURPOSE_AFTER.has(after(c, e)) && after(c, e) !== 'tot'),
  rule('suicidal', 'nl.zelf-bespoedigen', 'zelf ~2 bespoedigen|bespoedig|versnellen|hasten|speed'),
  // Burden and relief for others: "iedereen is van me af", "doing everyone a favour", worth more dead.
  ownRule('suicidal', 'rid-of-me', 'van ME ~1 af', (c) => hasAny(c, FOR_GOOD) && (c.present & (THIRD | YOU)) !== 0),
  rule('suicidal', 'a-favour-by-not-living', 'favour|favor|plezier|dienst ~6 NEG ~2 alive|living|LIVE|here|around|bestaan|existing'),
  rule('suicidal', 'a-favour-by-dying', 'favour|favor|plezier|dienst ~4 by|door|als|if|met ~2 dying|died|die|DOOD|gone|weg|VANISH'),
  rule('suicidal', 'worth-more-dead', 'worth|waard ~2 more|meer ~4 dead|DOOD|alive|levend'),
  rule('suicidal', 'if-i-died-nobody', 'if|als I ~2 died|stierf|dood|gone|weg|VANISH ~4 nobody|noone|niemand'),
  rule('suicidal', 'my-own-funeral', 'MY ~1 own|eigen begrafenis|funeral|uitvaart', (c) => !hasAny(c, NOTARY)),
  rule('suicidal', 'nobody-at-my-funeral', 'niemand|nobody|noone ~4 MY ~1 begrafenis|funeral|uitvaart'),
  // Hoping not to wake up, wishing for an accident.
  rule('suicidal', 'pray-not-to-wake', 'WANT|bid|bidden|pray|praying|hoping ~6 I ~4 NEG ~1 MORE ~1 wakker|opsta|opstaan|wake|waking'),
  rule('suicidal', 'wish-for-an-accident', 'WANT|hoping|bid|pray|praying ~4 I ~3 ongeluk|ongeval|accident|crash', (c, _p, e) => after(c, e) !== 'heb' && after(c, e) !== 'had'),
  // Voices commanding to die; "kys" believed.
  softRule('voices', rule('suicidal', 'i-must-die', 'I|ME ~3 moet|must|should|need|have ~3 sterven|DOOD|die|springen|jump|EIND|KILL')),
  rule('suicidal', 'which-pills-would-do-it', 'MEANS ~3 would|zou|zouden|will ~1 do|doen ~1 it|het', notPrescribed),
  rule('suicidal', 'voices-say-die', 'stem|stemmen|voice|voices ~3 zeggen|zegt|zei|zeiden|say|says|said|tell|tells|telling|told|roepen|fluisteren ~4 I|ME|MYSELF ~5 DOOD|die|springen|spring|jump|EIND|KILL|HANG|sterven'),
  // Being told "kys" and starting to believe it: the writer's own thought, whoever said it.
  ownRule('suicidal', 'told-kys-believed', 'kys ~8 right|gelijk|agree|deserve|verdien|should|moet|maybe|misschien|beter|better', (c) => (c.present & (I | ME)) !== 0),
  // The place and the means: under a vehicle, off the road, the edge, a rope and a hook.
  rule('suicidal', 'under-a-vehicle', 'onder|under ~2 VEHICLE ~2 loop|lopen|stap|stappen|spring|springen|walk|step|jump|gooi|gooien', noErrand),
  rule('suicidal', 'myself-before-a-vehicle', 'ME|MYSELF ~2 voor|onder|under ~2 VEHICLE ~2 gooien|gooi|werpen|werp|smijten|smijt|leggen|laten|lopen', noErrand),
  rule('suicidal', 'drive-off-the-road', 'rijden|rij|rijd|reed|gereden|drive|driving|drove|crash|crashen|crashing ~4 off|af|into|tegen|in|op ~3 cliff|klif|brug|bridge|vangrail|guardrail|boom|tree|muur|wall|pijler|pillar|ravijn|PLACE', meant),
  rule('suicidal', 'nl.tegen-de-vangrail-gereden', 'vangrail|guardrail|boom|pijler|klif|ravijn ~3 af|op|in|tegen ~2 gereden|rijden|reed|crashen|gecrasht', meant),
  rule('suicidal', 'turn-the-wheel', 'stuur|wheel ~3 draaien|omgooien|omgooi|omdraaien|rukken|turn|yank|jerk|swerve ~3 gedaan|done|over|klaar|einde|weg|gone'),
  rule('suicidal', 'at-the-edge', 'I ~2 stond|stood|sta|stand|standing ~3 op|on ~2 rand|edge|ledge|reling|railing', (c, p, e) => noErrand(c, p, e) && edgeOfAHeight(c, p, e)),
  rule('suicidal', 'almost-jumped', 'bijna|almost|nearly ~2 van|off|from ~2 PLACE|balkon|balcony|raam|window|gebouw|building ~1 gesprongen|jumped|afgesprongen', noErrand),
  rule('suicidal', 'stood-on-the-tracks', 'PLACE ~2 gestaan|gezeten|gelegen|gestaan|stood|sat', noErrand),
  rule('suicidal', 'means-lined-up', 'MEANS ~2 lined|opgesteld|uitgestald|klaargezet|uitgespreid|geteld|counted|laid|spread|klaarstaan', meansAtHand),
  rule('suicidal', 'inject-enough', 'inject|injecteren|spuiten|spuit ~2 enough|genoeg|veel|lot|all|alle ~1 MEANS', notPrescribed),
  softRule('rope', rule('suicidal', 'a-rope-waiting', 'touw|rope|strop|noose ~4 liggen|ligt|klaar|hangt|hangen|zolder|attic', (c) => !hasAny(c, ROPE_USE))),
  softRule('prepared', rule('suicidal', 'for-when-i-do-it', 'voor|for als|when|if I ~3 het|it ~2 doen|do|doe $')),
  softRule('prepared', rule('suicidal', 'take-the-pills-now', 'I ~1 neem|slik|take|taking|swallow|swallowing ~2 nu|now ~2 de|the|MY MEANS ~1 $')),
  // Research into a method, asked "for myself".
  ownRule('suicidal', 'how-high-not-to-survive', 'hoog|high|diep|deep|hard|snel|fast|veel|much|many|lang|long ~12 NEG ~2 overleeft|overleef|overleven|survive|surviving|survives|overleefd', (c, p, e) => noOneElseBefore(c, p, e) && askedForOneself(c, p, e)),
  ownRule('suicidal', 'how-long-to-die', 'hoe|how ~2 lang|long ~6 DOOD|dead|die|dies|dying|sterft|sterven|doodgaan|verdrinken|drown', (c, p, e) => askedForOneself(c, p, e) && !NOT_AFTER_DEATH.has(after(c, e))),
  ownRule('suicidal', 'searching-a-sure-way', 'hoe|how ~8 doen|do|it ~3 zonder|without ~3 mislukt|mislukken|fail|failing|fails|survive|surviving|overleven', (c, p, e) => noOneElseBefore(c, p, e) && askedForOneself(c, p, e) && !hasAny(c, EXAMS)),
  softRule('method', rule('suicidal', 'asking-for-myself', 'vraag|vragen|ask|asking|know|weten ~3 voor|for ME|MYSELF ~2 $')),
  // A date or a deadline the writer will not reach.
  softRule('date', rule('suicidal', 'nl.niet-meer-halen', 'NEG MORE ~3 halen|meemaken|beleven', (c, p) => THAT_ONE.has(c.words[p[0] - 1] ?? '') || (c.words.slice(Math.max(0, p[0] - 4), p[0]).some((word) => DATES.has(word)) && !THAT_ONE.has(c.words[p[0] - 2] ?? '')))),
  rule('suicidal', 'en.wont-make-it-to', 'wont|NEG ~2 make ~1 it ~2 to|till|until ~2 MY ~1 birthday|christmas|verjaardag'),
  // Joining someone who died (read beside the loss in the message).
  softRule('bereaved', ownRule('suicidal', 'join-them', 'WANT|like ~3 join|volgen|achterna ~1 hem|haar|hen|him|her|them', writerWishing)),
  softRule('bereaved', ownRule('suicidal', 'nl.haar-achterna', 'WANT ~2 hem|haar|hen ~1 achterna|volgen', writerWishing)),
  softRule('bereaved', ownRule('suicidal', 'nl.bij-haar-zijn', 'WANT ~3 bij hem|haar|hen ~1 zijn|wezen|gaan', (c, p, e) => writerWishing(c, p, e) && (e - p[p.length - 2] === 1 || c.words[e - 2] === 'te'))),
  // Goodbyes said already, not coming back.
  softRule('later', rule('suicidal', 'already-said-goodbye', 'I ~4 afscheid ~1 genomen|gezegd', (c, _p, e) => (after(c, e) === 'van' ? EVERYONE.has(after(c, e + 1)) : hasAny(c, ALREADY)))),
  softRule('later', rule('suicidal', 'said-my-goodbyes', 'said|saying ~1 MY goodbyes|godbyes')),
  softRule('later', rule('suicidal', 'not-coming-back', 'kom|kome|come|coming ~1 NEG|nooit ~1 MORE ~1 terug|back', (c, _p, e) => !NOT_BACK_TO.has(after(c, e)))),
  // Warning signs that only count together (see cuesStand): thanks and goodbyes, affairs settled,
  // a pet or belongings given away, the calm after a decision, a date, the last time here.
  softRule('cue', ownRule('suicidal', 'cue.thank-everyone', 'bedanken|bedankt|danken|dank|merci|thank|thanks|thanking ~4 iedereen|everyone|everybody|allemaal|jullie|yall|alles|everything', noOneElseBefore)),
  softRule('cue', rule('suicidal', 'cue.take-care-of-each-other', 'zorg|zorgen|take|pas|passen|look ~2 goed|care|op ~2 voor|of|after|op ~1 elkaar|each')),
  softRule('cue', rule('suicidal', 'cue.calm-since-i-decided', 'rustig|kalm|calm|peaceful|peace|opgelucht|relieved ~3 nu|now|since|sinds ~1 I ~2 weet|know|besloten|decided|beslist')),
  softRule('cue', ownRule('suicidal', 'cue.everyone-thanked', 'iedereen|everyone|everybody|allemaal|jullie ~5 bedanken|bedankt|danken|thanked|thank', noOneElseBefore)),
  softRule('cue', rule('suicidal', 'cue.hope-they-wont-miss-me', 'hoop|hope|hoping|hopelijk ~3 ME ~1 NEG ~2 missen|mist')),
  softRule('cue', rule('suicidal', 'cue.en-hope-they-wont-miss-me', 'hope|hoping|hopefully ~2 NEG ~1 miss ~1 ME')),
  softRule('cue', rule('suicidal', 'cue.look-after-each-other', 'look|looking ~2 after|out ~2 each|elkaar')),
  softRule('cue', rule('suicidal', 'cue.my-passwords-written', 'MY ~1 wachtwoorden|wachtwoord|passwords|password|pincode|pincodes ~4 opgeschreven|written|gegeven|doorgegeven|shared|geregeld|sorted|genoteerd')),
  softRule('cue', rule('suicidal', 'cue.en-cant-do-this-anymore', 'I ~1 cant|cannot ~1 do ~1 this|it ~1 MORE ~1 $')),
  softRule('cue', rule('suicidal', 'cue.tell-them-i-love-them', 'zeg|tell|vertel ~4 I ~3 hou|houd|love|loved')),
  // The things no longer needed may be "them", "ze": no subject is looked for inside.
  softRule('cue', ownRule('suicidal', 'cue.no-longer-needed', 'NEG|geen ~1 MORE ~2 nodig|need|needed', noOneElseBefore)),
  softRule('cue', ownRule('suicidal', 'cue.wont-need', 'wont|NEG ~1 need ~3 MORE|where|waar', noOneElseBefore)),
  softRule('cue', rule('suicidal', 'cue.gave-away-my-things', 'gave|given|giving|geef|gaf ~1 away|weg ~1 MY')),
  softRule('cue', rule('suicidal', 'cue.ik-kan-niet-meer', 'I kan|kon NEG MORE $')),
  softRule('cue', rule('suicidal', 'cue.where-im-going', 'waar|where I ~1 naartoe|heen|going')),
  softRule('cue', rule('suicidal', 'cue.cant-do-this-anymore', 'I ~1 kan|cant|cannot|can ~2 dit|dat|this|het|it ~1 NEG|not ~1 MORE ~1 $')),
  softRule('cue', rule('suicidal', 'cue.calm', 'rustig|kalm|calm|peaceful|vredig|sereen|peace|opgelucht|relieved', suddenly)),
  softRule('cue', rule('suicidal', 'cue.know-what-to-do', 'I ~1 weet|know ~2 nu|now ~2 wat|what I ~2 ga|going|gonna|moet|have|need ~1 doen|do|to')),
  softRule('cue', ownRule('suicidal', 'cue.over-soon', 'alles|everything|all|het|it|its ~4 binnenkort|soon|bijna|almost|nearly ~2 voorbij|over|opgelost|gedaan|done', (c, p, e) => noOneElseBefore(c, p, e) && noScopeAfter(c, p, e) && after(c, e) !== 'met' && after(c, e) !== 'with')),
  softRule('cue', ownRule('suicidal', 'cue.soon-over', 'binnenkort|soon|bijna|almost ~2 alles|everything|het|it|all ~2 voorbij|over|opgelost|gedaan|done', (c, p, e) => noOneElseBefore(c, p, e) && noScopeAfter(c, p, e) && after(c, e) !== 'met' && after(c, e) !== 'with')),
  softRule('cue', rule('suicidal', 'cue.no-worries-about-me', 'geen|niemand|nobody|noone|NEG ~3 zorgen|worry|worrying ~4 om|over|about|for ME')),
  softRule('cue', rule('suicidal', 'cue.if-something-happens-to-me', 'als|if|case|mocht ~3 iets|something|anything ~3 met|to ME ~3 gebeurt|gebeuren|overkomt|happens|happened|happen|zou')),
  softRule('cue', rule('suicidal', 'cue.if-something-happened-to-me', 'if|case ~2 something|anything ~1 happens|happened|happen|were ~1 to ME')),
  softRule('cue', rule('suicidal', 'cue.my-pet-rehomed', `MY ~1 ${PETS} ~6 buren|neighbours|neighbors|gebracht|gegeven|weggegeven|rehomed|herplaatst|nieuw|new|asiel|shelter`)),
  softRule('cue', rule('suicidal', 'cue.who-cares-for-my-pet', `zorgt|zorgen|look|looks|care|take ~4 MY ~1 ${PETS}`)),
  softRule('cue', rule('suicidal', 'cue.passwords-written', 'wachtwoorden|wachtwoord|passwords|password|pincode|pincodes|codes ~4 opgeschreven|written|gegeven|doorgegeven|shared|geregeld|sorted|genoteerd')),
  softRule('cue', rule('suicidal', 'cue.sort-it-now', 'regelen|geregeld|sorted|sort|regel ~4 nu|now|deze|this')),
  softRule('cue', rule('suicidal', 'cue.that-was-it', 'dat|that|dit ~1 was|is ~1 het|it ~1 dan|then ~1 $')),
  softRule('cue', rule('suicidal', 'cue.hou-het-voor-bekeken', 'hou|houd ~2 het ~1 voor ~1 bekeken')),
  softRule('cue', rule('suicidal', 'cue.ready-for-it', 'I ~2 er ~1 klaar ~1 voor ~1 $')),
  softRule('cue', rule('suicidal', 'cue.letters-written', 'note|notes|brief|briefje|briefjes|brieven|letter|letters ~2 geschreven|written|klaar|ready', toSomeoneClose)),
  // Squeezed, "soon" is "son": these name the writer's life, so no subject is looked for inside.
  softRule('cue', ownRule('suicidal', 'cue.over-soon-en', 'alles|everything|all|its|it|het ~4 over|voorbij ~1 soon|binnenkort', noOneElseBefore)),
  softRule('cue', rule('suicidal', 'cue.written-letters', 'wrote|written|geschreven|schreef ~3 note|notes|brief|briefje|briefjes|brieven|letter|letters', toSomeoneClose)),
  softRule('cue', rule('suicidal', 'cue.find-the-courage', 'need|nodig|find|vinden|verzamelen ~3 courage|moed|guts')),
  softRule('cue', rule('suicidal', 'cue.tonight-alone', 'tonight|vannacht|vanavond $', startsClause)),
  softRule('cue', rule('suicidal', 'cue.last-time-here', 'laatste|last keer|time ~4 groep|group|chat|hier|here|forum')),
  softRule('cue', rule('suicidal', 'cue.waiting-for-the-end', 'wachten|wacht|waiting|wait ~2 tot|till|until|for ~2 het|it ~1 afgelopen|over|voorbij|gedaan')),
  softRule('cue', ownRule('suicidal', 'cue.sorry-mum', 'sorry ~1 mama|mam|mum|mom|papa|dad|pap|mams', noOneElseBefore)),
  softRule('cue', ownRule('suicidal', 'cue.mum-sorry', 'mama|mam|mum|mom|papa|dad|pap ~1 sorry', noOneElseBefore)),
  softRule('cue', rule('suicidal', 'cue.before-i-do-something', 'voor|voordat|before I ~1 iets|something|it ~1 doe|doen|do $')),
  softRule('cue', rule('suicidal', 'cue.im-done', 'I ~1 ben|am|im ~1 er ~1 klaar ~1 mee ~1 $')),
  softRule('cue', rule('suicidal', 'cue.stop-ermee', 'stop|stoppen I ~1 ermee|er')),
  softRule('cue', rule('suicidal', 'cue.het-is-goed-geweest', 'het|t is ~2 goed|mooi ~1 geweest')),
  softRule('cue', rule('suicidal', 'cue.my-will', 'MY testament|will', (c) => (c.present & I) === 0 || hasAny(c, NOTARY))),
  softRule('cue', rule('suicidal', 'cue.notary-will', 'notaris|notary|lawyer|advocaat ~4 testament|will')),
  softRule('cue', rule('suicidal', 'cue.next-time-no-stopping', 'volgende|next keer|time ~2 stop|stopt|stoppen ~2 I ~1 NEG')),
  softRule('cue', rule('suicidal', 'cue.i-mean-it', 'I ~1 het|it ~1 meen|mean $')),
  softRule('cue', rule('suicidal', 'cue.given-away', 'gegeven|weggegeven|gave|given ~4 aan|to ~2 MY ~1 neef|nicht|broer|zus|brother|sister|cousin|friend|vriend|vriendin|buren|neighbour')),
  // Self-harm
  rule('self_harm', 'nl.mezelf-snijden', 'MYSELF ~3 CUTNL', noAccident),
  rule('self_harm', 'nl.snij-mezelf', 'CUTNL ~2 MYSELF', noAccident),
  rule('self_harm', 'nl.mezelf-pijn-doen', 'MYSELF ~1 pijn', noAccident),
  rule('self_harm', 'nl.pijn-aan-mezelf', 'pijn ~2 MYSELF'),
  // "ik kan mezelf wel slaan dat ik …": regret, not a blow.
  rule('self_harm', 'nl.mezelf-slaan', 'MYSELF ~1 sla|slaan|sloeg|geslagen', (c, p, e) => !NOT_AFTER_SLAAN.has(after(c, e)) && c.words[p[0] + 1] !== 'wel'),
  rule('self_harm', 'nl.sla-mezelf', 'sla|sloeg MYSELF', (c, _p, e) => !NOT_AFTER_SLAAN.has(after(c, e))),
  rule('self_harm', 'nl.me-snijden', 'ME ~3 CUTNL', noAccident),
  rule('self_harm', 'nl.snij-me', 'CUTNL ME', noAccident),
  rule('self_harm', 'nl.krassen', 'I ~4 kras|krassen|kraste|gekrast|krast', (c, _p, e) => !OBJECT_AFTER_KRAS.has(after(c, e))),
  rule('self_harm', 'en.cut-myself', 'CUTEN MYSELF', noAccident),
  rule('self_harm', 'cut-my-arm', 'CUTNL|cut|cuts|cutting|carved|carve|carving|slit|sliced|slicing|scratched|burned|burnt|burn|burning ~4 MY BODY', noAccident),
  rule('self_harm', 'my-arm-cut', 'MY BODY ~3 CUTNL', noAccident),
  rule('self_harm', 'myself-blade', 'MYSELF ~4 mes|mesje|mesjes|scheermes|scheermesje|razor|blade|glas'),
  rule('self_harm', 'nl.weer-gesneden', 'weer|terug|opnieuw|alweer gesneden|gekrast|snijden|krassen|gekerfd|kerven', noAccident),
  rule('self_harm', 'en.cutting-again', 'cut|cuts|cutting ~1 again'),
  rule('self_harm', 'en.i-cut', 'I ~2 cut|cutting ~1 $'),
  rule('self_harm', 'en.i-cut-deep', 'I ~2 cut|cutting deep|deeper|again|last|tonight|today|yesterday|too|badly'),
  rule('self_harm', 'my-arm-blade', 'MY BODY ~5 mes|mesje|mesjes|scheermes|scheermesje|razor|blade|glas'),
  rule('self_harm', 'urge-to-cut', 'zin|drang|urge|urges|need|behoefte ~1 om|to|tot|naar ~1 snijden|snij|krassen|kras|cut|cutting|burn|branden|SELFHARM'),
  rule('self_harm', 'urge-to-cut-into', 'drang|urge|urges|behoefte ~1 om|to|tot|naar ~4 snijden|snij|krassen|kras|cut|cutting|burn|branden|kerven|SELFHARM', noAccident),
  // Self-harm families from batch 4, widened (methods and objects, hiding it, reopening, overdoing
  // pills without wanting to die).
  rule('self_harm', 'hidden-blade', 'mesje|mesjes|scheermesje|scheermesjes|blade|blades|razor|razors|scherf|scherven|shard|shards ~4 verstopt|verstop|verstoppen|hidden|hide|hiding|stashed|stash'),
  rule('self_harm', 'bite-my-arm', 'bijt|beet|bijten|gebeten|bite|bit|biting ~2 MY BODY|hand|handen|hands', noAccident),
  rule('self_harm', 'bite-myself', 'bijt|beet|bijten|bite|bit|biting MYSELF ~1 tot|till|until|to ~2 bloed|bloedt|bloedde|bleed|bleeds|bled|blauw|bruised|bruise', noAccident),
  rule('self_harm', 'hide-my-cuts', 'verstop|verstoppen|verberg|verbergen|hide|hiding|cover|covering|bedek|bedekken ~2 WOUND|littekens|scars|armen|arms', (c, p, e) => (c.present & WOUND) !== 0 || (c.words.slice(p[0], e + 6).some((word) => SLEEVES.has(word))) || (hasAny(c, SCARS) && (messageClasses & BODY) !== 0)),
  rule('self_harm', 'fresh-cuts', 'vers|verse|fresh|new|nieuwe|diepe|deep|deeper ~1 WOUND', (c, p, e) => noAccident(c, p, e) && after(c, e) !== 'of' && after(c, e) !== 'van'),
  rule('self_harm', 'cuts-to-hide', 'WOUND ~3 verbergen|verstoppen|bedekken|verbergen|hide|cover|hidden|covered', noAccident),
  rule('self_harm', 'arms-open-again', 'MY BODY ~3 weer|opnieuw|terug|again ~2 open|kapot|opengehaald|opengekrast', noAccident),
  rule('self_harm', 'pills-on-purpose', 'expres|bewust|opzettelijk|purpose|deliberately|intentionally ~5 MEANS|overdosis|overdose|teveel', notPrescribed),
  rule('self_harm', 'pills-taken-on-purpose', 'MEANS ~5 expres|bewust|opzettelijk|purpose|deliberately|intentionally', notPrescribed),
  rule('self_harm', 'too-many-pills', 'te|too ~1 veel|many|much ~1 MEANS ~3 genomen|geslikt|ingenomen|took|taken|swallowed|nemen|slikken|take', notPrescribed),
  rule('self_harm', 'a-handful-of-pills', 'took|taken|swallowed|take|taking|slikte|nam ~3 bunch|handful|lot|heap|load|stack|handvol|hoop|heleboel ~2 MEANS', notPrescribed),
  rule('self_harm', 'with-a-needle', 'ME|MYSELF ~4 met|with ~2 OBJECT ~3 geprikt|gesneden|gekrast|gebrand|verbrand|bewerkt|opengehaald|prikken|snijden|krassen|branden|prik|snij|kras|brand', noAccident),
  rule('self_harm', 'en.with-a-needle', 'stabbed|poked|pricked|cut|cutting|burned|burnt|burning|scratched|scratching|carved|carving ~1 MYSELF ~1 with ~2 OBJECT', noAccident),
  rule('self_harm', 'punched-until-bleeding', 'punch|punched|punching|hit|sloeg|stomp|stompte|sla|sloeg ~3 mirror|spiegel|muur|wall|deur|door|raam|window ~6 bleeding|bloedt|bloedde|bled|bleed|bloedend', notMedical),
  rule('self_harm', 'sh-relapse', 'relapse|relapsed|relapsing|urge|urges|clean|free ~2 sh'),
  rule('self_harm', 'sh-again', 'sh ~1 again|urges|relapse|scars|wounds|cuts'),
  rule('self_harm', 'hurt-myself-on-purpose', 'MYSELF ~3 bezeerd|bezeer|bezeren|verwond|hurt|pijn ~4 met|on opzet|purpose', noAccident),
  rule('self_harm', 'on-purpose-hurt-myself', 'expres|opzettelijk|purpose|deliberately ~3 MYSELF|ME ~2 bezeerd|bezeer|bezeren|verwond|hurt|pijn', noAccident),
  rule('self_harm', 'new-scars-again', 'weer|opnieuw|again|more ~2 nieuwe|new|verse|fresh ~2 bij|erbij|ones|WOUND|littekens|scars', (c, p, e) => noAccident(c, p, e) && ((c.present & WOUND) !== 0 || hasAny(c, SCARS))),
  rule('self_harm', 'pulled-out-hair-until', 'pull|pulling|pulled|rip|ripping|trek|trok ~1 out|uit ~2 hair|haar|haren ~4 kale|bald|bloed|bloedt|bleeds|bleed|bled', noAccident),
  rule('self_harm', 'pulled-hair-until', 'haar|haren|hair ~3 uit|out ~4 kale|bald|bloed|bloedt|bleeds|bleed|bled', noAccident),
  rule('self_harm', 'an-object-used-on-my-body', 'gebruikt|used|gebruik|use|using ~3 op|on ~1 MY BODY', (c, p, e) => (c.present & OBJECT) !== 0 && noAccident(c, p, e)),
  rule('self_harm', 'lighter-on-my-skin', 'aansteker|lighter|sigaret|sigaretten|cigarette|cigarettes|peuk|peuken ~5 MY BODY|MYSELF|huid|skin', noAccident),
  rule('self_harm', 'struggling-not-to-cut', 'struggling|trying|proberen|probeer ~2 NEG ~1 to|te ~1 snijden|krassen|cut|SELFHARM'),
  rule('self_harm', 'my-arms-full-of-cuts', 'MY BODY ~4 WOUND', noAccident),
  rule('self_harm', 'head-against-wall', 'bonk|bonken|bonkte|bang|banging ~4 hoofd|kop|head ~4 muur|wall|deur|door'),
  // Self-harm: blood, a blade in the body, hurting on purpose until it bleeds, a relapse.
  rule('self_harm', 'blood-from-my-body', 'bloed|blood|bleeding|bloedt|bloedde ~4 MY BODY', notMedical),
  rule('self_harm', 'blood-everywhere', 'blood|bloed ~1 everywhere|overal', noAccidentInMessage),
  rule('self_harm', 'overal-bloed', 'everywhere|overal ~1 bloed|blood', noAccidentInMessage),
  rule('self_harm', 'blade-in-my-body', 'mes|mesje|mesjes|scheermes|scheermesje|razor|blade|glas|glass ~3 in|op|over|on|into|across ~1 MY ~1 BODY', noAccident),
  ownRule('self_harm', 'until-it-bled', 'until|till|til|tot ~3 bleed|bleeds|bled|bleeding|bloeden|bloedt|bloedde|blood|bloed|blauw|bruised|rauw|raw', ownDoing),
  // The door is what is hit here, not what one bumped into.
  ownRule('self_harm', 'wall-until-it-hurts', 'muur|wall|deur|door ~6 tot|till|until|til ~3 pijn|hurt|hurts|bled|bleed|bloedde|bloedt|split|open|kapot|blauw|bruised|rauw|raw', (c, p, e) => ownDoingWith(c, p, e, (cl) => !hasAny(cl, MEDICAL) && !hasAny(cl, ACCIDENT_BUT_DOORS))),
  rule('self_harm', 'head-against-the-wall', 'sla|slaan|sloeg|beuk|beuken|ram|rammen|slam|slammed|slamming|hit|hitting|smash|smashed|bang|banged ~2 MY ~1 hoofd|kop|head|fist|vuist ~3 tegen|against|into|on ~2 muur|wall|deur|door'),
  rule('self_harm', 'relapsed-into-cutting', 'relapse|relapsed|hervallen|herval|teruggevallen|terugval ~5 SELFHARM|snijden|krassen|cutting|cut|kras', noAccident),
  rule('self_harm', 'blood-from-cutting', 'blood|bloed ~6 cutting|snijden|krassen|gesneden|gekrast', notMedical),
  rule('self_harm', 'cuts-on-my-arms', 'WOUND ~3 MY BODY', noAccident),
  rule('self_harm', 'my-arms-worked-on', 'MY BODY ~2 bewerkt|toegetakeld|opengehaald|opengekrast|opengesneden|kapotgemaakt', noAccident),
  rule('self_harm', 'nl.hoofd-tegen-de-muur', 'MY hoofd|kop|head ~1 tegen|against ~2 muur|wall|deur|door ~2 gebonkt|geslagen|gebeukt|geramd|slaan|bonken|sla|bonk'),
  // Self-harm families widened after batches 5 and 6 (NHS, Samaritans, 113): wounds made on purpose
  // and reopened, the tools (a blade out of a sharpener, a lighter, an iron, an elastic band), hitting
  // or pinching oneself black and blue, overdoses "not to die", punishing oneself, a relapse.
  rule('self_harm', 'nl.mezelf-bewerkt', 'ME|MYSELF ~3 bewerkt|toegetakeld|opengehaald|opengekrast|opengesneden|gekerfd|kapotgemaakt', noAccident),
  rule('self_harm', 'cut-again-nl', 'CUTNL I ~1 weer|opnieuw|terug|alweer|again', noAccident),
  rule('self_harm', 'cut-deeper', 'cut|cutting|sneed|gesneden|snij ~1 deeper|dieper ~1 than|dan|this|vandaag|tonight|vannacht', noAccident),
  rule('self_harm', 'want-to-cut-now', 'WANT ~2 to|om ~1 cut|snijden|krassen|burn|branden', (c, p, e) => noAccident(c, p, e) && (e === c.words.length || c.words.slice(e, e + 3).some((word) => TODAY.has(word) || NOW.has(word)))),
  rule('self_harm', 'hit-my-body-black-and-blue', 'knijp|knijpen|kneep|sla|slaan|sloeg|slaat|stomp|stompen|punch|punched|punching|hit|hitting|pinch|pinching|beat|beating ~1 MY ~1 BODY ~2 blauw|bont|blue|black|bruised|kapot|open|rauw|raw|until|till|tot|met|with', noAccident),
  rule('self_harm', 'pinch-myself-black-and-blue', 'knijp|knijpen|kneep|sla|slaan|sloeg|slaat|stomp|stompen|punch|punched|punching|hit|hitting|pinch|pinching|beat|beating ~1 MYSELF|ME ~2 bont|blauw|blue|black|bruised|kapot|rauw|raw', noAccident),
  rule('self_harm', 'my-body-on-purpose', 'MY ~1 BODY|hand|handen|hands|vingers|fingers|hoofd|head ~2 expres|opzettelijk|bewust|purpose|deliberately', noAccident),
  rule('self_harm', 'nails-into-my-skin', 'dig|digging|dug|druk|drukte|boor|claw|clawing|nagels|nails ~4 in|into ~1 MY ~1 BODY', noAccident),
  rule('self_harm', 'my-wounds-reopened', 'MY ~2 WOUND|littekens|scars|korsten|scabs ~3 opengekrabd|opengekrast|opengehaald|opengemaakt|opengetrokken|reopened|kapotgemaakt|opengekrabt', noAccident),
  rule('self_harm', 'reopened-my-wounds', 'opengekrabd|opengekrast|opengehaald|opengemaakt|reopened|reopening|reopen ~2 MY ~2 WOUND|littekens|scars|korsten|scabs', noAccident),
  rule('self_harm', 'with-a-tool-on-my-body', 'CUTEN|CUTNL|stabbing|poking|pricking ~3 MY BODY ~1 with|met ~2 OBJECT', noAccident),
  rule('self_harm', 'myself-with-a-tool-unsaid', 'MYSELF ~2 met|with ~2 OBJECT ~1 $', noAccident),
  rule('self_harm', 'the-blade-out-of-a-sharpener', 'puntenslijper|slijper|sharpener ~4 uit|apart|open|gesloopt|kapot', (c) => noOneElse(c, [], 0) && !hasAny(c, CRAFT)),
  rule('self_harm', 'a-blade-out-of-a-sharpener', 'blade|blades|mesje|mesjes ~3 uit|out|from ~3 sharpener|slijper|puntenslijper|scheermes|razor'),
  rule('self_harm', 'a-tool-to-release-the-tension', 'spanning|tension|pressure|druk ~3 eruit|weg|out|release|los', () => (messageClasses & OBJECT) !== 0),
  rule('self_harm', 'used-on-my-body', 'gebruikt|used|gebruik|use|using ~3 op|on ~1 MY ~1 BODY', (c, p, e) => (messageClasses & OBJECT) !== 0 && noAccident(c, p, e)),
  rule('self_harm', 'punch-walls-to-feel', 'punch|punched|punching|hit|hitting|sla|slaan|sloeg|stomp|stompen|bonk ~3 muur|muren|wall|walls|deur|door ~4 feel|voelen|voel|pain|pijn'),
  rule('self_harm', 'an-overdose-taken', 'MEANS', anOverdoseTaken),
  softRule('means', rule('self_harm', 'not-to-die', 'NEG ~1 om|to ~2 DOOD|die|doodgaan|sterven')),
  softRule('means', rule('self_harm', 'did-not-want-to-die', 'wou|wilde|wanted|meant ~1 NEG ~1 DOOD|die|sterven')),
  softRule('wound', rule('self_harm', 'punish-myself', 'MYSELF ~2 straffen|punish|punishing|straf|te')),
  softRule('means', rule('self_harm', 'pills-to-punish-myself', 'om|to ~1 MYSELF ~1 te ~1 straffen|punish')),
  softRule('wound', rule('self_harm', 'did-it-myself', 'did|done|made|deed|gedaan|gemaakt ~2 it|them|het|ze|dat|da ~1 MYSELF|zelf', noAccident)),
  softRule('wound', rule('self_harm', 'nl.zelf-gedaan', 'het|ze|dat|da ~1 zelf ~1 gedaan|veroorzaakt', noAccident)),
  softRule('wound', rule('self_harm', 'done-on-purpose', 'expres|opzettelijk|bewust|purpose|deliberately ~3 gedaan|done|did', noAccident)),
  softRule('wound', rule('self_harm', 'on-purpose-alone', 'expres|opzettelijk|bewust|purpose|deliberately ~1 $', startsClause)),
  softRule('relapse', rule('self_harm', 'my-body-a-mess', 'MY BODY ~3 puinhoop|mess|kapot|wrecked|ravage|slagveld|battlefield')),
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
    if ((clause.classes[i] & (THIRD | YOU)) !== 0 && (clause.classes[i] & POSS3) === 0 && !notTheSubject(clause, i)) {
      return true;
    }
  }
  for (let i = start - 1; i >= Math.max(0, start - SUBJECT_WINDOW); i -= 1) {
    work += 1;
    const classes = clause.classes[i];
    if ((classes & I) !== 0) {
      return false;
    }
    if (
      (classes & (THIRD | YOU)) !== 0 &&
      !ASKING.has(clause.words[i + 1] ?? '') &&
      !genericYou(clause, i) &&
      !notTheSubject(clause, i)
    ) {
      return true;
    }
  }
  return false;
}

/** "weet iemand …", "does anyone know …": the writer asking the group. */
const ANYONE = foldedSet('iemand anyone someone somebody anybody');
const QUESTION_VERBS = foldedSet('weet weten kent heeft does do has is can kan knows know');
/** "van mn moeder", "from my mum": whose the thing is, not who does it. */
const FROM = foldedSet('van of from uit');
/**
 * Someone named who is not the subject: the group asked ("weet iemand hoeveel …") or the owner of
 * the means ("de pillen van mn moeder gespaard").
 */
function notTheSubject(clause: Clause, i: number): boolean {
  const before = clause.words[i - 1] ?? '';
  return (
    (ANYONE.has(clause.words[i]) && QUESTION_VERBS.has(before)) ||
    ((clause.classes[i - 1] & MY) !== 0 && FROM.has(clause.words[i - 2] ?? ''))
  );
}

/** "how do you hide …", "hoe lang duurt het voor je …": you as anyone, the writer asking. */
function genericYou(clause: Clause, i: number): boolean {
  if ((clause.classes[i] & YOU) === 0) {
    return false;
  }
  for (let j = i - 1; j >= Math.max(0, i - GENERIC_YOU_WINDOW); j -= 1) {
    work += 1;
    if (HOW.has(clause.words[j])) {
      return true;
    }
  }
  return false;
}
const HOW = foldedSet('how hoe hoeveel welke which');
const GENERIC_YOU_WINDOW = 6;

/** "iemand tips om …", "anyone else …": the writer asking the group, not someone else's doing. */
const ASKING = foldedSet('tips tip advies advice ideas ideeen suggesties suggestions else anders');

/**
 * A rule naming the writer ("mij ... snijdt") can still be about someone else whose own doing is
 * named inside the match: "vriendin vertelde mij dat ze zichzelf snijdt".
 */
const REFLEXIVE_OTHER = foldedSet('zich zichzelf jezelf himself herself themselves themself yourself');
function someoneElseInside(clause: Clause, start: number, end: number, path: readonly number[], used: number): boolean {
  for (let i = start + 1; i < end; i += 1) {
    if (REFLEXIVE_OTHER.has(clause.words[i]) && !path.slice(0, used).includes(i)) {
      return true;
    }
  }
  return false;
}

/**
 * "als ik nog één keer dat liedje hoor … 😂", "if I have to sit through one more meeting … lol": a
 * joke's set-up with a laugh in the message. Without the laugh ("if one more person leaves me I
 * will kill myself") it stays an alert.
 */
const LAUGH = /😂|🤣|🙄|🙃|😅|😆|😜|\b(?:haha\w*|hihi\w*|lol|lmao|xd|jk|grapje|just kidding)\b/iu;
/** The message being read (set by findCrisis: the detector reads one text at a time) and whether it laughs. */
let message = '';
let laughing: boolean | undefined;
const IF = foldedSet('als if');
const ONCE_MORE = foldedSet('keer uur minuut kwartier dag week hour minute day week');
const ONE = foldWord('een');
const ONCE = foldWord('eens');
const LONGER = foldedSet('langer longer');
/** Where the set-up "als … nog één keer …" ends in the clause (worked out once), or -1. */
function onceMoreAt(list: readonly string[]): number {
  let conditional = false;
  for (let i = 0; i < list.length; i += 1) {
    work += 1;
    const word = list[i];
    conditional ||= IF.has(word);
    const more =
      (word === 'nog' && (list[i + 1] === ONE || list[i + 1] === '1') && ONCE_MORE.has(list[i + 2] ?? '')) ||
      (word === 'nog' && list[i + 1] === ONCE) ||
      LONGER.has(word) ||
      ((word === 'one' || word === 'once') && list[i + 1] === 'more');
    if (conditional && more) {
      return i;
    }
  }
  return -1;
}
function afterOnceMore(clause: Clause): boolean {
  laughing ??= LAUGH.test(message);
  if (!laughing) {
    return false;
  }
  clause.onceMore ??= onceMoreAt(clause.words);
  return clause.onceMore >= 0;
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
/** "in mijn tienerjaren", "in high school": a time of life now behind the writer. */
const SCHOOL = foldWord('school');
const YOUTH = foldedSet('tienerjaren tienertijd puberteit middelbare highschool teens');
/** "as a kid", "als kind": childhood. */
const CHILD = foldedSet('kid kind child tiener teen teenager puber');
/** "toen ik 16 was", "when i was 14": an age now behind the writer. */
const I_WORDS = foldedSet('ik i');
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
      // "op het laatste moment gestopt" is a near attempt, not a habit given up.
      (word === 'gestopt' && list[i - 1] !== 'moment') ||
      YOUTH.has(word) ||
      (word === 'high' && list[i + 1] === SCHOOL) ||
      ((word === 'geleden' || word === 'ago') && PAST_UNITS.has(list[i - 1] ?? '')) ||
      (word === 'used' && list[i + 1] === 'to') ||
      ((word === 'toen' || word === 'when') && I_WORDS.has(list[i + 1] ?? '') && /^\d+$/.test(list[i + 2] ?? '')) ||
      ((word === 'as' || word === 'als') && CHILD.has(list[i + 1] === 'a' ? (list[i + 2] ?? '') : (list[i + 1] ?? '')));
  }
  return past;
}

/** "ze vroeg of ik ooit aan zelfmoord had gedacht", "asked if I had ever…": a screening question reported. */
const ASKED = foldedSet('vroeg vraagt vragen gevraagd asked asks ask');
const EVER = foldedSet('ooit ever');
function screeningQuestion(list: readonly string[], index: number): boolean {
  let ever = false;
  for (let i = index - 1; i >= Math.max(0, index - SUBJECT_WINDOW); i -= 1) {
    work += 1;
    ever ||= EVER.has(list[i]);
    if (ASKED.has(list[i])) {
      return ever;
    }
  }
  return false;
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
  if (
    FIGURATIVE_BEFORE.has(clause.words[index - 1] ?? '') ||
    FIGURATIVE_AFTER.has(clause.words[index + 1] ?? '') ||
    ((classes[index - 1] | classes[index - 2] | classes[index - 3]) & DEVICE) !== 0
  ) {
    return mention('figurative');
  }
  if ((clause.present & TOPIC) !== 0) {
    return mention('topic');
  }
  if (screeningQuestion(clause.words, index)) {
    return mention('asked');
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

/** Every word a rule names literally (see spelling). */
const RULE_WORDS = new Set(RULES.flatMap((candidate) => candidate.steps.flatMap((step) => [...(step.words ?? [])])));

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
  if (candidate.category === 'suicidal' && afterOnceMore(clause)) {
    return { category: 'mention', rule: `${candidate.name}.once-more` };
  }
  if (
    candidate.personal ? someoneElseInside(clause, start, end, path, candidate.used) : someoneElse(clause, start, end)
  ) {
    return { category: 'mention', rule: `${candidate.name}.someone-else` };
  }
  if (aboutThePast(clause)) {
    return { category: 'mention', rule: `${candidate.name}.past` };
  }
  if (candidate.noun && (clause.present & TOPIC) !== 0) {
    return { category: 'mention', rule: `${candidate.name}.topic` };
  }
  const soft = SOFT_RULES.get(candidate.name);
  if (soft === 'cue') {
    cues.add(candidate.name);
    return null;
  }
  if (soft) {
    softFound.push({ category: candidate.category, rule: candidate.name });
    return null;
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
 * Steps of work the detector did since the last reset: every word read, every rule step tried at a
 * word, every word a backward or clause-wide scan visits. Lets a test check that the work grows linearly with the text
 * (no quadratic path) without timing anything; costs one increment per step.
 */
let work = 0;

/** Reads a text as findCrisis does and returns the steps of work it took (see `work`). */
export function countCrisisWork(text: string): number {
  work = 0;
  findCrisis(text);
  return work;
}

/** The same count for signalsDistress: the alert rules and the word families after them. */
export function countDistressWork(text: string): number {
  work = 0;
  signalsDistress(text);
  return work;
}

/** The words of the message being read and all their classes (set by findCrisis, for soft findings). */
let messageWords: ReadonlySet<string> = new Set();
let messageClasses = 0;
/** Soft findings and warning-sign cues met while reading the message (see SOFT_RULES). */
let softFound: CrisisFinding[] = [];
let cues = new Set<string>();

function messageHas(list: ReadonlySet<string>): boolean {
  for (const word of list) {
    work += 1;
    if (messageWords.has(word)) {
      return true;
    }
  }
  return false;
}

/** "see you", "tot morgen", a holiday or a move: the writer says when or where they are going. */
function saysWhenBack(clauses: readonly Clause[]): boolean {
  return clauses.some((clause) =>
    clause.words.some((word, i) => {
      work += 1;
      const next = clause.words[i + 1] ?? '';
      return AWAY.has(word) || (word === SEE && SEE_YOU.has(next)) || (word === 'tot' && UNTIL_WHEN.has(next));
    }),
  );
}

/** "my will" is a testament; "I will" is not. */
function namesMyWill(clauses: readonly Clause[]): boolean {
  return clauses.some((clause) =>
    clause.words.some((word, i) => ++work > 0 && word === WILL && (clause.classes[i - 1] & MY) !== 0),
  );
}

/** Whether a soft finding stands given the rest of the message (see SOFT_RULES). */
function softStands(clauses: readonly Clause[], kind: SoftKind | undefined): boolean {
  switch (kind) {
    case 'later':
      return !messageHas(LATER);
    case 'prepared':
      return !messageHas(LATER) && (messageHas(PREPARED) || (messageClasses & MEANS) !== 0 || namesMyWill(clauses));
    case 'method':
      return messageHas(METHOD) || (messageClasses & (DOOD | KILL | HANG | MEANS | SUICIDE)) !== 0;
    case 'wound':
      return (
        (messageHas(WOUND_WORDS) || (messageClasses & (WOUND | CUTNL | CUTEN)) !== 0) && !messageHas(ACCIDENT_BUT_DOORS)
      );
    case 'means':
      return (messageClasses & MEANS) !== 0;
    case 'bereaved':
      return messageHas(GRIEF);
    case 'relapse':
      return messageHas(RELAPSE);
    case 'date':
      return messageHas(DATES);
    case 'rope':
      return messageHas(HOOKS);
    case 'voices':
      return messageHas(VOICES);
    case 'cue':
    case undefined:
      return true;
  }
}

/**
 * Two or more different warning signs in one message (thanking everyone and "take care of each
 * other", a pet rehomed and the passwords written down, a sudden calm and "I know what to do now"):
 * one alone is everyday talk. Not when the message says when the writer is back, grieves someone or
 * says it is going better.
 */
function cuesStand(clauses: readonly Clause[]): boolean {
  return cues.size >= 2 && !saysWhenBack(clauses) && !messageHas(GRIEF) && !messageHas(RECOVERED);
}

export function findCrisis(text: string): CrisisFinding | null {
  message = text;
  laughing = undefined;
  softFound = [];
  cues = new Set();
  let best: CrisisFinding | null = null;
  let label: CrisisFinding | null = null;
  const clauses = clausesOf(text);
  const words = new Set<string>();
  messageClasses = 0;
  for (const clause of clauses) {
    clause.words.forEach((word) => words.add(word));
    messageClasses |= clause.present;
  }
  messageWords = words;
  for (const clause of clauses) {
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
  let found = label && best?.category === 'mention' ? best : stronger(best, label);
  // A goodbye alerts unless the message says when the writer is back ("see you Monday", "fijne
  // vakantie"); "ready to go" only beside a preparation (a letter, a will, sorted out); a wound "done
  // myself" only beside a wound; "not to die" only beside pills (see SOFT_RULES).
  const stands = new Map<SoftKind | undefined, boolean>();
  for (const soft of softFound) {
    const kind = SOFT_RULES.get(soft.rule);
    let standing = stands.get(kind);
    if (standing === undefined) {
      standing = softStands(clauses, kind);
      stands.set(kind, standing);
    }
    if (standing) {
      found = stronger(found, soft);
    }
  }
  if (found?.category !== 'suicidal' && cuesStand(clauses)) {
    found = { category: 'suicidal', rule: `warning-signs:${[...cues].sort().join('+')}` };
  }
  return found;
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

// ---------------------------------------------------------------------------------------------
// Distress: a second, deliberately broad tier that alerts nobody.
//
// The alert rules above catch about half of crisis messages in phrasing nobody here has seen, and
// widening them would alert moderators on bereavement and hyperbole. This tier only decides whether
// the writer privately sees the crisis lines (and, in a group, the "talk to someone now" button)
// beside the box; nothing is sent for it, so a false positive costs a glance. It is a bag of word
// families in a message that speaks in the first person (or names nobody: "wil gewoon weg"), plus a
// few two-word phrases within a clause; one pass over the words, no rule windows.
// ---------------------------------------------------------------------------------------------

/** Classes of the alert tier that are distress words in themselves: dying, suicide, hanging, vanishing, goodbyes. */
const DISTRESS_CLASSES = DOOD | SUICIDE | SELFHARM | HANG | VANISH | GOODBYE | KILL;
/** Classes about the body and the means, which also have an everyday reading (cooking, sport, a prescription). */
const HARM_CLASSES = CUTNL | CUTEN | WOUND | MEANS | PLACE | OBJECT;

const stems = (list: string) => list.split(/\s+/).filter(Boolean).map(foldWord);
/** Word beginnings of distress words: dying and being gone, hopelessness, burden, despair, voices. */
const DISTRESS_STEMS = stems(
  `dood dode sterf sterv stierf overlijd begrafenis uitvaart testament afscheid verdrink hopeloos hopeloz
   uitzichtloos uitzichtloz waardeloos waardeloz nutteloos nutteloz zinloos zinloz wanhop uitweg mislukkeling
   opgeven opgegeven overdosis zelfmoord wilsbeschikking ondraaglijk uitgeblust
   dying death funeral testament goodbye farewell overdos drown suffocat hopeless worthless useless pointless
   meaningless burden despair trapped unbearable suicid`,
);
/** Word beginnings about the body and the means: only without an everyday reading in the message. */
const HARM_STEMS = stems(
  `pillen slaappil medicijn medicatie opgespaard gespaard touw strop scheermes mesje bloed litteken brandwond blauwe
   krassen kerf straf pijn springen sprong gesprong bonk gebonkt knijp bijt krab overleef
   medication meds stockpil hoard rope noose knife knives blade razor scar blood bleed bruis burn punish hurt jump
   edge punch bite scratch survive`,
);
/** Whole words about the body and the means ("pill", not "pillow"; "pain", not "painting"). */
const HARM_WORDS = foldedSet('pill pills pain painful rand');
/** Whole words that are distress words only as themselves ("mes", not "messenger"; "die" only after a verb). */
const DISTRESS_WORDS = foldedSet(
  `dead mes messen last opgeven leeg leegte empty numb gone stemmen voices kys sh drang urge urges achterna voorgoed
   weggegeven weggeven expres opzettelijk deliberately purpose striemen knokkels knuckles ${[...RELAPSE].join(' ')}`,
);
/** "die" is also Dutch "that": it counts after these. */
const BEFORE_DIE = foldedSet('to i wanna gonna could should would just rather wil might id ill and or of gon');
/**
 * Two words in one clause, the second within four of the first: "no way out", "kan niet meer"
 * (with `end`: the second word ends the clause, so "ik kan niet meer slapen" is not one).
 */
const NOT = 'niet nie ni not never nooit dont wont cant geen no';
const DISTRESS_PAIRS: readonly { first: ReadonlySet<string>; second: ReadonlySet<string>; end: boolean }[] = [
  ['kan kon kunnen trek hou houd', 'meer verder', 'end'],
  ['cant cannot', 'go on anymore take cope keep', 'end'],
  ['no geen', 'way point uitweg reason reden hoop hope future toekomst wish'],
  [NOT, 'wakker wake opsta opstaan terug here around alive exist besta bestaan verdien deserve leven live'],
  [NOT, 'volhoud volhouden aan'],
  ['meer', 'leven leef bestaan besta nodig'],
  ['slapen sleep', 'altijd forever'],
  ['bedankt bedanken dank merci thanks thank', 'alles everything everyone iedereen allemaal'],
  ['sorry spijt', 'alles everything'],
  ['alles everything', 'geregeld sorted arranged opgelost stopt stop ophoudt'],
  ['beter better', 'zonder without af off'],
  ['er', 'niet nie zijn'],
  ['weg away', 'zijn wezen be'],
  ['give geef gaf giving gave given', 'up op away'],
  ['tot', 'last'],
  ['a', 'burden'],
  ['kat hond cat dog', 'buren neighbours neighbors'],
  ['mezelf myself mijzelf', 'pijn hurt straffen punish'],
  ['hear hoor', 'voices stemmen'],
  ['eind einde end', 'aan maken it my leven life alles'],
  ['ending end', 'it'],
  ['punt', 'achter leven'],
  ['whats wat', 'point punt'],
  ['uit', 'leven'],
  ['leven life', 'zin'],
  ['klaar done', 'leven life alive being'],
  ['over voorbij', 'soon'],
  ['bijna binnenkort', 'voorbij opgelost over'],
  ['eindelijk ineens weirdly suddenly finally', 'rustig calm rust peace'],
  ['at', 'peace'],
  ['hoe how', 'hoog high'],
  ['voor onder front', 'trein train bus auto car truck vrachtwagen tram metro'],
  ['niks nothing niets', 'meer keeping left leven live'],
  ['hier here', 'zoeken'],
  ['hoop hope', 'ongeluk accident'],
  ['zonder without', 'mij me'],
  ['zie', 'zitten', 'end'],
  ['wrote written geschreven schreef', 'note notes letter letters brief briefje brieven'],
  ['sla slaan sloeg geslagen klop bonk gebonkt punch punched hit bang banged knijp', 'muur wall mezelf myself'],
  ['hoofd kop head', 'muur wall'],
  ['weken maanden dagen weeks months days jaar years', 'clean'],
  ['join', 'him her them'],
  ['blok', 'been'],
].map(([first, second, end]) => ({ first: foldedSet(first), second: foldedSet(second), end: end === 'end' }));
/** An everyday reading of the body and means words: an accident, a prescription, a haircut, a notary. */
const HARM_EVERYDAY = [
  // A Dutch "door" is "because of" ("gesneden door de stress"), no door at all.
  ACCIDENT_BUT_DOORS,
  NOTARY,
  ERRAND,
  ROPE_USE,
  AWAY,
  foldedSet(
    `voorgeschreven voorschrift prescribed hoofdpijn headache koorts fever griep flu dokter arts huisarts doctor
     apotheker pharmacist operatie operation surgery ontbijt breakfast diabetes hair kapper kapsel nagels nails gras
     grass vlees meat taart cake lifting tillen`,
  ),
];
/** An everyday reading of the quiet phrases: a holiday, an exam, a job or a relationship ending, a joke. */
const SOFT_EVERYDAY = [
  AWAY,
  NOTARY,
  foldedSet(
    `tomorrow morgen volgende next weekend lol haha lmao hersteld recovered recovery healed exam examen studie
     opleiding les shift project gym trip vergadering meeting relatie relationship vriendschap friendship contract`,
  ),
];

/** Stems by their first three letters, so a word is compared with a handful of them, not all. */
function stemIndex(list: readonly string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const stem of list) {
    index.set(stem.slice(0, 3), [...(index.get(stem.slice(0, 3)) ?? []), stem]);
  }
  return index;
}
const DISTRESS_STEM_INDEX = stemIndex(DISTRESS_STEMS);
const HARM_STEM_INDEX = stemIndex(HARM_STEMS);

function startsWithAny(word: string, index: ReadonlyMap<string, readonly string[]>): boolean {
  return index.get(word.slice(0, 3))?.some((stem) => word.startsWith(stem)) ?? false;
}

/**
 * Whether the writer's own words sound like distress: broad on purpose, for showing the crisis lines
 * privately beside the box (never an alert). True whenever `signalsCrisis` is.
 */
export function signalsDistress(text: string): boolean {
  return signalsCrisis(text) || soundsDistressed(text);
}

/** The word families alone, without the alert rules (see signalsDistress). */
function soundsDistressed(text: string): boolean {
  let personal = false;
  let others = false;
  let distress = false;
  let soft = false;
  let harm = false;
  const clauses = clausesOf(text);
  for (const clause of clauses) {
    personal ||= (clause.present & PERSONAL) !== 0;
    others ||= (clause.present & (THIRD | YOU)) !== 0;
    const { words: tokens, classes } = clause;
    for (let i = 0; i < tokens.length; i += 1) {
      work += 1;
      const word = tokens[i];
      if ((classes[i - 1] & NEG) !== 0 && (classes[i] & MORE) === 0) {
        continue;
      }
      if (
        (classes[i] & DISTRESS_CLASSES) !== 0 ||
        DISTRESS_WORDS.has(word) ||
        startsWithAny(word, DISTRESS_STEM_INDEX) ||
        (word === 'die' && BEFORE_DIE.has(tokens[i - 1] ?? ''))
      ) {
        distress = true;
      } else if ((classes[i] & HARM_CLASSES) !== 0 || HARM_WORDS.has(word) || startsWithAny(word, HARM_STEM_INDEX)) {
        harm = true;
      } else if (word === WILL && (classes[i - 1] & MY) !== 0) {
        soft = true;
      }
      for (const pair of DISTRESS_PAIRS) {
        if (pair.first.has(word)) {
          const last = Math.min(i + 4, tokens.length - 1);
          for (let j = pair.end ? last : i + 1; j <= last; j += 1) {
            work += 1;
            soft ||= pair.second.has(tokens[j]) && (!pair.end || j === tokens.length - 1);
          }
        }
      }
    }
  }
  if (!(personal || !others)) {
    return false;
  }
  const everyday = (lists: readonly ReadonlySet<string>[]) =>
    clauses.some((clause) => lists.some((list) => hasAny(clause, list)));
  return distress || (soft && !everyday(SOFT_EVERYDAY)) || (harm && !everyday(HARM_EVERYDAY));
}
