import { css } from 'lit'

/** Chip tones and the section tabs shared by the dossier pages. */
export const dossierStyles = css`
  .chip { display: inline-block; padding: 0 var(--qms-space-2); border-radius: 999px; background: var(--qms-primary-soft); color: var(--qms-primary-strong); font-size: 0.8rem; margin: 0 4px 4px 0; }
  .chip.off { background: #eceff3; color: var(--qms-muted); }
  .chip.good { background: var(--qms-success-soft); color: var(--qms-success); }
  .chip.bad { background: var(--qms-danger-soft); color: var(--qms-danger); }
  .chip.warn { background: var(--qms-warning-soft); color: var(--qms-warning); }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: var(--qms-space-2) var(--qms-space-4); margin: 0; }
  dl.facts dt { color: var(--qms-muted); }
  dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
  @media (max-width: 640px) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: var(--qms-space-2); } }
`
