import type { HazardCategory, HazardLevel } from '@lifeline/shared';

/**
 * What was typed into 随手拍 and not yet submitted, kept in sessionStorage (this tab only) so that a
 * session that expires mid-form — login, then back to the form — loses nothing. Photos are not
 * kept: their uploads belong to the old session.
 */
export interface HazardDraft {
  v: 1;
  institutionId?: string;
  level?: HazardLevel;
  category?: HazardCategory;
  title?: string;
  location?: string;
  description?: string;
  responsiblePerson?: string;
  rectificationMeasures?: string;
  /** `YYYY-MM-DD` */
  deadline?: string;
  /** the user chose the deadline (else it follows the level's default) */
  deadlinePicked?: boolean;
}

/** Every key of the app in sessionStorage starts so (logout forgets them all). */
export const SESSION_PREFIX = 'lifeline:';
const keyOf = (userId: string) => `${SESSION_PREFIX}hazard-new:${userId}`;

const TEXT_FIELDS = ['title', 'location', 'description', 'responsiblePerson', 'rectificationMeasures'] as const;

/** Whether the draft holds anything worth restoring (a typed text or a chosen category). */
export function hasContent(d: HazardDraft | null): d is HazardDraft {
  return !!d && (TEXT_FIELDS.some((k) => (d[k] ?? '').trim() !== '') || !!d.category);
}

/** This user's unsubmitted 随手拍 in this tab, if any. */
export function loadHazardDraft(userId: string): HazardDraft | null {
  try {
    const raw = sessionStorage.getItem(keyOf(userId));
    if (!raw) return null;
    const d = JSON.parse(raw) as HazardDraft;
    return d && d.v === 1 ? d : null;
  } catch {
    return null;
  }
}

/** Keeps the draft (an empty one is forgotten instead). */
export function saveHazardDraft(userId: string, d: HazardDraft): void {
  try {
    if (hasContent(d)) sessionStorage.setItem(keyOf(userId), JSON.stringify(d));
    else sessionStorage.removeItem(keyOf(userId));
  } catch {
    // storage full or disabled: the form still works, only without the safety net
  }
}

/** Forgets the draft (after a successful submit, or when the user discards it). */
export function clearHazardDraft(userId: string): void {
  try {
    sessionStorage.removeItem(keyOf(userId));
  } catch {
    /* ignore */
  }
}
