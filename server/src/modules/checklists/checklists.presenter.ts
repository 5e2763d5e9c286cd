import type {
  ChecklistItem,
  ChecklistTemplateSummary,
  ChecklistVersion,
  ChecklistVersionSummary,
  HazardCategory,
  InstitutionType,
} from '@lifeline/shared';
import { checklistAbilities, type Actor } from '../../policies/index.ts';
import type { ItemRow, TemplateListRow, TemplateRow, VersionListRow } from './checklists.repo.ts';

/** Template row + current version facts → summary DTO with the actor's abilities. */
export function toTemplateSummary(r: TemplateListRow, actor: Actor): ChecklistTemplateSummary {
  return {
    id: r.t.id,
    code: r.t.code,
    name: r.t.name,
    description: r.t.description,
    institutionTypes: r.t.institutionTypes as InstitutionType[],
    sourceNote: r.t.sourceNote,
    isActive: r.t.isActive,
    createdAt: r.t.createdAt.toISOString(),
    currentVersion: r.version,
    currentVersionId: r.versionId,
    itemCount: Number(r.itemCount),
    placeholderCount: Number(r.placeholderCount),
    abilities: checklistAbilities(actor),
  };
}

/** Version row → version-history entry. */
export function toVersionSummary(r: VersionListRow): ChecklistVersionSummary {
  return {
    id: r.v.id,
    version: r.v.version,
    isCurrent: r.v.version === Number(r.maxVersion),
    changeNote: r.v.changeNote,
    createdAt: r.v.createdAt.toISOString(),
    createdByName: r.createdByName,
    itemCount: Number(r.itemCount),
    placeholderCount: Number(r.placeholderCount),
  };
}

/** Item row → item DTO. */
export function toItem(i: ItemRow): ChecklistItem {
  return {
    id: i.id,
    code: i.code,
    category: i.category,
    hazardCategory: i.hazardCategory as HazardCategory,
    checkText: i.checkText,
    checkPoints: i.checkPoints,
    legalBasis: i.legalBasis,
    hazardLevel: i.hazardLevel,
    isPlaceholder: i.isPlaceholder,
    sortOrder: i.sortOrder,
  };
}

/** Version + its template + items → the version DTO. */
export function toVersion(r: VersionListRow, tpl: TemplateRow, items: ItemRow[]): ChecklistVersion {
  return {
    id: r.v.id,
    templateId: tpl.id,
    templateCode: tpl.code,
    templateName: tpl.name,
    templateIsActive: tpl.isActive,
    version: r.v.version,
    isCurrent: r.v.version === Number(r.maxVersion),
    changeNote: r.v.changeNote,
    createdAt: r.v.createdAt.toISOString(),
    createdByName: r.createdByName,
    items: items.map(toItem),
  };
}
