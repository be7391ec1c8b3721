import { Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import type { ContactKind } from '@confer/ui';
import { MOBILE_HINT, type ContactDraft, type ContactFieldErrors } from './contact-form';
import { t } from '../messages';

type ContactDetailsFieldsProps = {
  draft: ContactDraft;
  errors: ContactFieldErrors;
  /** Called with the one field that changed. */
  onChange: (patch: Partial<ContactDraft>) => void;
  /** Whether to ask client or third party (new contacts only). */
  withKind?: boolean;
};

/** Name, email and mobile (and optionally the kind) of a contact, each with its own message. */
export function ContactDetailsFields({ draft, errors, onChange, withKind }: ContactDetailsFieldsProps) {
  return (
    <>
      <Field label={t.matters.name} required validationMessage={errors.name}>
        <Input value={draft.name} onChange={(_, d) => onChange({ name: d.value })} autoComplete="off" />
      </Field>
      <Field label={t.matters.email} validationMessage={errors.email}>
        <Input
          type="email"
          value={draft.email}
          onChange={(_, d) => onChange({ email: d.value })}
          placeholder={t.matters.nameExampleCom}
          autoComplete="off"
        />
      </Field>
      <Field label={t.matters.mobile} hint={MOBILE_HINT} validationMessage={errors.mobile}>
        <Input
          type="tel"
          value={draft.mobile}
          onChange={(_, d) => onChange({ mobile: d.value })}
          placeholder="+44 7400 123456"
          autoComplete="off"
        />
      </Field>
      {withKind && (
        <Field label={t.matters.type} validationMessage={errors.kind}>
          <RadioGroup
            layout="horizontal"
            value={draft.kind}
            onChange={(_, d) => onChange({ kind: d.value as ContactKind })}
          >
            <Radio value="client" label={t.matters.client} />
            <Radio value="third_party" label={t.matters.thirdParty} />
          </RadioGroup>
        </Field>
      )}
    </>
  );
}
