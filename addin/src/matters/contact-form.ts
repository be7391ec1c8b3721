import type { Contact, ContactKind, CreateContactInput, UpdateContactInput } from '@confer/ui';
import { t } from '../messages';

/** What the contact forms hold: plain strings as typed. */
export type ContactDraft = { name: string; email: string; mobile: string; kind: ContactKind };

export type ContactField = keyof ContactDraft;

export type ContactFieldErrors = Partial<Record<ContactField, string>>;

export const MOBILE_HINT = t.matters.internationalFormatEG;

const FIELD_LABEL: Record<ContactField, string> = {
  name: t.matters.fieldName,
  email: t.matters.fieldEmail,
  mobile: t.matters.fieldMobile,
  kind: t.matters.fieldType,
};

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const EMPTY_CONTACT_DRAFT: ContactDraft = { name: '', email: '', mobile: '', kind: 'client' };

export function draftOfContact(contact: Contact): ContactDraft {
  return { name: contact.name, email: contact.email ?? '', mobile: contact.mobile ?? '', kind: contact.kind };
}

/**
 * What can be said before asking the server: a name is needed and an email must look like one.
 * Mobiles are left to the server, which reads national numbers in the firm's country.
 */
export function checkContactDraft(draft: ContactDraft): ContactFieldErrors {
  const errors: ContactFieldErrors = {};
  if (!draft.name.trim()) errors.name = t.matters.enterAName;
  const email = draft.email.trim();
  if (email && !EMAIL_PATTERN.test(email)) errors.email = t.matters.enterAnEmailAddress;
  return errors;
}

/** The body of POST /contacts: trimmed, blank email and mobile left out. */
export function readNewContact(draft: ContactDraft): CreateContactInput {
  const email = draft.email.trim();
  const mobile = draft.mobile.trim();
  return {
    name: draft.name.trim(),
    ...(email ? { email } : {}),
    ...(mobile ? { mobile } : {}),
    kind: draft.kind,
  };
}

/**
 * The body of PATCH /contacts/:id: only the name, email and mobile that changed; a cleared
 * email or mobile is sent as null. A mobile typed differently from the stored E.164 form
 * (spaces, national prefix) counts as a change so the server can normalise it.
 */
export function readContactChanges(contact: Contact, draft: ContactDraft): UpdateContactInput {
  const changes: UpdateContactInput = {};
  const name = draft.name.trim();
  const email = draft.email.trim() || null;
  const mobile = draft.mobile.trim() || null;
  if (name !== contact.name) changes.name = name;
  if (email !== contact.email) changes.email = email;
  if (mobile !== contact.mobile) changes.mobile = mobile;
  return changes;
}

/**
 * Server validation messages (by field, from `fieldErrorsOf`) as sentences for the contact
 * forms: "is not a valid phone number" on `mobile` reads "Mobile is not a valid phone number."
 * Fields the forms do not show are left out.
 */
export function contactFieldMessages(byField: Record<string, string>): ContactFieldErrors {
  const out: ContactFieldErrors = {};
  for (const field of Object.keys(FIELD_LABEL) as ContactField[]) {
    const message = byField[field]?.trim();
    if (!message) continue;
    const sentence = /^[a-z]/.test(message) ? `${FIELD_LABEL[field]} ${message}` : message;
    out[field] = /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
  }
  return out;
}

/** Search results that can still be added: not already on the matter. */
export function contactsToOffer(found: readonly Contact[], linkedIds: ReadonlySet<string>): Contact[] {
  return found.filter((c) => !linkedIds.has(c.id));
}
