export * from './org-units.ts'
export * from './users.ts'
export * from './auth.ts'
export * from './audit-log.ts'
