import { onSessionChange } from '../auth/session.js';
import { keptSignedIn, saveDrafts, savedDrafts } from './prefs.js';

/**
 * What a member was writing, kept per place (a thread's reply box, a group's new-thread form, a
 * chat room's composer) while the page lives: moving around inside the app and coming back finds
 * the text again. Kept in memory only, so a shared or watched device keeps nothing after a reload
 * or quick exit. Across a reload only on a device its member marked as their own ("keep me
 * signed in", core/prefs.ts keeps them there).
 */
const drafts = new Map<string, string>();
let restored = false;

// Logged out: nothing the member was writing stays for the next person at this device.
onSessionChange((loggedIn) => {
  if (!loggedIn) {
    clearAllDrafts();
  }
});

/** On the member's own device, the drafts of before a reload come back once. */
function restore(): void {
  if (!restored && keptSignedIn()) {
    for (const [place, text] of Object.entries(savedDrafts())) {
      if (typeof text === 'string' && !drafts.has(place)) {
        drafts.set(place, text);
      }
    }
  }
  restored = true;
}

function save(): void {
  saveDrafts(drafts.size ? Object.fromEntries(drafts) : null);
}

export function draftOf(place: string): string {
  restore();
  return drafts.get(place) ?? '';
}

export function setDraft(place: string, text: string): void {
  if (text.trim()) {
    drafts.set(place, text);
  } else {
    drafts.delete(place);
  }
  save();
}

/** The text was sent: the place starts empty next time. */
export function clearDraft(place: string): void {
  drafts.delete(place);
  save();
}

/** Forgets every draft (logout, quick exit). */
export function clearAllDrafts(): void {
  drafts.clear();
  restored = true;
  saveDrafts(null);
}

/** Fills a text box with its place's draft and keeps the draft as the member types. */
export function keepDraft(input: HTMLTextAreaElement | HTMLInputElement, place: string): void {
  if (!input.value) {
    input.value = draftOf(place);
  }
  input.addEventListener('input', () => setDraft(place, input.value));
}
