/**
 * The English dictionary, and the source of every message key: `nl.ts` must have exactly these
 * keys (a missing or extra key is a type error) and the same `{placeholders}` (checked by
 * test/browser-client.e2e-spec.ts). Pure data: no imports, no DOM, so Node tests can read it.
 */
export const en = {
  'app.name': 'Kring',
  'app.tagline': 'Self-help groups online, anonymous and moderated',

  'skip.toMain': 'Skip to content',
  'nav.label': 'Main menu',
  'nav.home': 'Home',
  'nav.groups': 'Groups',
  'nav.help': 'Help now',
  'nav.account': 'Your account',
  'nav.login': 'Log in',
  'nav.register': 'Create an account',
  'nav.logout': 'Log out',
  'nav.tools': 'Language and privacy',

  'lang.other': 'Nederlands',
  'lang.switchHint': 'Show Kring in Dutch',
  'lang.changed': 'Kring is now shown in English.',

  'quickExit.label': 'Quick exit',
  'quickExit.hint': 'Leaves this site at once for a neutral page. You can also press Esc twice.',

  'discreet.label': 'Discreet',
  'discreet.hint':
    'Discreet mode: a neutral title and icon in the browser tab, and only one entry for this site in your browser history.',
  'discreet.title': 'Notes',
  'discreet.on': 'Discreet mode is on.',
  'discreet.off': 'Discreet mode is off.',

  'footer.crisisLead': 'In crisis?',
  'footer.crisisBe': 'Belgium: call {number}',
  'footer.crisisNl': 'Netherlands: call {number}',
  'footer.emergency': 'Emergency: {number}',
  'footer.moreHelp': 'More help',
  'footer.peerSupport': 'Kring is support from peers, not professional help.',

  'crisis.heading': 'Need help right now?',
  'crisis.intro':
    'Are you thinking about suicide, or worried about someone? Talk to someone now. These lines are anonymous and can be reached day and night.',
  'crisis.belgium': 'Belgium',
  'crisis.netherlands': 'The Netherlands',
  'crisis.call': 'Call {number}',
  'crisis.chat': 'Chat or read more at {site}',
  'crisis.free': 'free',
  'crisis.frenchSpeaking': 'in French',
  'crisis.emergencyLead': 'In immediate danger?',

  'home.title': 'Welcome',
  'home.heading': 'A place to meet people who have been there',
  'home.intro':
    'Kring is an online home for self-help groups. People who share a problem meet here under a name they choose, read each other’s stories and help each other. Volunteers from the community keep every group safe.',
  'home.anonymity':
    'You only need a login name and a password: no email address, no phone number, no real name. Nobody else ever sees your login name. In each group you appear under a name you pick for that group.',
  'home.confidential': 'What is said in a group stays in the group.',
  'home.start': 'Create an account',
  'home.login': 'Log in',
  'home.groups': 'See the groups',
  'home.account': 'Your account',
  'home.safetyHeading': 'Your safety',
  'home.safetyQuickExit':
    'Need to leave quickly? Use the “Quick exit” button at the top of every page, or press Esc twice. Kring is replaced at once by a neutral page.',
  'home.safetyDiscreet': 'With “Discreet” on, the browser tab shows a neutral title and icon instead of Kring’s.',
  'home.safetyCrisis': 'In crisis? See who you can call right now',

  'register.title': 'Create an account',
  'register.intro':
    'No email address, phone number or real name needed. Choose a login name that only you know: it is never shown to anyone.',
  'register.loginName': 'Login name',
  'register.loginNameHint':
    '3 to 32 characters: letters a–z, digits and _ . - Do not use your name, email address or phone number.',
  'register.password': 'Password',
  'register.passwordHint':
    'At least {min} characters. A few unrelated words make a strong password that is easy to remember.',
  'register.submit': 'Create account',
  'register.haveAccount': 'Already have an account?',
  'register.loginLink': 'Log in',

  'codes.title': 'Your recovery codes',
  'codes.intro':
    'Your account is made. These {count} codes are the only way back in if you forget your password: there is no email reset. Each code works once.',
  'codes.once': 'We show them only now. Write them down on paper, or keep them in a password manager.',
  'codes.listLabel': 'Recovery codes',
  'codes.copy': 'Copy the codes',
  'codes.copied': 'The codes are copied.',
  'codes.copyFailed': 'Copying did not work. Write the codes down instead.',
  'codes.saved': 'I have saved my recovery codes somewhere safe.',
  'codes.savedRequired': 'Tick this box once you have saved the codes.',
  'codes.continue': 'Continue',
  'codes.ready': 'Your account is ready. Log in with your login name and password.',

  'login.title': 'Log in',
  'login.loginName': 'Login name',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.memoryNote': 'For your privacy, Kring forgets your login when you close or reload this page.',
  'login.continueNote': 'Log in to continue.',
  'login.forgot': 'Forgot your password?',
  'login.recoverLink': 'Use a recovery code',
  'login.new': 'New here?',
  'login.registerLink': 'Create an account',

  'recover.title': 'Use a recovery code',
  'recover.intro':
    'Enter your login name, one of your recovery codes and a new password. The code is then used up, and you are logged out on every other device.',
  'recover.loginName': 'Login name',
  'recover.code': 'Recovery code',
  'recover.codeHint': 'One of the codes you saved when you made your account, like abcd-efgh-jkmn-pqrs.',
  'recover.newPassword': 'New password',
  'recover.submit': 'Set new password',
  'recover.done': 'Your password is changed. That recovery code is now used up; the others still work.',

  'account.title': 'Your account',
  'account.loginName': 'Login name',
  'account.loginNameNote': 'Only you see this.',
  'account.role': 'Role',
  'account.roleMember': 'Member',
  'account.roleAdmin': 'Administrator',
  'account.since': 'Member since',
  'account.securityHeading': 'Password and login',
  'account.changePassword': 'Change your password',
  'account.logout': 'Log out',
  'account.logoutEverywhere': 'Log out on all devices',
  'account.deleteHeading': 'Leave Kring',
  'account.deleteLink': 'Delete your account',
  'account.loading': 'Loading your account…',

  'password.title': 'Change your password',
  'password.intro': 'After the change you stay logged in here; every other device is logged out.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.submit': 'Change password',
  'password.done': 'Your password is changed. Other devices have been logged out.',
  'password.reloginFailed': 'Your password is changed. Log in again with the new password.',

  'delete.title': 'Delete your account',
  'delete.intro': 'This deletes at once and for good:',
  'delete.itemLogin': 'your login name and password;',
  'delete.itemCodes': 'your recovery codes;',
  'delete.itemSessions': 'every login, on every device;',
  'delete.itemGroups':
    'your membership of every group, your name in each group, and everything you wrote or did there: posts, replies, chat messages, reactions.',
  'delete.final':
    'Nobody can undo this, not even an administrator, and nothing is kept to restore it later. If you come back, you start with a new account.',
  'delete.password': 'Your password, to confirm',
  'delete.submit': 'Delete my account for good',
  'delete.cancel': 'Keep my account',
  'delete.done': 'Your account is deleted. Everything it held is gone.',

  'logout.done': 'You are logged out.',
  'logout.everywhereDone': 'You are logged out on all devices.',

  'groups.title': 'Groups',
  'groups.intro': 'Each group is about one topic. Read its description and its pledge before you join.',
  'groups.loading': 'Loading the groups…',
  'groups.notYet': 'The group directory opens soon. Groups will appear here as they start.',
  'groups.empty': 'There are no groups yet.',
  'groups.loginNeeded': 'Log in to see the groups.',
  'groups.members': '{count} members',
  'groups.oneMember': '1 member',
  'groups.language': 'Language: {language}',
  'groups.closed': 'Closed group: joining needs a moderator’s approval.',
  'groups.open': 'Open group',
  'groups.forRelatives': 'For relatives and friends',
  'groups.languageNl': 'Dutch',
  'groups.languageEn': 'English',

  'group.title': 'Group',
  'group.notYet': 'Joining a group, its forum and its chat will open here soon.',
  'group.back': 'Back to the groups',

  'help.title': 'Help now',
  'help.peerNote':
    'Kring is support from peers. The people here are not doctors or counsellors. If you need professional help, or if it is urgent, contact one of the lines above.',
  'help.safetyHeading': 'Leaving quickly and staying discreet',
  'help.quickExit':
    'The “Quick exit” button on every page, or Esc pressed twice, replaces Kring at once by a neutral page, in the same entry of your browser history: Back does not return to the page you were on.',
  'help.discreet':
    'With “Discreet” on, the browser tab shows a neutral title and icon, and moving around Kring adds no extra entries to your browser history.',
  'help.memory':
    'Kring keeps your login only in this page’s memory: when you close or reload it, you are logged out. Nothing you write is saved in your browser.',

  'error.title': 'Something went wrong',
  'notFound.title': 'Page not found',
  'notFound.text': 'This page does not exist.',
  'notFound.home': 'Go to the start page',

  'form.fixErrors': 'Some fields need your attention.',
  'form.showPassword': 'Show password',
  'form.busy': 'One moment…',

  'error.network': 'Kring cannot be reached. Check your connection and try again.',
  'error.internal': 'Something went wrong on our side. Try again in a moment.',
  'error.internalRef': 'Something went wrong on our side. Try again in a moment. Reference: {reference}',
  'error.rateLimited': 'Too many attempts. Wait {seconds} seconds and try again.',
  'error.invalidCredentials': 'This login name and password do not match.',
  'error.wrongPassword': 'The password is not right.',
  'error.invalidRecoveryCode': 'This login name and recovery code do not match.',
  'error.sessionEnded': 'Your session has ended. Please log in again.',
  'error.unauthorized': 'You need to log in.',
  'error.forbidden': 'You do not have access to this.',
  'error.notFound': 'This could not be found.',
  'error.tooLarge': 'This is too long to send.',
  'error.unavailable': 'Kring is busy or being maintained. Try again in a moment.',

  'validation.loginNameRequired': 'Choose a login name.',
  'validation.loginNameEnter': 'Enter your login name.',
  'validation.loginNameEmail':
    'This looks like an email address. Choose a name that does not identify you: others must not be able to find you by it.',
  'validation.loginNamePhone':
    'This looks like a phone number. Choose a name that does not identify you: others must not be able to find you by it.',
  'validation.loginNamePattern': 'Use 3 to 32 characters: letters a–z, digits, and _ . -',
  'validation.loginNameTaken': 'This login name is taken. Choose another one.',
  'validation.passwordRequired': 'Choose a password.',
  'validation.passwordEnter': 'Enter your password.',
  'validation.passwordTooShort': 'Use at least {min} characters.',
  'validation.passwordTooLong':
    'Use at most {max} bytes (about {max} letters; accented letters and emoji count double or more).',
  'validation.passwordCommon': 'This password is one of the most common ones and easy to guess. Choose another.',
  'validation.recoveryCodeEnter': 'Enter one of your recovery codes.',
  'validation.notAccepted': 'This field is not accepted.',
  'validation.invalid': 'This is not valid.',
} as const;

export type MessageKey = keyof typeof en;

/** Every other language: exactly the English keys, each a string. */
export type Dictionary = { readonly [K in MessageKey]: string };
