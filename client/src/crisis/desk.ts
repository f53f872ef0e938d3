import type { CrisisCaseEvent, CrisisDeskEntry } from '../../../src/contracts/crisis.js';
import { api } from '../core/http.js';

/**
 * The crisis desk's open cases as the client keeps them: read from `GET /api/crisis/desk`, then
 * changed by the live `crisis:case` events. Shared by the desk page and the header's indicator.
 */
export const DESK_API = '/api/crisis/desk';

export function loadDesk(signal?: AbortSignal): Promise<CrisisDeskEntry[]> {
  return api.get<CrisisDeskEntry[]>(DESK_API, { signal });
}

/** The server's order: cases nobody has claimed first, then the one waiting longest. */
export function deskOrder(a: CrisisDeskEntry, b: CrisisDeskEntry): number {
  const unclaimed = Number(b.claimedBy === null) - Number(a.claimedBy === null);
  return unclaimed !== 0 ? unclaimed : Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

export class DeskCases {
  private readonly cases = new Map<string, CrisisDeskEntry>();

  reset(entries: readonly CrisisDeskEntry[]): void {
    this.cases.clear();
    for (const entry of entries) {
      this.cases.set(entry.id, entry);
    }
  }

  /** Applies a live event; answers whether the case is new to this list. */
  apply(event: CrisisCaseEvent): boolean {
    const known = this.cases.has(event.entry.id);
    if (event.reason === 'resolved') {
      this.cases.delete(event.entry.id);
      return false;
    }
    this.cases.set(event.entry.id, event.entry);
    return !known;
  }

  get(id: string): CrisisDeskEntry | undefined {
    return this.cases.get(id);
  }

  set(entry: CrisisDeskEntry): void {
    this.cases.set(entry.id, entry);
  }

  delete(id: string): void {
    this.cases.delete(id);
  }

  sorted(): CrisisDeskEntry[] {
    return [...this.cases.values()].sort(deskOrder);
  }

  /** Cases nobody has claimed: what needs a person now. */
  get waiting(): number {
    return [...this.cases.values()].filter((entry) => entry.claimedBy === null).length;
  }
}
