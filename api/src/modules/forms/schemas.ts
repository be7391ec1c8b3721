import { z } from 'zod';
import { ZOneLine } from '../../shared/text-schemas.js';

export const fieldTypes = ['short_text', 'long_text', 'date', 'choice', 'checkbox', 'file'] as const;

export const ZFormField = z
  .object({
    key: z.string().regex(/^[a-z0-9_]{1,40}$/, 'must be 1 to 40 of a-z, 0-9 and _'),
    label: z.string().trim().min(1, 'must not be empty').max(200),
    type: z.enum(fieldTypes),
    required: z.boolean(),
    options: z.array(z.string().trim().min(1, 'must not be empty').max(200)).min(1).max(50).optional(),
    help: z.string().trim().max(1000).optional(),
  })
  .strict()
  .openapi('FormField');

export const ZCreateForm = z
  .object({
    title: ZOneLine(200),
    description: z.string().trim().max(4000).nullable().optional(),
    fields: z.array(ZFormField).min(1, 'add at least one field').max(50),
  })
  .strict()
  .superRefine((form, check) => {
    const seen = new Set<string>();
    form.fields.forEach((field, i) => {
      if (seen.has(field.key)) check.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: 'is used twice' });
      seen.add(field.key);
      if (field.type === 'choice' && !field.options) {
        check.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'a choice needs options' });
      }
      if (field.type !== 'choice' && field.options) {
        check.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'only a choice has options' });
      }
      if (field.options && new Set(field.options).size !== field.options.length) {
        check.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'options must be different' });
      }
    });
  })
  .openapi('CreateForm');
export type TCreateForm = z.infer<typeof ZCreateForm>;

export const ZForm = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    fields: z.array(ZFormField),
    createdAt: z.string(),
  })
  .strict()
  .openapi('Form');
export type TForm = z.infer<typeof ZForm>;

export const ZFormAnswerValue = z.union([
  z.string().max(20_000),
  z.boolean(),
  z.object({ fileIds: z.array(z.string().max(100)).max(50) }).strict(),
]);

export const ZFormAnswers = z
  .object({ answers: z.record(z.string().max(100), ZFormAnswerValue) })
  .strict()
  .openapi('FormAnswers');

export const ZFormRequest = z
  .object({
    id: z.uuid(),
    form: ZForm,
    matterId: z.uuid(),
    matter: z.object({ number: z.string(), title: z.string() }),
    contact: z.object({ id: z.uuid(), name: z.string() }),
    status: z.enum(['sent', 'draft', 'submitted']),
    answers: z.record(z.string(), ZFormAnswerValue),
    files: z.array(z.object({ id: z.uuid(), name: z.string(), size: z.number().int() })),
    sentAt: z.string(),
    draftSavedAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    documents: z.object({ pdfDocumentId: z.uuid(), csvDocumentId: z.uuid() }).nullable(),
  })
  .strict()
  .openapi('FormRequest');
export type TFormRequest = z.infer<typeof ZFormRequest>;

export const ZSendFormRequest = z
  .object({ formId: z.uuid('must be a UUID'), contactId: z.uuid('must be a UUID') })
  .strict()
  .openapi('SendFormRequest');

export const ZFormFileRef = z.object({ id: z.uuid(), name: z.string(), size: z.number().int() }).strict();

export const ZIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
