/**
 * A municipality's contact as a short line of markup: name, e-mail and phone as links. Only
 * what the content file states is shown; nothing is guessed.
 */
import type { Contact, Municipality } from '../../content/schema';
import { html, type SafeHtml } from './html';

/** The contact residents should use for questions about the service (service office first). */
export function serviceContact(municipality: Municipality): Contact | undefined {
  return municipality.contacts.service_office ?? municipality.contacts.dpo;
}

export function contactLine(contact: Contact): SafeHtml {
  const parts: SafeHtml[] = [html`<span>${contact.name}</span>`];
  if (contact.email) parts.push(html`<a href="${`mailto:${contact.email}`}">${contact.email}</a>`);
  if (contact.phone) {
    const digits = contact.phone.replace(/\s+/g, '');
    parts.push(html`<a href="${`tel:${digits}`}">${contact.phone}</a>`);
  }
  return html`${parts.map((part, i) => (i === 0 ? part : html`, ${part}`))}`;
}
