import { msg } from '@lit/localize'
import { html, type TemplateResult } from 'lit'
import '../features/my-work/qms-my-work-count.ts'

export interface NavItem {
  href: string
  label: () => string
  /** Shown only to users who have this permission somewhere. */
  permission?: string
  /** Shown after the label (e.g. a count); gets the current path so it can refresh on each page. */
  badge?: (path: string) => TemplateResult
}

/** The main sections, in menu order. */
export const NAV: NavItem[] = [
  // Everyone starts on their own work; the dashboard is one click away.
  { href: '/', label: () => msg('My work', { id: 'nav.myWork' }), badge: (path) => html`<qms-my-work-count .path=${path}></qms-my-work-count>` },
  { href: '/dashboard', label: () => msg('Dashboard', { id: 'nav.dashboard' }) },
  { href: '/inspections', label: () => msg('Inspections', { id: 'nav.inspections' }) },
  { href: '/findings', label: () => msg('Findings', { id: 'nav.findings' }) },
  { href: '/nonconformities', label: () => msg('Nonconformities', { id: 'nav.nonconformities' }) },
  { href: '/documents', label: () => msg('Documents', { id: 'nav.documents' }) },
  { href: '/risks', label: () => msg('Risks', { id: 'nav.risks' }), permission: 'risk.read' },
  { href: '/audit-programmes', label: () => msg('Internal audits', { id: 'nav.audits' }), permission: 'audit_programme.read' },
  { href: '/dossiers', label: () => msg('Dossiers', { id: 'nav.dossiers' }) },
  { href: '/par-index', label: () => msg('PAR index', { id: 'nav.parIndex' }), permission: 'par.read' },
  { href: '/objectives', label: () => msg('Objectives', { id: 'nav.objectives' }), permission: 'objective.read' },
  { href: '/management-reviews', label: () => msg('Management reviews', { id: 'nav.managementReviews' }), permission: 'management_review.read' },
  { href: '/plans', label: () => msg('Reform plans', { id: 'nav.plans' }), permission: 'plan.read' },
  { href: '/reports', label: () => msg('Reports', { id: 'nav.reports' }), permission: 'report.read' },
]

/** The administration menu. */
export const ADMIN_NAV: NavItem[] = [
  { href: '/admin/org-units', label: () => msg('Org units', { id: 'nav.orgUnits' }), permission: 'org_unit.write' },
  { href: '/admin/users', label: () => msg('Users', { id: 'nav.users' }), permission: 'user.write' },
  { href: '/admin/api-tokens', label: () => msg('API tokens', { id: 'nav.apiTokens' }), permission: 'api_token.manage' },
  { href: '/admin/calendar', label: () => msg('Working-day calendar', { id: 'nav.calendar' }), permission: 'calendar.write' },
  { href: '/admin/mail', label: () => msg('Mail outbox', { id: 'nav.mailOutbox' }), permission: 'mail.admin' },
  { href: '/admin/backup', label: () => msg('Backup', { id: 'nav.backup' }), permission: 'backup.download' },
]
