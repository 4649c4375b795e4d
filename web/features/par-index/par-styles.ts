/** Styles of the PAR index pages: the tree, totals and badges. */
import { css } from 'lit'

export const parStyles = css`
  .badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 0.8rem; font-weight: 600; background: var(--qms-primary-soft); color: var(--qms-primary-strong); }
  .badge.sample { background: #fff0c2; color: #4d3300; }
  .badge.lost { background: var(--qms-danger-soft); color: var(--qms-danger); }
  .code { font-variant-numeric: tabular-nums; font-weight: 700; margin-right: var(--qms-space-2); }
  .totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: var(--qms-space-3); margin-bottom: var(--qms-space-4); }
  .totals div { background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-3); }
  .totals strong { display: block; font-size: 1.3rem; }
  .tree { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--qms-space-2); }
  .node { background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-3); overflow-wrap: anywhere; }
  .node.area { border-left: 4px solid var(--qms-primary); background: var(--qms-primary-soft); }
  .node .scores { display: flex; flex-wrap: wrap; gap: var(--qms-space-1) var(--qms-space-3); font-size: 0.9rem; margin-top: var(--qms-space-1); }
  .node .meta, .meta { color: var(--qms-muted); font-size: 0.85rem; margin: var(--qms-space-1) 0 0; }
  .node .figure { font-size: 0.85rem; margin: var(--qms-space-1) 0 0; color: var(--qms-primary-strong); }
  .node .actions { margin-top: var(--qms-space-2); }
`
