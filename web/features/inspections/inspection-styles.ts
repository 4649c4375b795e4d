/** Styles of the inspection pages: status chips, the progress bar and the big answer buttons of the phone view. */
import { css } from 'lit'

export const inspectionStyles = css`
  .status { display: inline-block; padding: 0 var(--qms-space-2); border-radius: 999px; font-size: 0.8rem; background: #eceff3; color: var(--qms-muted); }
  .status.planned { background: var(--qms-primary-soft); color: var(--qms-primary-strong); }
  .status.in_progress { background: var(--qms-warning-soft); color: var(--qms-warning); }
  .status.completed { background: var(--qms-success-soft); color: var(--qms-success); }
  .result-pass { color: var(--qms-success); font-weight: 600; }
  .result-fail { color: var(--qms-danger); font-weight: 600; }
  .result-na { color: var(--qms-muted); }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: var(--qms-space-1) var(--qms-space-4); margin: 0; }
  dl.facts dt { color: var(--qms-muted); }
  dl.facts dd { margin: 0; }
  @media (max-width: 640px) {
    dl.facts { grid-template-columns: 1fr; }
    dl.facts dd { margin-bottom: var(--qms-space-2); }
  }
  .progress { height: 10px; background: #e4e8ee; border-radius: 999px; overflow: hidden; }
  .progress > span { display: block; height: 100%; background: var(--qms-primary); transition: width 0.2s; }
`

export const performStyles = css`
  :host { display: block; max-width: 720px; }
  .top { position: sticky; top: 56px; z-index: 5; background: var(--qms-bg); padding: var(--qms-space-2) 0; }
  .top .line { display: flex; justify-content: space-between; gap: var(--qms-space-2); font-size: 0.9rem; color: var(--qms-muted); margin-bottom: var(--qms-space-1); }
  .saving { font-size: 0.85rem; }
  .saving.error { color: var(--qms-danger); }
  h1:focus, h2:focus { outline: none; }
  .item-text { font-size: 1.2rem; line-height: 1.35; margin: var(--qms-space-2) 0 var(--qms-space-3); }
  .answers { display: grid; grid-template-columns: repeat(3, 1fr); gap: var(--qms-space-2); }
  .answers button { min-height: 64px; font-size: 1.05rem; font-weight: 600; white-space: normal; padding: 0 var(--qms-space-2); }
  .answers.compact button { min-height: 52px; font-size: 0.95rem; }
  .answers button[aria-pressed='true'].pass { background: var(--qms-success); border-color: var(--qms-success); color: #fff; }
  .answers button[aria-pressed='true'].fail { background: var(--qms-danger); border-color: var(--qms-danger); color: #fff; }
  .answers button[aria-pressed='true'].na { background: var(--qms-muted); border-color: var(--qms-muted); color: #fff; }
  fieldset.person { margin: 0 0 var(--qms-space-3); padding: var(--qms-space-3); }
  fieldset.person legend { font-weight: 600; padding: 0 var(--qms-space-1); }
  fieldset.person .position { display: block; color: var(--qms-muted); font-size: 0.85rem; margin: -4px 0 var(--qms-space-2); }
  .details { display: grid; gap: var(--qms-space-3); margin-top: var(--qms-space-3); }
  textarea { min-height: 72px; resize: vertical; }
  .photos { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); align-items: center; }
  .photos img { width: 72px; height: 72px; object-fit: cover; border-radius: var(--qms-radius); border: 1px solid var(--qms-border); }
  .photo-button { position: relative; overflow: hidden; }
  .photo-button input { position: absolute; inset: 0; opacity: 0; cursor: pointer; }
  .nav { display: grid; grid-template-columns: 1fr 1fr; gap: var(--qms-space-2); margin-top: var(--qms-space-4); }
  .nav button { min-height: 56px; font-size: 1.05rem; }
  .chips { display: flex; flex-wrap: wrap; gap: var(--qms-space-1); }
  .people { display: grid; gap: var(--qms-space-1); }
  .people .check { border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-2) var(--qms-space-3); background: var(--qms-surface); }
  ul.failures { padding-left: var(--qms-space-5); }
  ul.failures li { margin-bottom: var(--qms-space-2); }
  .hint { color: var(--qms-muted); font-size: 0.85rem; }
`
