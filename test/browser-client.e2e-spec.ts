import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  changePasswordSchema,
  deleteAccountSchema,
  loginSchema,
  recoverSchema,
  registerSchema,
} from '../src/contracts/auth.js';
import { appointResponderSchema, rotaSchema } from '../src/contracts/crisis.js';
import { createThreadSchema, replySchema, searchQuerySchema } from '../src/contracts/forums.js';
import { createGroupSchema, joinGroupSchema } from '../src/contracts/groups.js';
import { appealSchema, moderationActionSchema, reportSchema, watchedWordSchema } from '../src/contracts/moderation.js';
import { en } from '../client/src/i18n/en.js';
import { detectLanguage, interpolate } from '../client/src/i18n/i18n.js';
import { nl } from '../client/src/i18n/nl.js';
import { isKnownServerText } from '../client/src/i18n/server-messages.js';

/**
 * Checks of the browser client that need no browser: its dictionaries, its source, its build.
 * The browser itself is driven in browser.e2e-spec.ts.
 */
const CLIENT = join(process.cwd(), 'client');
const FIRST_PAGE_JS_BUDGET = 150 * 1024;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : /\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The code without its comments (which may well name what the code must not do). */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the browser client, without a browser', () => {
  it('has every English message in Dutch, with the same placeholders, and no message left empty', () => {
    const english = en as Record<string, string>;
    const dutch = nl as Record<string, string>;
    expect(Object.keys(dutch).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english)) {
      expect({ key, empty: english[key].trim() === '' || dutch[key].trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(dutch[key]) }).toEqual({
        key,
        placeholders: placeholders(english[key]),
      });
    }
  });

  it('fills placeholders and picks the first language of the browser it speaks', () => {
    expect(interpolate(en['groups.members'], { count: 12 })).toBe('12 members');
    expect(detectLanguage(['fr-BE', 'nl-BE', 'en'])).toBe('nl');
    expect(detectLanguage(['en-US', 'nl'])).toBe('en');
    expect(detectLanguage(['fr-FR', 'de'])).toBe('en');
  });

  it('translates every reason the shared contracts give for refusing a field', () => {
    const refusals: [
      string,
      { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
      unknown,
    ][] = [
      ['no login name', registerSchema, { password: 'a calm and long phrase' }],
      ['email as name', registerSchema, { loginName: 'me@example.com', password: 'a calm and long phrase' }],
      ['domain as name', registerSchema, { loginName: 'quiet.heron.be', password: 'a calm and long phrase' }],
      ['phone as name', registerSchema, { loginName: '0470 12 34 56', password: 'a calm and long phrase' }],
      ['bad characters', registerSchema, { loginName: 'Quiet Heron!', password: 'a calm and long phrase' }],
      ['no password', registerSchema, { loginName: 'quiet.heron' }],
      ['short password', registerSchema, { loginName: 'quiet.heron', password: 'short' }],
      ['long password', registerSchema, { loginName: 'quiet.heron', password: 'é'.repeat(40) }],
      ['unknown field', registerSchema, { loginName: 'quiet.heron', password: 'a calm and long phrase', email: 'x' }],
      ['login without password', loginSchema, { loginName: 'quiet.heron' }],
      ['recovery without code', recoverSchema, { loginName: 'quiet.heron', newPassword: 'a calm and long phrase' }],
      ['short new password', recoverSchema, { loginName: 'quiet.heron', recoveryCode: 'abcd', newPassword: 'short' }],
      ['change without current', changePasswordSchema, { newPassword: 'a calm and long phrase' }],
      ['delete without password', deleteAccountSchema, {}],
      ['join without pledge', joinGroupSchema, { pledgeAccepted: false }],
      ['short alias', joinGroupSchema, { pledgeAccepted: true, alias: 'ab' }],
      ['long alias', joinGroupSchema, { pledgeAccepted: true, alias: 'a'.repeat(25) }],
      ['alias with signs', joinGroupSchema, { pledgeAccepted: true, alias: '<b>me</b>' }],
      [
        'bad slug',
        createGroupSchema,
        { slug: 'Niet Goed', name: 'ab', description: 'x', pledge: 'short', locale: 'nl' },
      ],
      ['empty thread', createThreadSchema, { title: 'ab', body: ' ' }],
      ['two-line title', createThreadSchema, { title: 'one\ntwo', body: 'x', contentWarning: ' ' }],
      ['long title', createThreadSchema, { title: 'x'.repeat(151), body: 'x', contentWarning: 'x'.repeat(101) }],
      ['control character', replySchema, { body: 'a\u0001b' }],
      ['short search', searchQuerySchema, { q: 'a' }],
      ['action without reason', moderationActionSchema, { action: 'warn', memberId: 'x', reason: ' ' }],
      ['mute too long', moderationActionSchema, { action: 'mute', memberId: 'x', minutes: 20_000, reason: 'enough' }],
      ['long note', reportSchema, { target: { kind: 'post', id: 'x' }, reason: 'spam', note: 'x'.repeat(501) }],
      ['short appeal', appealSchema, { text: 'no' }],
      ['short phrase', watchedWordSchema, { phrase: 'a', action: 'block' }],
      ['unknown timezone', rotaSchema, { timezone: 'Mars/Olympus', slots: [{ weekday: 3, from: 20, to: 19 }] }],
      ['short responder name', appointResponderSchema, { group: 'g', memberId: 'x', name: 'a', reason: ' ' }],
    ];
    const untranslated: string[] = [];
    for (const [label, schema, value] of refusals) {
      const result = schema.safeParse(value);
      expect({ label, success: result.success }).toEqual({ label, success: false });
      for (const issue of result.error?.issues ?? []) {
        // "This field is not accepted." is how the server words unknown keys; zod's own text differs.
        // A wrong choice (an enum) or a wrong type cannot come from the client's own forms.
        if (
          !isKnownServerText(issue.message) &&
          !/^(Unrecognized key|Invalid option|Invalid input: expected (string|boolean|object)|Invalid UUID)/.test(
            issue.message,
          )
        ) {
          untranslated.push(`${label}: ${issue.message}`);
        }
      }
    }
    expect(untranslated).toEqual([]);
  });

  it('never turns text into HTML: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval', () => {
    const sinks = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\s*\(|new Function\s*\(|srcdoc)\b/;
    const offenders = sourceFiles(join(CLIENT, 'src'))
      .filter((file) => sinks.test(code(file)))
      .map((file) => relative(CLIENT, file));
    expect(offenders).toEqual([]);
  });

  it('touches browser storage in one place only, for the two display preferences', () => {
    const storage = /\b(localStorage|sessionStorage|indexedDB|document\.cookie|caches\.open)\b/;
    const users = sourceFiles(join(CLIENT, 'src'))
      .filter((file) => storage.test(code(file)))
      .map((file) => relative(CLIENT, file));
    expect(users).toEqual(['src/core/prefs.ts']);
  });

  it('keeps the JavaScript of the first page within 150 KB gzipped', () => {
    const index = join(CLIENT, 'dist', 'index.html');
    if (!existsSync(index)) {
      throw new Error('client/dist is missing: run `npm run build:client` before the tests.');
    }
    const html = readFileSync(index, 'utf8');
    const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
      (match) => match[1],
    );
    expect(scripts.length).toBeGreaterThan(0);
    // The entry's static imports are loaded too; lazily loaded pages are not part of the first page.
    const files = new Set<string>();
    const visit = (path: string) => {
      if (files.has(path)) {
        return;
      }
      files.add(path);
      const code = readFileSync(join(CLIENT, 'dist', path), 'utf8');
      for (const match of code.matchAll(/^import[^"'(]*["'](\.\/[^"']+\.js)["']/gm)) {
        visit(join('assets', match[1].slice(2)));
      }
    };
    scripts.forEach((src) => visit(src.replace(/^\//, '')));
    const gzipped = [...files].reduce(
      (sum, path) => sum + gzipSync(readFileSync(join(CLIENT, 'dist', path))).length,
      0,
    );
    expect(gzipped).toBeLessThanOrEqual(FIRST_PAGE_JS_BUDGET);
    // No inline script: the CSP (script-src 'self') would refuse it.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
