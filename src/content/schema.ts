/**
 * The shape of the content files in content/: one per municipality plus general.yaml.
 * Validated once when loaded; the rest of the code works with these complete, typed values.
 */
import { z } from 'zod';

/** Written standards of Norwegian a municipality uses: bokmål or nynorsk. */
export const MALFORMS = ['nb', 'nn'] as const;
export type Malform = (typeof MALFORMS)[number];

/** Languages the bot answers in: the two målformer and English. */
export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A controlled vocabulary of what a section is about. Reviewers tag sections with it, the
 * composer uses it (e.g. a `dpo` section also shows the DPO's contact card) and the content
 * lint checks a notice against GDPR Art. 13 with it.
 */
export const TOPICS = [
  'about', 'definitions', 'principles', 'controller', 'dpo', 'contact', 'purpose', 'legal_basis',
  'consent', 'categories', 'sensitive_data', 'collection', 'sharing', 'processors', 'transfers',
  'retention', 'archive', 'security', 'confidentiality', 'access_control', 'rights', 'access',
  'rectification', 'erasure', 'restriction', 'portability', 'objection', 'automated_decisions',
  'complaint', 'deadline', 'identity_check', 'public_records', 'case_handling', 'website',
  'cookies', 'analytics', 'logs', 'email', 'phone', 'social_media', 'digital_mail', 'forms',
  'min_side', 'school', 'health', 'children', 'employees', 'video_surveillance', 'changes',
] as const;
export type Topic = (typeof TOPICS)[number];

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** A way to reach a person or office, with only what the notice states. */
export const contactSchema = z.strictObject({
  name: nonEmpty,
  phone: z.string().regex(/^\+?[0-9 ]{8,16}$/, 'must be a phone number like "70 23 00 00"').optional(),
  email: z.email('must be an e-mail address').optional(),
  address: nonEmpty.optional(),
  url: z.url('must be a URL').optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/**
 * Where the municipality receives rights requests and messages for the DPO. Configuration, not a
 * fact shown to residents; secrets stay in the environment (the variable named by secret_env).
 */
export const deliverySchema = z
  .strictObject({
    webhook: z
      .strictObject({
        url: z.url('must be a URL'),
        secret_env: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must name an environment variable, e.g. ASKIM_WEBHOOK_SECRET'),
      })
      .optional(),
    email: z.strictObject({ to: z.email('must be an e-mail address') }).optional(),
  })
  .refine((d) => d.webhook || d.email, 'must name a webhook or an e-mail address');
export type Delivery = z.infer<typeof deliverySchema>;

export const sectionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"'),
  title: nonEmpty,
  text: nonEmpty,
  topics: z.array(z.enum(TOPICS)).default([]),
  /** Short ways a resident would ask what this section answers, in nb, nn and en. */
  questions: z.array(nonEmpty).default([]),
});
export type Section = z.infer<typeof sectionSchema>;

export const municipalitySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and "-"'),
    name: nonEmpty,
    målform: z.enum(MALFORMS),
    url: z.url('must be a URL').optional(),
    controller: nonEmpty,
    contacts: z
      .strictObject({
        service_office: contactSchema.optional(),
        dpo: contactSchema.optional(),
      })
      .default({}),
    /** Without it, requests go by e-mail to the service office's address, else the DPO's. */
    delivery: deliverySchema.optional(),
    sections: z.array(sectionSchema).min(1, 'must have at least one section'),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.sections.forEach((s, i) => {
      if (seen.has(s.id)) {
        ctx.addIssue({ code: 'custom', path: ['sections', i, 'id'], message: `duplicate section id "${s.id}"` });
      }
      seen.add(s.id);
    });
  });
export type Municipality = z.infer<typeof municipalitySchema>;

const localisedText = z.strictObject({ nb: nonEmpty, nn: nonEmpty, en: nonEmpty });
export type LocalisedText = z.infer<typeof localisedText>;

/** One piece of general GDPR knowledge, never specific to a municipality. */
export const generalEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"'),
  topics: z.array(z.enum(TOPICS)).min(1, 'must name at least one topic'),
  /** The legal source, e.g. "GDPR art. 15". */
  source: nonEmpty,
  title: localisedText,
  text: localisedText,
  questions: z.array(nonEmpty).min(1, 'must have at least one question variant'),
});
export type GeneralEntry = z.infer<typeof generalEntrySchema>;

export const generalSchema = z.strictObject({
  entries: z.array(generalEntrySchema).min(1, 'must have at least one entry'),
});
export type GeneralKnowledge = z.infer<typeof generalSchema>;
