/**
 * Statements in a notice that are outdated, as data. Only what is certain: each rule names the
 * change and when it happened. `certainty: 'may'` is for what the municipality may have chosen
 * to keep (a title), reported as "may be outdated".
 */
import type { Certainty } from './types';
import type { SentencePattern } from './text';

export interface OutdatedRule {
  id: string;
  /** Short name (bokmål). */
  label: string;
  patterns: readonly SentencePattern[];
  /** A sentence matching one of these already says it is outdated (e.g. "Privacy Shield er kjent ugyldig"). */
  unless?: readonly SentencePattern[];
  why: string;
  since: string;
  certainty: Certainty;
  /** The Art. 13 rule a `sure` finding makes `outdated` when it is in that rule's evidence. */
  affects?: string;
}

export const OUTDATED_RULES: readonly OutdatedRule[] = [
  {
    id: 'privacy-shield',
    label: 'Privacy Shield som overføringsgrunnlag',
    patterns: [/Privacy\s+Shield|personvernskjold/iu],
    unless: [/ugyldig|ikk(?:j)?e\s+lenger|oppheva|opphevet|Schrems/iu],
    why: 'EU–US Privacy Shield ble kjent ugyldig av EU-domstolen i Schrems II-dommen (sak C-311/18) og kan ikke lenger brukes som grunnlag for overføring til USA.',
    since: '16. juli 2020',
    certainty: 'sure',
    affects: 'transfers',
  },
  {
    id: 'fylkesmannen',
    label: 'Fylkesmannen',
    patterns: [/\bfylkesmann(?:en|ens)?\b/iu],
    unless: [/tidlegare|tidligere|\bno\s+statsforvalt|\bnå\s+statsforvalt/iu],
    why: 'Fylkesmannen heter Statsforvalteren (nynorsk: Statsforvaltaren).',
    since: '1. januar 2021',
    certainty: 'sure',
  },
  {
    id: 'radmann',
    label: 'Rådmann som øverste administrative leder',
    patterns: [/\brådmann(?:en|ens)?\b/iu],
    why: 'Kommuneloven av 2018 kaller den øverste administrative lederen kommunedirektør. «Rådmann» kan være utdatert, med mindre kommunen selv har valgt å beholde tittelen.',
    since: 'kommuneloven 2018, i kraft 2019/2020',
    certainty: 'may',
  },
  {
    id: 'personopplysningsloven-2000',
    label: 'Personopplysningsloven av 2000',
    patterns: [
      /personopplysningslov\w*\)?\s+(?:av|fra|frå)\s+(?:\d{1,2}\.\s*(?:\d{1,2}\.|\p{L}+)\s*)?2000(?!\d)/iu,
      /\blov\s+(?:av\s+)?14\.\s*april\s+2000\s+nr\.?\s*31\b/iu,
    ],
    why: 'Personopplysningsloven av 2000 (lov 14. april 2000 nr. 31) ble opphevet da personopplysningsloven av 2018 (lov 15. juni 2018 nr. 38) og personvernforordningen (GDPR) trådte i kraft.',
    since: '20. juli 2018',
    certainty: 'sure',
  },
  {
    id: 'helseregisterloven-2001',
    label: 'Helseregisterloven av 2001',
    patterns: [
      /helseregisterlov\w*\)?\s+(?:av|fra|frå)\s+(?:\d{1,2}\.\s*(?:\d{1,2}\.|\p{L}+)\s*)?2001(?!\d)/iu,
      /\blov\s+(?:av\s+)?18\.\s*mai\s+2001\s+nr\.?\s*24\b/iu,
    ],
    why: 'Helseregisterloven av 2001 (lov 18. mai 2001 nr. 24) er erstattet av helseregisterloven av 2014 (lov 20. juni 2014 nr. 43).',
    since: '1. januar 2015',
    certainty: 'sure',
  },
  {
    id: 'ekomloven-2-7b',
    label: 'Ekomloven § 2-7 b',
    patterns: [/ekom-?lov\w*\s+§\s*2-7\s*b/iu],
    why: 'Ekomloven § 2-7 b er regelen om informasjonskapsler i ekomloven av 2003, som er erstattet av en ny ekomlov. Henvisningen bør oppdateres.',
    since: '1. januar 2025',
    certainty: 'sure',
  },
  {
    id: 'cookie-consent-browser-settings',
    label: 'Samtykke til informasjonskapsler gjennom nettleserinnstillinger',
    patterns: [[/samtykk/iu, /nettles[ae]r/iu, /innstilling/iu]],
    why: 'Etter den nye ekomloven må samtykke til informasjonskapsler som ikke er strengt nødvendige, være et aktivt samtykke slik GDPR krever; innstillinger i nettleseren er ikke lenger nok.',
    since: '1. januar 2025',
    certainty: 'sure',
  },
];
