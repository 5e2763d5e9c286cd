export * from './errors.ts';
export * from './dates.ts';
export * from './domain.ts';
export * from './permissions.ts';
export * from './i18n/index.ts';
export * from './api/index.ts';
