import type { Dictionary } from './en.js';

/** Het Nederlandse woordenboek: precies de sleutels van `en.ts` (een ontbrekende sleutel is een typefout). */
export const nl: Dictionary = {
  'app.name': 'Kring',
  'app.tagline': 'Zelfhulpgroepen online, anoniem en gemodereerd',

  'skip.toMain': 'Naar de inhoud',
  'nav.label': 'Hoofdmenu',
  'nav.home': 'Start',
  'nav.groups': 'Groepen',
  'nav.help': 'Hulp nu',
  'nav.account': 'Je account',
  'nav.login': 'Inloggen',
  'nav.register': 'Account maken',
  'nav.logout': 'Uitloggen',
  'nav.tools': 'Taal en privacy',

  'lang.other': 'English',
  'lang.switchHint': 'Toon Kring in het Engels',
  'lang.changed': 'Kring wordt nu in het Nederlands getoond.',

  'quickExit.label': 'Snel weg',
  'quickExit.hint': 'Verlaat deze site meteen voor een neutrale pagina. Je kunt ook twee keer op Esc drukken.',

  'discreet.label': 'Discreet',
  'discreet.hint':
    'Discrete modus: een neutrale titel en een neutraal icoon in het browsertabblad, en maar één item voor deze site in je browsergeschiedenis.',
  'discreet.title': 'Notities',
  'discreet.on': 'De discrete modus staat aan.',
  'discreet.off': 'De discrete modus staat uit.',

  'footer.crisisLead': 'In crisis?',
  'footer.crisisBe': 'België: bel {number}',
  'footer.crisisNl': 'Nederland: bel {number}',
  'footer.emergency': 'Noodgeval: {number}',
  'footer.moreHelp': 'Meer hulp',
  'footer.peerSupport': 'Kring is steun van lotgenoten, geen professionele hulp.',

  'crisis.heading': 'Heb je nu hulp nodig?',
  'crisis.intro':
    'Denk je aan zelfdoding, of maak je je zorgen om iemand? Praat er nu over met iemand. Deze lijnen zijn anoniem en dag en nacht bereikbaar.',
  'crisis.belgium': 'België',
  'crisis.netherlands': 'Nederland',
  'crisis.call': 'Bel {number}',
  'crisis.chat': 'Chat of lees meer op {site}',
  'crisis.free': 'gratis',
  'crisis.frenchSpeaking': 'in het Frans',
  'crisis.emergencyLead': 'In direct gevaar?',

  'home.title': 'Welkom',
  'home.heading': 'Een plek om lotgenoten te ontmoeten',
  'home.intro':
    'Kring is een online thuis voor zelfhulpgroepen. Mensen met hetzelfde probleem ontmoeten elkaar hier onder een naam die ze zelf kiezen, lezen elkaars verhalen en helpen elkaar. Vrijwilligers uit de groep zelf houden elke groep veilig.',
  'home.anonymity':
    'Je hebt alleen een loginnaam en een wachtwoord nodig: geen e-mailadres, geen telefoonnummer, geen echte naam. Niemand anders ziet ooit je loginnaam. In elke groep verschijn je onder een naam die je voor die groep kiest.',
  'home.confidential': 'Wat in een groep gezegd wordt, blijft in de groep.',
  'home.start': 'Account maken',
  'home.login': 'Inloggen',
  'home.groups': 'Bekijk de groepen',
  'home.account': 'Je account',
  'home.safetyHeading': 'Je veiligheid',
  'home.safetyQuickExit':
    'Moet je snel weg? Gebruik de knop “Snel weg” bovenaan elke pagina, of druk twee keer op Esc. Kring wordt meteen vervangen door een neutrale pagina.',
  'home.safetyDiscreet':
    'Met “Discreet” aan toont het browsertabblad een neutrale titel en een neutraal icoon in plaats van die van Kring.',
  'home.safetyCrisis': 'In crisis? Bekijk wie je nu kunt bellen',

  'register.title': 'Account maken',
  'register.intro':
    'Geen e-mailadres, telefoonnummer of echte naam nodig. Kies een loginnaam die alleen jij kent: hij wordt aan niemand getoond.',
  'register.loginName': 'Loginnaam',
  'register.loginNameHint':
    '3 tot 32 tekens: letters a–z, cijfers en _ . - Gebruik niet je naam, je e-mailadres of je telefoonnummer.',
  'register.password': 'Wachtwoord',
  'register.passwordHint':
    'Minstens {min} tekens. Een paar woorden die niets met elkaar te maken hebben, vormen een sterk wachtwoord dat je makkelijk onthoudt.',
  'register.submit': 'Account maken',
  'register.haveAccount': 'Heb je al een account?',
  'register.loginLink': 'Inloggen',

  'codes.title': 'Je herstelcodes',
  'codes.intro':
    'Je account is gemaakt. Deze {count} codes zijn de enige manier om er weer in te komen als je je wachtwoord vergeet: herstellen via e-mail bestaat niet. Elke code werkt één keer.',
  'codes.once': 'We tonen ze alleen nu. Schrijf ze op papier, of bewaar ze in een wachtwoordbeheerder.',
  'codes.listLabel': 'Herstelcodes',
  'codes.copy': 'Kopieer de codes',
  'codes.copied': 'De codes zijn gekopieerd.',
  'codes.copyFailed': 'Kopiëren lukte niet. Schrijf de codes op.',
  'codes.saved': 'Ik heb mijn herstelcodes op een veilige plek bewaard.',
  'codes.savedRequired': 'Vink dit vakje aan zodra je de codes bewaard hebt.',
  'codes.continue': 'Verder',
  'codes.ready': 'Je account is klaar. Log in met je loginnaam en wachtwoord.',

  'login.title': 'Inloggen',
  'login.loginName': 'Loginnaam',
  'login.password': 'Wachtwoord',
  'login.submit': 'Inloggen',
  'login.memoryNote': 'Voor je privacy vergeet Kring je login zodra je deze pagina sluit of herlaadt.',
  'login.continueNote': 'Log in om verder te gaan.',
  'login.forgot': 'Wachtwoord vergeten?',
  'login.recoverLink': 'Gebruik een herstelcode',
  'login.new': 'Nieuw hier?',
  'login.registerLink': 'Account maken',

  'recover.title': 'Een herstelcode gebruiken',
  'recover.intro':
    'Vul je loginnaam in, een van je herstelcodes en een nieuw wachtwoord. De code is daarna opgebruikt, en je wordt op elk ander toestel uitgelogd.',
  'recover.loginName': 'Loginnaam',
  'recover.code': 'Herstelcode',
  'recover.codeHint': 'Een van de codes die je bewaard hebt toen je je account maakte, zoals abcd-efgh-jkmn-pqrs.',
  'recover.newPassword': 'Nieuw wachtwoord',
  'recover.submit': 'Nieuw wachtwoord instellen',
  'recover.done': 'Je wachtwoord is gewijzigd. Die herstelcode is nu opgebruikt; de andere werken nog.',

  'account.title': 'Je account',
  'account.loginName': 'Loginnaam',
  'account.loginNameNote': 'Alleen jij ziet dit.',
  'account.role': 'Rol',
  'account.roleMember': 'Lid',
  'account.roleAdmin': 'Beheerder',
  'account.since': 'Lid sinds',
  'account.securityHeading': 'Wachtwoord en login',
  'account.changePassword': 'Wijzig je wachtwoord',
  'account.logout': 'Uitloggen',
  'account.logoutEverywhere': 'Uitloggen op alle toestellen',
  'account.deleteHeading': 'Kring verlaten',
  'account.deleteLink': 'Verwijder je account',
  'account.loading': 'Je account wordt geladen…',

  'password.title': 'Je wachtwoord wijzigen',
  'password.intro': 'Na de wijziging blijf je hier ingelogd; op elk ander toestel word je uitgelogd.',
  'password.current': 'Huidig wachtwoord',
  'password.new': 'Nieuw wachtwoord',
  'password.submit': 'Wachtwoord wijzigen',
  'password.done': 'Je wachtwoord is gewijzigd. Andere toestellen zijn uitgelogd.',
  'password.reloginFailed': 'Je wachtwoord is gewijzigd. Log opnieuw in met het nieuwe wachtwoord.',

  'delete.title': 'Je account verwijderen',
  'delete.intro': 'Dit verwijdert meteen en voorgoed:',
  'delete.itemLogin': 'je loginnaam en wachtwoord;',
  'delete.itemCodes': 'je herstelcodes;',
  'delete.itemSessions': 'elke login, op elk toestel;',
  'delete.itemGroups':
    'je lidmaatschap van elke groep, je naam in elke groep, en alles wat je daar geschreven of gedaan hebt: berichten, antwoorden, chatberichten, reacties.',
  'delete.final':
    'Niemand kan dit ongedaan maken, ook een beheerder niet, en er wordt niets bewaard om het later terug te zetten. Kom je terug, dan begin je met een nieuw account.',
  'delete.password': 'Je wachtwoord, ter bevestiging',
  'delete.submit': 'Mijn account voorgoed verwijderen',
  'delete.cancel': 'Mijn account houden',
  'delete.done': 'Je account is verwijderd. Alles wat erin zat, is weg.',

  'logout.done': 'Je bent uitgelogd.',
  'logout.everywhereDone': 'Je bent uitgelogd op alle toestellen.',

  'groups.title': 'Groepen',
  'groups.intro': 'Elke groep gaat over één onderwerp. Lees de beschrijving en de belofte voor je lid wordt.',
  'groups.loading': 'De groepen worden geladen…',
  'groups.notYet': 'De lijst met groepen gaat binnenkort open. Groepen verschijnen hier zodra ze starten.',
  'groups.empty': 'Er zijn nog geen groepen.',
  'groups.loginNeeded': 'Log in om de groepen te zien.',
  'groups.members': '{count} leden',
  'groups.oneMember': '1 lid',
  'groups.language': 'Taal: {language}',
  'groups.closed': 'Besloten groep: lid worden kan pas na goedkeuring door een moderator.',
  'groups.open': 'Open groep',
  'groups.forRelatives': 'Voor naasten',
  'groups.languageNl': 'Nederlands',
  'groups.languageEn': 'Engels',

  'group.title': 'Groep',
  'group.notYet': 'Lid worden van een groep, het forum en de chat openen hier binnenkort.',
  'group.back': 'Terug naar de groepen',

  'help.title': 'Hulp nu',
  'help.peerNote':
    'Kring is steun van lotgenoten. De mensen hier zijn geen artsen of hulpverleners. Heb je professionele hulp nodig, of is het dringend, neem dan contact op met een van de lijnen hierboven.',
  'help.safetyHeading': 'Snel weggaan en discreet blijven',
  'help.quickExit':
    'De knop “Snel weg” op elke pagina, of twee keer Esc, vervangt Kring meteen door een neutrale pagina, in hetzelfde item van je browsergeschiedenis: met “Terug” kom je niet terug op de pagina waar je was.',
  'help.discreet':
    'Met “Discreet” aan toont het browsertabblad een neutrale titel en een neutraal icoon, en voegt rondkijken in Kring geen extra items toe aan je browsergeschiedenis.',
  'help.memory':
    'Kring houdt je login alleen bij in het geheugen van deze pagina: sluit of herlaad je ze, dan ben je uitgelogd. Niets wat je schrijft, wordt in je browser bewaard.',

  'error.title': 'Er ging iets mis',
  'notFound.title': 'Pagina niet gevonden',
  'notFound.text': 'Deze pagina bestaat niet.',
  'notFound.home': 'Naar de startpagina',

  'form.fixErrors': 'Een paar velden moeten nog aangepast worden.',
  'form.showPassword': 'Wachtwoord tonen',
  'form.busy': 'Even geduld…',

  'error.network': 'Kring is niet bereikbaar. Controleer je verbinding en probeer opnieuw.',
  'error.internal': 'Er ging bij ons iets mis. Probeer het zo meteen opnieuw.',
  'error.internalRef': 'Er ging bij ons iets mis. Probeer het zo meteen opnieuw. Referentie: {reference}',
  'error.rateLimited': 'Te veel pogingen. Wacht {seconds} seconden en probeer opnieuw.',
  'error.invalidCredentials': 'Deze loginnaam en dit wachtwoord horen niet bij elkaar.',
  'error.wrongPassword': 'Het wachtwoord klopt niet.',
  'error.invalidRecoveryCode': 'Deze loginnaam en deze herstelcode horen niet bij elkaar.',
  'error.sessionEnded': 'Je sessie is afgelopen. Log opnieuw in.',
  'error.unauthorized': 'Je moet ingelogd zijn.',
  'error.forbidden': 'Je hebt hier geen toegang toe.',
  'error.notFound': 'Dit is niet gevonden.',
  'error.tooLarge': 'Dit is te lang om te versturen.',
  'error.unavailable': 'Kring is druk bezet of in onderhoud. Probeer het zo meteen opnieuw.',

  'validation.loginNameRequired': 'Kies een loginnaam.',
  'validation.loginNameEnter': 'Vul je loginnaam in.',
  'validation.loginNameEmail':
    'Dit lijkt op een e-mailadres. Kies een naam die niet naar jou leidt: niemand mag je erdoor kunnen vinden.',
  'validation.loginNamePhone':
    'Dit lijkt op een telefoonnummer. Kies een naam die niet naar jou leidt: niemand mag je erdoor kunnen vinden.',
  'validation.loginNamePattern': 'Gebruik 3 tot 32 tekens: letters a–z, cijfers, en _ . -',
  'validation.loginNameTaken': 'Deze loginnaam is al in gebruik. Kies een andere.',
  'validation.passwordRequired': 'Kies een wachtwoord.',
  'validation.passwordEnter': 'Vul je wachtwoord in.',
  'validation.passwordTooShort': 'Gebruik minstens {min} tekens.',
  'validation.passwordTooLong':
    'Gebruik hoogstens {max} bytes (ongeveer {max} letters; letters met accenten en emoji tellen dubbel of meer).',
  'validation.passwordCommon': 'Dit wachtwoord is een van de meest gebruikte en makkelijk te raden. Kies een ander.',
  'validation.recoveryCodeEnter': 'Vul een van je herstelcodes in.',
  'validation.notAccepted': 'Dit veld wordt niet aanvaard.',
  'validation.invalid': 'Dit is niet geldig.',
};
