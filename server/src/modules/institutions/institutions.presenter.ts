import type { Institution } from '@lifeline/shared';
import { institutionAbilities, type Actor } from '../../policies/index.ts';
import type { InstitutionListRow } from './institutions.repo.ts';

/**
 * Institution row (with township name and open-hazard count) → the API's {@link Institution} DTO.
 * @param actor the user the DTO is for (decides `abilities`)
 */
export function toInstitutionDto(actor: Actor, r: InstitutionListRow): Institution {
  const i = r.i;
  return {
    id: i.id,
    townshipId: i.townshipId,
    townshipName: r.townshipName,
    name: i.name,
    type: i.type,
    status: i.status,
    address: i.address,
    creditCode: i.creditCode,
    filingNo: i.filingNo,
    licenceNo: i.licenceNo,
    personInCharge: i.personInCharge,
    personInChargePhone: i.personInChargePhone,
    safetyOfficer: i.safetyOfficer,
    safetyOfficerPhone: i.safetyOfficerPhone,
    beds: i.beds,
    residents: i.residents,
    nonAmbulatoryPct: Number(i.nonAmbulatoryPct),
    staffCount: i.staffCount,
    isDemo: i.isDemo,
    openHazards: r.openHazards,
    updatedAt: i.updatedAt.toISOString(),
    abilities: institutionAbilities(actor, i),
  };
}
