import { css } from 'lit'

/** Target chips and the indicator tables shared by the objective pages. */
export const objectiveStyles = css`
  .chip { display: inline-block; padding: 0 var(--qms-space-2); border-radius: 999px; background: var(--qms-primary-soft); color: var(--qms-primary-strong); font-size: 0.8rem; margin: 0 4px 4px 0; white-space: nowrap; }
  .chip.off { background: #eceff3; color: var(--qms-muted); }
  .chip.good { background: var(--qms-success-soft); color: var(--qms-success); }
  .chip.bad { background: var(--qms-danger-soft); color: var(--qms-danger); }
  .objectives { display: grid; gap: var(--qms-space-4); }
  .objective h2 { margin-top: 0; }
  .objective h2 a { color: inherit; }
  .meta { color: var(--qms-muted); font-size: 0.9rem; margin: 0 0 var(--qms-space-3); overflow-wrap: anywhere; }
  .value { font-variant-numeric: tabular-nums; }
  .indicator + .indicator { margin-top: var(--qms-space-5); }
  .indicator h3 { margin: 0 0 var(--qms-space-1); font-size: 1rem; }
  td { overflow-wrap: anywhere; }
  td .actions { flex-direction: column; align-items: flex-start; gap: var(--qms-space-1); }
  td .actions button { white-space: normal; text-align: left; max-width: 100%; }
  .inline-form { display: grid; gap: var(--qms-space-3); grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); align-items: end; margin-top: var(--qms-space-3); }
`
