/**
 * The content lint's report: per municipality, the GDPR Art. 13 checklist, outdated statements
 * and content-quality findings. Plain data (JSON-serialisable): the CLI prints it as text or
 * JSON, and src/server/pages/contentReportPage.ts renders it as HTML.
 */

/** How well a notice tells one Art. 13 item. */
export const ART13_STATUSES = ['present', 'partial', 'missing', 'outdated', 'not_applicable'] as const;
export type Art13Status = (typeof ART13_STATUSES)[number];

/**
 * How one part of an item (e.g. "the right to erasure" of the rights item) is supported:
 * - `present`: the notice's text says it (or the structured data the reviewers took from it does)
 * - `weak`: only mentioned in passing (a general description of the law, an outdated term)
 * - `tag_only`: a section is tagged with the topic, but its text does not say it
 * - `missing`: nowhere
 */
export const PART_STATUSES = ['present', 'weak', 'tag_only', 'missing'] as const;
export type PartStatus = (typeof PART_STATUSES)[number];

/** Where the lint found support: a section id, or structured data such as `contacts.dpo`. */
export interface Evidence {
  place: string;
  /** `text`: the section's title or text matched; `tag`: only its topics; `data`: structured data. */
  by: 'text' | 'tag' | 'data';
  /** The matched sentence (shortened), for `text` evidence. */
  quote?: string;
}

export interface PartResult {
  id: string;
  label: string;
  status: PartStatus;
  /** The places that decided the status (the strongest kind found). */
  evidence: Evidence[];
  /** Why a part is only `weak` (bokmål). */
  note?: string;
}

export interface Art13Result {
  rule: string;
  /** e.g. "13(1)(a)". */
  article: string;
  label: string;
  status: Art13Status;
  /** Partial only because sections are tagged with the topic, with no supporting text. */
  tagOnly: boolean;
  parts: PartResult[];
  /** Distinct places used as evidence, over all parts. */
  places: string[];
  /** One line in Norwegian (bokmål) explaining the status. */
  note: string;
}

export type Certainty = 'sure' | 'may';

export interface OutdatedFinding {
  municipality: string;
  section: string;
  rule: string;
  /** The sentence of the notice that matched, verbatim. */
  sentence: string;
  /** Why it is outdated (bokmål). */
  why: string;
  /** Since when, e.g. "16. juli 2020". */
  since: string;
  /** `sure`: outdated; `may`: may be outdated (e.g. a title the municipality may have kept). */
  certainty: Certainty;
}

export const QUALITY_CHECKS = [
  'questions-none',
  'questions-few',
  'questions-duplicate',
  'questions-repeated',
  'contact-phone',
  'contact-email',
  'delivery-none',
  'contact-incomplete',
  'topics-empty',
  'web-junk',
  'lost-link',
  'lost-address',
] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

export interface QualityFinding {
  municipality: string;
  /** `error` fails `--strict`; `warning` does not. */
  severity: 'error' | 'warning';
  check: QualityCheck;
  /** A section id, `contacts.dpo`, `contacts.service_office`, or several section ids joined by ", ". */
  place: string;
  message: string;
  /** The offending text, where there is one. */
  excerpt?: string;
}

export interface MunicipalityReport {
  id: string;
  name: string;
  sections: number;
  art13: Art13Result[];
  outdated: OutdatedFinding[];
  quality: QualityFinding[];
}

export interface ContentReport {
  municipalities: MunicipalityReport[];
  summary: {
    municipalities: number;
    /** Art. 13 items not `present` (or `not_applicable`), over all municipalities. */
    art13Gaps: number;
    outdated: number;
    qualityErrors: number;
    qualityWarnings: number;
  };
}
