/**
 * Crisis language: phrases that signal suicidal intent or self-harm, in Dutch and English.
 * Reviewed list: add a phrase only with a reason, and add a test case for it (and one everyday
 * phrase it must not catch) in crisis-detection.spec.ts. Admins extend it at run time with
 * site-wide watched words whose action is `crisis`. Matching ignores case and accents and matches
 * whole words; a trailing `*` matches word endings.
 *
 * Deliberately absent: "dood" / "doodmoe" / "killing me" / "I could die" and other everyday
 * hyperbole — people in crisis are helped by precision, and false alarms wear moderators out.
 */
export const CRISIS_PHRASES: readonly string[] = [
  // Dutch — suicidal intent
  'zelfmoord plegen',
  'zelfmoord te plegen',
  'zelfmoord doen',
  'zelfmoordgedachte*',
  'aan zelfmoord',
  'suicide plegen',
  'suïcidaal',
  'suicidaal',
  'mezelf van het leven beroven',
  'een einde aan mijn leven',
  'einde aan mijn leven maken',
  'mijn leven beëindigen',
  'er een einde aan maken',
  'ik wil niet meer leven',
  'wil niet meer leven',
  'ik wil dood',
  'ik wil er niet meer zijn',
  'wil er niet meer zijn',
  // The same after a fronted word, where Dutch puts the verb before "ik": "eerlijk gezegd wil ik …"
  'wil ik niet meer leven',
  'wil ik er niet meer zijn',
  'wil ik dood',
  'ik zie het niet meer zitten',
  'ik maak er een eind aan',
  'ik maak er een einde aan',
  'mezelf ophangen',
  'voor de trein springen',
  'voor de trein te springen',
  'pillen innemen om',
  'afscheidsbrief',
  'niemand zal me missen',
  'beter af zonder mij',
  // Dutch — self-harm
  'mezelf snijden',
  'mezelf te snijden',
  'ik snij mezelf',
  'ik snijd mezelf',
  'zelfbeschadiging',
  'mezelf pijn doen',
  'mezelf iets aandoen',
  'mezelf wat aandoen',
  // English — suicidal intent
  'kill myself',
  'killing myself',
  'end my life',
  'ending my life',
  'take my own life',
  'want to die',
  'wanna die',
  'suicidal',
  'commit suicide',
  'suicide note',
  'better off without me',
  'no reason to live',
  'don t want to live',
  'dont want to live',
  'do not want to live',
  'don t want to be alive',
  'end it all',
  'hang myself',
  'overdose on',
  // English — self-harm
  'cut myself',
  'cutting myself',
  'hurt myself',
  'hurting myself',
  'self harm',
  'self-harm',
  'harm myself',
];
