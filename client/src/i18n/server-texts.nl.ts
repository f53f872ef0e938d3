import type { ServerTextCode } from '../../../src/contracts/server-texts.js';

/** De zinnen van de server in het Nederlands (src/contracts/server-texts.ts); de spec loopt beide lijsten na. */
export const serverTextsNl: Readonly<Record<ServerTextCode, string>> = {
  'notice.hide': 'Een moderator heeft iets wat je schreef uit beeld gehaald.',
  'notice.restore': 'Een moderator heeft iets wat je schreef weer zichtbaar gemaakt.',
  'notice.delete': 'Een moderator heeft iets wat je schreef verwijderd.',
  'notice.lock': 'Een moderator heeft je gesprek gesloten: er kunnen geen antwoorden meer bij.',
  'notice.unlock': 'Een moderator heeft je gesprek weer geopend.',
  'notice.pin': 'Een moderator heeft je gesprek bovenaan vastgezet.',
  'notice.unpin': 'Een moderator heeft je gesprek niet langer bovenaan vastgezet.',
  'notice.warn':
    'Een moderator geeft je een waarschuwing. We willen dat deze groep veilig blijft voor iedereen, ook voor jou.',
  'notice.mute': 'Een moderator heeft je voor {minutes} minuten het woord ontnomen in de chat van de groep.',
  'notice.muteOne': 'Een moderator heeft je voor een minuut het woord ontnomen in de chat van de groep.',
  'notice.unmute': 'Een moderator heeft je het woord in de chat teruggegeven.',
  'notice.suspend': 'Een moderator heeft je lidmaatschap van deze groep voor {days} dagen geschorst.',
  'notice.suspendOne': 'Een moderator heeft je lidmaatschap van deze groep voor een dag geschorst.',
  'notice.unsuspend': 'Een moderator heeft je schorsing opgeheven.',
  'notice.remove': 'Een moderator heeft je uit deze groep verwijderd.',
  'notice.reportHandled': 'Dank je voor je melding. Een moderator heeft ze bekeken en afgehandeld.',
  'notice.worry':
    'Iemand in deze groep maakt zich zorgen om je en vroeg ons even bij je te informeren. Hoe gaat het met je? Als het zwaar is: je hoeft het niet alleen te dragen. Hieronder staan lijnen die dag en nacht luisteren.',
  'notice.crisis':
    'We lazen je bericht en willen dat je weet dat er hulp is, nu meteen. Bel een van de lijnen hieronder: ze luisteren dag en nacht. Een vrijwilliger van Kring leest je bericht zodra er een is.',
  'notice.crisisWords':
    'Wat je schreef maakt ons ongerust, en we willen dat je weet dat er hulp is, nu meteen. Bel een van de lijnen hieronder: ze luisteren dag en nacht. Een vrijwilliger van Kring komt naar je toe zodra er een is.',
  'notice.crisisAsk':
    'Je vroeg om iemand om mee te praten. Er is nu meteen hulp: bel een van de lijnen hieronder, ze luisteren dag en nacht. Een vrijwilliger van Kring komt naar je toe zodra er een is.',
  'notice.appealGranted.moderator': 'Een andere moderator heeft je bezwaar aanvaard: de ingreep is ongedaan gemaakt.',
  'notice.appealGranted.admin': 'Een beheerder heeft je bezwaar aanvaard: de ingreep is ongedaan gemaakt.',
  'notice.appealGranted.responder': 'Een crisisvrijwilliger heeft je bezwaar aanvaard: de ingreep is ongedaan gemaakt.',
  'notice.appealKept.moderator': 'Een andere moderator heeft je bezwaar bekeken en de ingreep behouden.',
  'notice.appealKept.admin': 'Een beheerder heeft je bezwaar bekeken en de ingreep behouden.',
  'notice.appealKept.responder': 'Een crisisvrijwilliger heeft je bezwaar bekeken en de ingreep behouden.',
  'crisis.help':
    'Het klinkt alsof je het heel zwaar hebt. Je hoeft dit niet alleen te dragen: praat er vandaag nog over met iemand. Deze lijnen zijn er dag en nacht, gratis en anoniem.',

  'audit.appointed': 'Aangesteld als moderator',
  'audit.dismissed': 'Geen moderator meer',
  'audit.applicationDeclined': 'Aanmelding als moderator geweigerd',
  'audit.firstModerator': 'Eerste moderator: stelde deze groep voor',
  'audit.steppedDown': 'Gestopt als moderator',
  'audit.paused': 'Neemt even pauze van het modereren',
  'audit.resumed': 'Terug van een pauze',
  'audit.claimedCase': 'Nam item {case} uit de wachtrij op zich',
  'audit.support.offered.moderator': 'Steungesprek {chat}: aangeboden door een moderator',
  'audit.support.offered.crisis_responder': 'Steungesprek {chat}: aangeboden door een crisisvrijwilliger',
  'audit.support.accepted': 'Steungesprek {chat}: aanvaard door het lid',
  'audit.support.declined': 'Steungesprek {chat}: afgeslagen door het lid',
  'audit.support.closed.member': 'Steungesprek {chat}: gesloten door het lid',
  'audit.support.closed.moderator': 'Steungesprek {chat}: gesloten door de moderator',
  'audit.support.closed.crisis_responder': 'Steungesprek {chat}: gesloten door de crisisvrijwilliger',
  'audit.word.block': 'Woord dat een tekst laat weigeren: {phrase}',
  'audit.word.hold': 'Woord dat een tekst laat nakijken door een moderator: {phrase}',
  'audit.word.crisis': 'Woord dat een crisismelding geeft: {phrase}',
  'audit.groupFields': 'Gewijzigd: {fields}',
  'audit.groupSettings': 'Instellingen: {settings}',
  'audit.infoPage': 'Informatiepagina gewijzigd: {fields}',
  'audit.pairedWith': 'Gekoppeld aan {group}',
  'audit.pairingEnded': 'Koppeling beëindigd',
  'audit.referralCode': 'Verwijscode: {uses} keer te gebruiken, {days} dag(en) geldig',

  'crisisAudit.asked': 'Het lid vroeg om iemand om mee te praten',
  'crisisAudit.contextOpened': 'Opende de context van een crisismelding',
  'crisisAudit.claimed': 'Nam de melding op',
  'crisisAudit.released': 'Gaf de melding weer vrij',
  'crisisAudit.autoReleased.responderBanned': 'Vanzelf vrijgegeven: de crisisvrijwilliger werd van Kring geweerd',
  'crisisAudit.autoReleased.responderRevoked': 'Vanzelf vrijgegeven: de crisisvrijwilliger werd ingetrokken',
  'crisisAudit.autoReleased.responderInactive': 'Vanzelf vrijgegeven: de crisisvrijwilliger is niet meer actief',
  'crisisAudit.autoReleased.responderDeleted':
    'Vanzelf vrijgegeven: het account van de crisisvrijwilliger werd verwijderd',
  'crisisAudit.autoReleased.moderatorBanned':
    'Vanzelf vrijgegeven: de moderator van de groep die de melding had, werd van Kring geweerd (het logboek van de groep noemt wie ze opnam)',
  'crisisAudit.autoReleased.moderatorNotMember':
    'Vanzelf vrijgegeven: de moderator van de groep die de melding had, is geen lid meer (het logboek van de groep noemt wie ze opnam)',
  'crisisAudit.autoReleased.moderatorLeft':
    'Vanzelf vrijgegeven: de moderator van de groep die de melding had, verliet de groep of werd eruit verwijderd (het logboek van de groep noemt wie ze opnam)',
  'crisisAudit.autoReleased.moderatorDismissed':
    'Vanzelf vrijgegeven: de moderator van de groep die de melding had, is geen moderator meer (het logboek van de groep noemt wie ze opnam)',
  'crisisAudit.autoReleased.moderatorSuspended':
    'Vanzelf vrijgegeven: de moderator van de groep die de melding had, werd geschorst (het logboek van de groep noemt wie ze opnam)',
  'crisisAudit.autoReleased.moderatorPaused':
    'Vanzelf vrijgegeven: de moderator van de groep die de melding had, nam een pauze van het modereren (het logboek van de groep noemt wie ze opnam)',
  'crisisAudit.autoReleased.moderatorInactive':
    'Vanzelf vrijgegeven: de moderator van de groep die de melding had, is geen actieve moderator meer (het logboek van de groep noemt wie ze opnam)',
  'crisisAudit.groupFromProposal': 'Groep "{group}" gemaakt op voorstel van een lid',
  'crisisAudit.offlineImported':
    'Groepen die in het echt samenkomen geïmporteerd: {created} toegevoegd, {updated} bijgewerkt, {removed} verwijderd',
  'crisisAudit.adminGranted': 'Beheerdersrol gegeven aan een account',

  'offlineCsv.notUtf8':
    'Het bestand bevat tekens die niet te lezen zijn: het is niet als UTF-8 bewaard. Bewaar het als "CSV UTF-8" en importeer het opnieuw.',
  'offlineCsv.unreadable': 'Rij {row}: vanaf hier is het bestand niet als CSV te lezen; kijk de aanhalingstekens na.',
  'offlineCsv.empty': 'Rij {row}: het bestand is leeg.',
  'offlineCsv.noRows': 'Rij {row}: onder de kopregel staan geen rijen.',
  'offlineCsv.tooManyRows': 'Rij {row}: importeer hoogstens {max} rijen tegelijk.',
  'offlineCsv.tooManyCells': 'Rij {row}: deze rij heeft {cells} cellen; de kopregel noemt er {columns}.',
  'offlineCsv.unknownColumn':
    'Rij {row}, kolom "{column}": onbekende kolom. Gebruik naam, thema, categorie, gemeente, ritme, contact (en doelgroep, taal).',
  'offlineCsv.missingColumn': 'Rij {row}: de kolom "{column}" ontbreekt.',
  'offlineCsv.fillIn': 'Rij {row}, kolom {column}: vul dit in.',
  'offlineCsv.plainText': 'Rij {row}, kolom {column}: gebruik gewone tekst.',
  'offlineCsv.oneLine': 'Rij {row}, kolom {column}: gebruik één regel gewone tekst.',
  'offlineCsv.tooLong': 'Rij {row}, kolom {column}: gebruik hoogstens {max} tekens.',
  'offlineCsv.category':
    'Rij {row}, kolom {column}: gebruik psychisch, lichamelijk, verslaving, sociaal of naasten (of psychological, physical, addiction, social, relatives).',
  'offlineCsv.audience': 'Rij {row}, kolom {column}: gebruik lotgenoten of naasten (leeg: lotgenoten).',
  'offlineCsv.language': 'Rij {row}, kolom {column}: gebruik nl of en (leeg: nl).',
  'offlineCsv.duplicate': 'Rij {row}, kolom {column}: dezelfde naam en gemeente als rij {first}.',

  'error.handled.case': 'Deze melding is al afgehandeld.',
  'error.handled.caseHasSupport': 'Voor deze melding loopt al een steungesprek met een andere vrijwilliger.',
  'error.handled.isModerator': 'Dit lid is al moderator.',
  'error.handled.isNoModerator': 'Dit lid is geen moderator.',
  'error.handled.youAreModerator': 'Je bent al moderator.',
  'error.handled.applicationWaiting': 'Je aanmelding wacht nog op een beheerder.',
  'error.handled.application': 'Over deze aanmelding is al beslist.',
  'error.handled.steppedDown': 'Je bent al gestopt als moderator.',
  'error.handled.pause': 'Je neemt al pauze.',
  'error.handled.return': 'Je bent al terug.',
  'error.handled.entry': 'Dit item is al afgehandeld.',
  'error.handled.entryClaimedByModerator': 'Een andere moderator heeft dit item al opgenomen.',
  'error.handled.entryClaimedByResponder': 'Een crisisvrijwilliger heeft dit item al opgenomen.',
  'error.handled.ban': 'Dit account is al van Kring geweerd.',
  'error.handled.itemHidden': 'Dit is al verborgen.',
  'error.handled.itemDeleted': 'Dit is verwijderd.',
  'error.handled.itemVisible': 'Dit is al zichtbaar.',
  'error.handled.itemDeletedAlready': 'Dit is al verwijderd.',
  'error.handled.thread.lock': 'Dit gesprek is al gesloten.',
  'error.handled.thread.unlock': 'Dit gesprek is al open.',
  'error.handled.thread.pin': 'Dit gesprek staat al bovenaan vast.',
  'error.handled.thread.unpin': 'Dit gesprek staat niet bovenaan vast.',
  'error.handled.notMuted': 'Dit lid heeft het woord in de chat niet verloren.',
  'error.handled.notSuspended': 'Dit lid is niet geschorst.',
  'error.handled.removed': 'Dit lid is al verwijderd.',
  'error.handled.appealedBefore': 'Je hebt al bezwaar gemaakt tegen deze ingreep: dat kan één keer.',
  'error.handled.appeal': 'Over dit bezwaar is al beslist.',
  'error.handled.isResponder': 'Dit lid is al crisisvrijwilliger.',
  'error.handled.responderRevoked': 'Deze aanstelling is al ingetrokken.',
  'error.handled.proposalWaiting': 'Je voorstel wacht nog op een moderator.',
  'error.handled.proposal': 'Over dit voorstel is al beslist.',
  'error.handled.crisisCaseTaken': 'Een andere vrijwilliger heeft deze melding al.',
  'error.notAllowed.selfAction': 'Als moderator kun je geen maatregel tegen jezelf nemen.',
  'error.notAllowed.adminBan': 'Een beheerdersaccount kun je niet weren; neem eerst de beheerdersrol af.',
  'error.notAllowed.ownAction':
    'Jij nam deze maatregel: een andere moderator, een crisisvrijwilliger of een beheerder beslist over het bezwaar.',
  'error.notAllowed.ownSanction': 'Dit bezwaar gaat over een maatregel tegen jou: iemand anders beslist erover.',
  'error.notAllowed.appealNotForResponder':
    'Dit bezwaar wacht niet op een crisisvrijwilliger: de moderatoren van de groep beslissen erover.',
  'error.notAllowed.notYourClaim': 'Alleen de vrijwilliger die deze melding opnam, kan dit doen.',
  'error.notAllowed.adminsClaimAsResponders':
    'Om een melding op te nemen moet je crisisvrijwilliger zijn: stel jezelf eerst aan.',
  'error.notAllowed.ownCrisisCase': 'Deze crisismelding gaat over jou: een andere vrijwilliger neemt ze op zich.',
  'error.notAllowed.pausedModerator':
    'Zolang je pauze neemt van het modereren, gaan crisismeldingen naar de actieve vrijwilligers: kom terug om er een op te nemen.',
  'error.notAllowed.memberGone': 'Het lid over wie deze melding gaat, zit niet meer in de groep.',
  'error.notAllowed.pushNeedsOwnDevice':
    'Pushmeldingen kunnen alleen op een toestel dat je bij het inloggen als je eigen toestel aanduidde (“Dit is mijn eigen toestel”).',
  'error.field.timePassed': 'Dit tijdstip is al voorbij.',
  'error.closedCohort.started':
    'Deze gesloten reeks is begonnen: ze gaat verder met wie zich voor de eerste bijeenkomst inschreef. Kijk naar een andere reeks.',
};
