export * from './client.ts';
export * from './schema/index.ts';
export { seedReferenceData } from './seed/reference.ts';
export { hashPassword, verifyPassword, dummyHash } from './passwords.ts';
export { insertChecklistVersion } from './checklist-versions.ts';
