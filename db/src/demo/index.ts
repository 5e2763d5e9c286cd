/**
 * Demo data (`@lifeline/db/demo`): a deterministic generator of a FICTIONAL year of work for
 * evaluation and benchmarks, and a fictional roster .xlsx for the institution import.
 * Nothing here is real: every institution and account is flagged `is_demo`.
 */
export { generateDemo, DEMO_PASSWORD, DEFAULT_DEMO_SEED, BASE_INSTITUTIONS } from './generate.ts';
export type { DemoAccount, DemoCounts, DemoOptions, DemoResult } from './generate.ts';
export { writeRosterXlsx, ROSTER_XLSX_HEADERS } from './roster.ts';
export type { RosterOptions } from './roster.ts';
export { createRng } from './prng.ts';
export type { Rng } from './prng.ts';
export { makeFictionalInstitutions, typeMix } from './institutions.ts';
export type { FictionalInstitution } from './institutions.ts';
export { DEMO_MARK } from './content.ts';
