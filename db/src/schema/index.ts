export * from './org.ts';
export * from './auth.ts';
export * from './checklist.ts';
export * from './inspection.ts';
export * from './hazard.ts';
export * from './platform.ts';
export * from './campaign.ts';
export * from './preparedness.ts';
