/**
 * GET /tilgjengelighetserklaering: the accessibility statement for the chat pages, in bokmål.
 * With ?kommune=<id> it names that municipality and its contact for reporting problems.
 *
 * Keep it true: it lists only what the browser test (test/browser/chat.test.ts) and the manual
 * checks actually cover, and the limitations we know of. Update LAST_UPDATED when it changes.
 */
import type { Municipality } from '../../content/schema';
import type { Assets } from './assets';
import { contactLine, serviceContact } from './contact';
import { html } from './html';
import { layout } from './layout';

const LAST_UPDATED = '26. november 2026';

export function statementPage(municipality: Municipality | undefined, assets: Assets): string {
  const contact = municipality ? serviceContact(municipality) : undefined;
  const chatLink = municipality ? html`<p><a href="${`/chat/${encodeURIComponent(municipality.id)}`}">Tilbake til chatten for ${municipality.name}</a></p>` : html`<p><a href="/">Til oversikten over kommuner med chat om personvern</a></p>`;
  const report = contact
    ? html`<p>Kontakt ${municipality?.name ?? 'kommunen'}: ${contactLine(contact)}.</p>`
    : html`<p>Kontakt kommunen din, for eksempel servicetorget eller postmottaket.</p>`;

  const body = html`<header class="page-header">
  <h1>Tilgjengelighetserklæring for chatten om personvern</h1>
</header>
<main class="page-main statement">
  ${chatLink}
  <p>Denne erklæringen gjelder chatten der du kan spørre om personvern${municipality ? html` i ${municipality.name}` : ''}: chattesiden for hver kommune (også når den er bygd inn på kommunens nettsted), oversikten over kommuner og denne siden. Kommunen som tilbyr chatten, er ansvarlig for at den er universelt utformet.</p>

  <h2>Krav og mål</h2>
  <p>Offentlige virksomheter skal følge forskrift om universell utforming av informasjons- og kommunikasjonsteknologiske (IKT)-løsninger. Forskriften viser til retningslinjene WCAG 2.1 (Web Content Accessibility Guidelines). Målet er at chatten oppfyller alle suksesskriteriene på nivå A og AA i WCAG 2.1.</p>

  <h2>Hva vi har testet</h2>
  <ul>
    <li><strong>Tastatur:</strong> Chatten kan brukes uten mus. Med Tab kommer du til skrivefeltet, Enter sender spørsmålet, og knappene «Last ned samtalen» og «Slett samtalen» og lenkene nås med Tab. Elementet som har fokus, er tydelig markert.</li>
    <li><strong>Skjermleser:</strong> Nye svar fra chatten leses opp automatisk fra et levende område (live region) i chatkomponenten. Skrivefeltet, send-knappen og chatteloggen har navn på bokmål eller nynorsk etter kommunens målform, og språket på siden er oppgitt, slik at skjermleseren kan bruke riktig uttale. Beskjeden om at samtalen er slettet, leses også opp.</li>
    <li><strong>Automatisk testing:</strong> Ved hver endring testes chattesiden, oversikten over kommuner og denne siden automatisk i en nettleser med verktøyet axe-core. Testen stopper endringen hvis den finner brudd med alvorlighetsgrad «alvorlig» eller «kritisk».</li>
    <li><strong>Kontrast:</strong> Tekst, knapper og meldingsbobler har et kontrastforhold på minst 4,5:1 mot bakgrunnen.</li>
    <li><strong>Forstørring og små skjermer:</strong> Sidene kan forstørres og brukes på en skjerm som er 320 piksler bred, uten at du må rulle sidelengs.</li>
  </ul>

  <h2>Kjente begrensninger</h2>
  <ul>
    <li>Chatkomponenten (Bot Framework Web Chat fra Microsoft) er laget av en tredjepart. Vi har oversatt tekstene den viser og leser opp, til bokmål og nynorsk. Møter du likevel engelsk tekst i chatten, vil vi gjerne høre om det.</li>
    <li>Chatten svarer på engelsk når du spør på engelsk. Språket i slike svar er ikke merket i koden, så en skjermleser kan lese dem med norsk uttale.</li>
    <li>Svarene siterer personvernerklæringen til kommunen ordrett. Språket i sitatene er kommunens eget og kan være tungt å lese.</li>
    <li>Chatten er ikke testet av brukere med funksjonsnedsettelser, og ikke med alle kombinasjoner av skjermleser og nettleser. Automatiske tester finner bare en del av mulige feil.</li>
  </ul>

  <h2>Meld fra om problemer</h2>
  <p>Finner du noe som ikke fungerer for deg, eller trenger du informasjonen på en annen måte? Skriv gjerne hvilken side det gjelder, hva du prøvde å gjøre, og hvilken nettleser og eventuelle hjelpemidler du bruker.</p>
  ${report}
  <p>Får du ikke svar, eller er du ikke fornøyd med svaret, kan du melde fra til Tilsynet for universell utforming av IKT på <a href="https://www.uutilsynet.no/">uutilsynet.no</a>. Kommunenes tilgjengelighetserklæringer for egne nettsteder finner du på <a href="https://uustatus.no/">uustatus.no</a>.</p>

  <p class="updated">Sist oppdatert ${LAST_UPDATED}.</p>
</main>`;

  return layout({ lang: 'nb', title: 'Tilgjengelighetserklæring – chat om personvern', stylesheet: assets.url('chat.css'), body });
}
