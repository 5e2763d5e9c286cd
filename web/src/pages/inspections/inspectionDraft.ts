import type { ItemResult } from '@lifeline/shared';

/** What the inspector recorded for one check item. */
export interface Answer {
  result?: ItemResult;
  note: string;
  location: string;
  /** a deadline the inspector picked; absent = the default for the item's level */
  deadline?: string;
  photoIds: string[];
}

/** An inspection in progress, saved on the phone so a reload or a dropped tab loses nothing. */
export interface InspectionDraft {
  v: 1;
  institutionId: string;
  templateId: string;
  versionId: string;
  inspectedOn: string;
  inspectors: string;
  summary: string;
  answers: Record<string, Answer>;
  step: number;
  /** the Idempotency-Key of this submission, kept until it succeeds */
  idemKey: string;
  savedAt: string;
}

const PREFIX = 'lifeline:inspection-draft';
const keyOf = (userId: string, institutionId: string, versionId: string) => `${PREFIX}:${userId}:${institutionId}:${versionId}`;
const lastKey = (userId: string) => `${PREFIX}:${userId}:last`;

function read(key: string | null): InspectionDraft | null {
  if (!key) return null;
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as InspectionDraft;
    return d && d.v === 1 && typeof d.answers === 'object' ? d : null;
  } catch {
    return null;
  }
}

/** The draft this user last worked on, if it is still there. */
export function loadLastDraft(userId: string): InspectionDraft | null {
  try {
    return read(localStorage.getItem(lastKey(userId)));
  } catch {
    return null;
  }
}

/** The saved draft of this user for this institution and checklist version. */
export function loadDraft(userId: string, institutionId: string, versionId: string): InspectionDraft | null {
  return read(keyOf(userId, institutionId, versionId));
}

/** Saves the draft (keyed by user + institution + checklist version) and marks it as the last one. */
export function saveDraft(userId: string, d: InspectionDraft): void {
  try {
    const key = keyOf(userId, d.institutionId, d.versionId);
    localStorage.setItem(key, JSON.stringify({ ...d, savedAt: new Date().toISOString() }));
    localStorage.setItem(lastKey(userId), key);
  } catch {
    // storage full or disabled (private mode): the wizard still works, only without the safety net
  }
}

/** Forgets a draft (after a successful submit, or when the user starts over). */
export function clearDraft(userId: string, institutionId: string, versionId: string): void {
  try {
    const key = keyOf(userId, institutionId, versionId);
    localStorage.removeItem(key);
    if (localStorage.getItem(lastKey(userId)) === key) localStorage.removeItem(lastKey(userId));
  } catch {
    /* ignore */
  }
}

/** Whether the draft holds anything worth restoring. */
export const hasProgress = (d: InspectionDraft | null) => !!d && (d.step > 0 || Object.values(d.answers).some((a) => a.result));
