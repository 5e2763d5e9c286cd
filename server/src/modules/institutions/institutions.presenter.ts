import type { Institution } from '@lifeline/shared';
import { inScope, type Actor } from '../../policies/index.ts';
import type { InstitutionListRow, InstitutionRow } from './institutions.repo.ts';

/**
 * What the actor may do on an institution: `update` needs `institution.manage` and the record in
 * the actor's scope (county roles: all; township officer: own township). Institution officers never
 * hold `institution.manage`, so they see their institution read-only.
 * Built from the policies' `inScope` (server/src/policies) so the UI never re-derives the rule.
 */
export function institutionAbilities(actor: Actor, i: Pick<InstitutionRow, 'id' | 'townshipId'>): Institution['abilities'] {
  return { update: actor.permissions.has('institution.manage') && inScope(actor, { townshipId: i.townshipId, institutionId: i.id }) };
}

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
    isDemo: i.isDemo,
    openHazards: r.openHazards,
    updatedAt: i.updatedAt.toISOString(),
    abilities: institutionAbilities(actor, i),
  };
}
