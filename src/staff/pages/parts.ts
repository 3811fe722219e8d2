/** Small pieces the staff pages share: form fields, times and numbers as staff read them. */
import { norwegianDateTime } from '../../requests/references';
import { html, type SafeHtml } from '../../server/pages/html';

/** "2026-03-05 11:12" in Norwegian time; the raw text when it is not a time. */
export function dateTime(iso: string | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : norwegianDateTime(date);
}

/** 0.82 → "0,82". */
export function decimal(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(2).replace('.', ',');
}

export interface Option {
  value: string;
  label: string;
}

export function selectField(name: string, label: string, options: readonly Option[], selected: string | undefined): SafeHtml {
  const id = `f-${name}`;
  return html`<div class="field"><label for="${id}">${label}</label>
<select id="${id}" name="${name}">${options.map((o) => html`<option value="${o.value}"${o.value === (selected ?? '') ? html` selected` : ''}>${o.label}</option>`)}</select></div>`;
}

export function dateField(name: string, label: string, value: string | undefined): SafeHtml {
  const id = `f-${name}`;
  return html`<div class="field"><label for="${id}">${label}</label><input type="date" id="${id}" name="${name}" value="${value ?? ''}"></div>`;
}

export function textField(name: string, label: string, value: string | undefined): SafeHtml {
  const id = `f-${name}`;
  return html`<div class="field"><label for="${id}">${label}</label><input type="text" id="${id}" name="${name}" value="${value ?? ''}"></div>`;
}

/** The municipality filter: shown to admins only (staff always see their own). */
export function municipalityField(municipalities: readonly { id: string; name: string }[], selected: string | undefined, isAdmin: boolean): SafeHtml | '' {
  if (!isAdmin) return '';
  return selectField('municipality', 'Kommune', [{ value: '', label: 'Alle kommuner' }, ...municipalities.map((m) => ({ value: m.id, label: m.name }))], selected);
}

export function filterForm(action: string, label: string, fields: readonly (SafeHtml | '')[]): SafeHtml {
  return html`<form class="filters" method="get" action="${action}" aria-label="${label}">
${fields}
<div class="field"><button type="submit" class="button">Vis</button></div>
</form>`;
}
