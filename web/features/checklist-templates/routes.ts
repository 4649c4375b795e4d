import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-checklist-template-editor.ts'), import('./qms-checklist-templates-page.ts')])

export const checklistTemplateRoutes: RouteDef[] = [
  { load, pattern: '/checklist-templates', render: () => html`<qms-checklist-templates-page></qms-checklist-templates-page>` },
  { load, pattern: '/checklist-templates/new', render: () => html`<qms-checklist-template-editor></qms-checklist-template-editor>` },
  { load, pattern: '/checklist-templates/:id', render: (p) => html`<qms-checklist-template-editor .templateId=${p.id}></qms-checklist-template-editor>` },
]
