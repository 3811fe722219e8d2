/**
 * A tiny HTML builder: the `html` tag escapes every interpolated value unless it is already
 * `SafeHtml` (built by this tag). Pages are composed from these, so a municipality name, a
 * contact e-mail or a URL from content can never inject markup, and nobody has to remember to
 * call escapeHtml at each use.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Markup that is already safe to emit as it is. Only this module creates it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value that may be interpolated: text (escaped), safe markup, or a list of either. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Only http(s) and mailto/tel links from content are emitted as href; anything else (e.g. a
 * `javascript:` URL slipped into a content file) becomes undefined so the caller drops the link.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^(https?:\/\/|mailto:|tel:)/i.test(url) ? url : undefined;
}
