/**
 * The staff pages' stylesheet, served from /staff/staff.css (the CSP allows no inline styles
 * there). Colours as chat.css: text #1b1b1b on white, links #0b4f8a; every pair meets WCAG AA.
 * Status is always written out; colour only repeats it.
 */
import { createHash } from 'node:crypto';

export const STAFF_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { color: #1b1b1b; background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; overflow-wrap: break-word; }
body { margin: 0; }
a { color: #0b4f8a; text-underline-offset: 0.15em; }
a:hover { color: #06345c; text-decoration-thickness: 2px; }
:focus-visible, input:focus, input:focus-within, select:focus { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 2px #fff; }
.skip-link { position: absolute; left: 0.5rem; top: -3rem; background: #fff; padding: 0.5rem 1rem; z-index: 10; }
.skip-link:focus { top: 0.5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.site-header { background: #eef3f8; border-bottom: 1px solid #c9d0d8; }
.site-header .inner, main, .site-footer { max-width: 80rem; margin: 0 auto; padding: 0.5rem 1rem; }
.site-header .inner { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; align-items: center; justify-content: space-between; }
.site-name { font-weight: 700; margin: 0; }
.site-nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none; margin: 0; padding: 0; }
.site-nav a { display: inline-block; padding: 0.25rem 0; }
.site-nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.who { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0; }
.who form { margin: 0; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 0.75rem; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 0.5rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end; margin: 0 0 1rem; padding: 0.75rem; border: 1px solid #c9d0d8; border-radius: 4px; }
.field { display: flex; flex-direction: column; gap: 0.2rem; }
label { font-weight: 600; }
input, select, textarea, button { font: inherit; }
input, select { padding: 0.35rem 0.5rem; border: 1px solid #6b6b6b; border-radius: 3px; background: #fff; color: #1b1b1b; min-height: 2.25rem; }
.button { display: inline-block; padding: 0.4rem 1rem; border: 2px solid #0b4f8a; border-radius: 4px; background: #0b4f8a; color: #fff; cursor: pointer; text-decoration: none; }
.button:hover { background: #06345c; border-color: #06345c; color: #fff; }
.button-secondary { background: #fff; color: #0b4f8a; }
.button-secondary:hover { background: #eef3f8; color: #06345c; }
.button-danger { background: #a0001c; border-color: #a0001c; }
.button-danger:hover { background: #6e0013; border-color: #6e0013; }
.scroll { overflow-x: auto; margin: 0 0 1rem; position: relative; } /* relative: keeps visually-hidden text inside the scroll box */
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #9a9a9a; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eef3f8; }
td.number, th.number { text-align: right; }
.overdue { background: #fde7e9; color: #8a1020; font-weight: 700; }
.failed { color: #8a1020; font-weight: 700; }
.notice { padding: 0.75rem 1rem; border-left: 4px solid #0b4f8a; background: #eef3f8; }
.error { padding: 0.75rem 1rem; border-left: 4px solid #a0001c; background: #fde7e9; color: #5e0010; }
.transcript { list-style: none; padding: 0; margin: 0; }
.turn { margin: 0 0 0.75rem; padding: 0.6rem 0.8rem; border: 1px solid #c9d0d8; border-radius: 6px; max-width: 52rem; }
.turn-resident { background: #f6f6f6; margin-left: 0; }
.turn-bot { background: #fff; margin-left: 2rem; border-left: 4px solid #0b4f8a; }
.turn .who-said { font-weight: 700; margin: 0 0 0.25rem; }
.turn .text { white-space: pre-wrap; margin: 0; }
.turn dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.1rem 0.75rem; margin: 0.5rem 0 0; font-size: 0.95rem; }
.turn dt { font-weight: 600; }
.turn dd { margin: 0; }
.meta { color: #4a4a4a; font-size: 0.95rem; }
dl.details { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1rem; }
dd { overflow-wrap: anywhere; }
dl.details dt { font-weight: 600; }
dl.details dd { margin: 0; white-space: pre-wrap; }
.login { max-width: 26rem; }
.login .field { margin-bottom: 1rem; }
.pager { display: flex; gap: 1rem; align-items: center; }
.inline-form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
.checkbox { display: flex; gap: 0.5rem; align-items: center; }
.checkbox input { width: 1.25rem; height: 1.25rem; min-height: 0; }
.checkbox label { font-weight: 400; }
ul.variants { margin: 0; padding-left: 1.2rem; }
@media (max-width: 40rem) {
  .turn-bot { margin-left: 0.5rem; }
  dl.details, .turn dl { grid-template-columns: minmax(0, 1fr); }
  dl.details dd, .turn dd { margin-bottom: 0.4rem; }
}
`;

export const STAFF_CSS_VERSION = createHash('sha256').update(STAFF_CSS).digest('hex').slice(0, 12);
