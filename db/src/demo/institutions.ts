import type { InstitutionType } from '@lifeline/shared';
import { DEMO_MARK, GIVEN_CHARS, NAME_ENDINGS, SURNAMES } from './content.ts';
import type { Rng } from './prng.ts';

/** One fictional institution, as the roster columns and the institution table describe it. */
export interface FictionalInstitution {
  townshipName: string;
  /** e.g. 「（演示）浔中镇颐康敬老院」 */
  name: string;
  type: InstitutionType;
  status: 'operating';
  address: string;
  /** left empty: a made-up 统一社会信用代码 could collide with a real one */
  creditCode: null;
  filingNo: string | null;
  licenceNo: string | null;
  personInCharge: string;
  personInChargePhone: string;
  safetyOfficer: string;
  safetyOfficerPhone: string;
  beds: number;
  residents: number;
  /** percent 0–100, one decimal */
  nonAmbulatoryPct: number;
  /** how hazard-prone the demo makes it (0.4 – 2.2, 1 = average); not stored */
  risk: number;
}

/** A made-up person name: a common surname and two given-name characters. */
export function fictionalPersonName(rng: Rng): string {
  return `${rng.pick(SURNAMES)}${rng.pick(GIVEN_CHARS)}${rng.pick(GIVEN_CHARS)}`;
}

/**
 * A mobile number in the 1xx-0000-xxxx pattern (a "0000" exchange block), stored as 11 digits so
 * it passes the phone format check; clearly a placeholder, not a subscriber's number.
 */
export function fictionalPhone(rng: Rng): string {
  return `1${rng.pick([3, 5, 7, 8, 9])}${rng.int(0, 9)}0000${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

/** Weight of each township when institutions are spread (the county seat towns hold more). */
function townshipWeight(name: string, index: number): number {
  if (index < 2) return 5; // 浔中镇, 龙浔镇: the county seat area
  if (name.endsWith('镇')) return 2;
  return 1;
}

/**
 * The mix of types for `count` institutions: mostly elderly care, and `floor(count / 20)` of each
 * other type (3 each for 60).
 */
export function typeMix(count: number): InstitutionType[] {
  const each = Math.floor(count / 20);
  const others: InstitutionType[] = ['child_welfare', 'relief_station', 'funeral_service', 'mental_health_welfare'];
  const list: InstitutionType[] = Array.from({ length: count - each * others.length }, () => 'elderly_care');
  for (const t of others) for (let i = 0; i < each; i++) list.push(t);
  return list;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Generates `count` fictional institutions across the given townships, deterministically for the
 * rng's seed. The first elderly-care homes go one to each township in order (so the first is in
 * the first township, 浔中镇), the rest are spread by weight. Names are unique per township.
 * Beds, residents and the non-ambulatory share follow the type (a small township-run 敬老院 has
 * 30–90 beds, a private home 40–260, a funeral service none).
 * @param townships township names in the county's order
 * @param words the made-up name words to use (different pools keep demo data and rosters apart)
 */
export function makeFictionalInstitutions(rng: Rng, count: number, townships: readonly string[], words: readonly string[]): FictionalInstitution[] {
  if (townships.length === 0) throw new Error('no townships: load the reference data first');
  const weights = townships.map((t, i) => [t, townshipWeight(t, i)] as const);
  const used = new Map<string, Set<string>>();
  const out: FictionalInstitution[] = [];
  let elderlyIndex = 0;
  for (const type of typeMix(count)) {
    const townshipName = type === 'elderly_care' && elderlyIndex < townships.length ? townships[elderlyIndex]! : rng.weighted(weights);
    if (type === 'elderly_care') elderlyIndex++;
    const taken = used.get(townshipName) ?? new Set<string>();
    used.set(townshipName, taken);
    const endings: readonly string[] = NAME_ENDINGS[type];
    let name = '';
    let ending = '';
    for (let attempt = 0; attempt < 40 && (!name || taken.has(name)); attempt++) {
      ending = rng.pick(endings);
      name = `${DEMO_MARK}${townshipName}${rng.pick(words)}${ending}`;
    }
    for (let k = 2; taken.has(name); k++) name = `${DEMO_MARK}${townshipName}${rng.pick(words)}第${k}${ending}`;
    taken.add(name);

    let beds = 0;
    let occupancy = 0;
    let pct = 0;
    switch (type) {
      case 'elderly_care':
        beds = ending === '敬老院' ? rng.int(3, 9) * 10 : rng.int(4, 26) * 10;
        occupancy = rng.float(0.45, 0.92);
        pct = rng.float(12, 70);
        break;
      case 'child_welfare':
        beds = rng.int(2, 6) * 10;
        occupancy = rng.float(0.3, 0.7);
        pct = rng.float(5, 30);
        break;
      case 'relief_station':
        beds = rng.int(1, 4) * 10;
        occupancy = rng.float(0.1, 0.5);
        pct = rng.float(0, 10);
        break;
      case 'funeral_service':
        break;
      case 'mental_health_welfare':
        beds = rng.int(8, 20) * 10;
        occupancy = rng.float(0.6, 0.9);
        pct = rng.float(10, 40);
        break;
    }
    const residents = Math.round(beds * occupancy);
    const personInCharge = fictionalPersonName(rng);
    let safetyOfficer = fictionalPersonName(rng);
    if (safetyOfficer === personInCharge) safetyOfficer = fictionalPersonName(rng);
    out.push({
      townshipName,
      name,
      type,
      status: 'operating',
      address: `德化县${townshipName}演示路${rng.int(1, 299)}号`,
      creditCode: null,
      filingNo: type === 'elderly_care' ? `演示备〔${rng.int(2018, 2025)}〕${String(rng.int(1, 999)).padStart(3, '0')}号` : null,
      licenceNo: type === 'mental_health_welfare' ? `演示医证${String(rng.int(1, 99999)).padStart(5, '0')}` : null,
      personInCharge,
      personInChargePhone: fictionalPhone(rng),
      safetyOfficer,
      safetyOfficerPhone: fictionalPhone(rng),
      beds,
      residents,
      nonAmbulatoryPct: residents === 0 ? 0 : round1(pct),
      risk: round1(rng.weighted([[rng.float(0.4, 0.8), 3], [rng.float(0.8, 1.3), 5], [rng.float(1.3, 2.2), 2]] as const)),
    });
  }
  return out;
}
