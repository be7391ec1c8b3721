import { useState } from 'react';
import type { ContactDraft, ContactFieldErrors } from './contact-form';

/** A contact form's draft and its field errors; changing a field clears that field's error. */
export function useContactDraft(initial: ContactDraft | (() => ContactDraft)) {
  const [draft, setDraft] = useState<ContactDraft>(initial);
  const [fieldErrors, setFieldErrors] = useState<ContactFieldErrors>({});

  function change(patch: Partial<ContactDraft>) {
    setDraft((prev) => ({ ...prev, ...patch }));
    setFieldErrors((prev) => {
      const next = { ...prev };
      for (const key of Object.keys(patch) as (keyof ContactDraft)[]) delete next[key];
      return next;
    });
  }

  return { draft, change, fieldErrors, setFieldErrors };
}
