import type { HazardCategory, HazardLevel, InstitutionType } from '@lifeline/shared';

/** A checklist item as shipped in reference data (see checklists.ts). */
export interface ReferenceChecklistItem {
  /** code within the template, unique, e.g. `4.1`, `LP-02` */
  code: string;
  /** section heading the item is grouped under */
  category: string;
  hazardCategory: HazardCategory;
  /** the check, in our own words (never a quotation presented as official text) */
  checkText: string;
  /** how to check, one point per line */
  checkPoints: string;
  /** law / standard / article it rests on, with a certainty marker where the source gives one */
  legalBasis: string;
  hazardLevel: HazardLevel;
  /** a slot whose official text is missing: shown as 待补充, not offered in inspections */
  isPlaceholder?: boolean;
}

export interface ReferenceChecklist {
  code: string;
  name: string;
  description: string;
  /** empty = applies to every type */
  institutionTypes: InstitutionType[];
  sourceNote: string;
  items: ReferenceChecklistItem[];
}
