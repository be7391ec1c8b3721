import { useState } from 'react';
import { Field, Input } from '@fluentui/react-components';
import { splitMessageText, toSafeLinkHref } from '@confer/ui/message-text';
import { FormDialog } from '../extras/FormDialog';
import { t } from '../messages';

type AddLinkDialogProps = {
  open: boolean;
  initialText: string;
  /** Receives the `[text](url)` to insert at the cursor. */
  onInsert: (markdown: string) => void;
  onClose: () => void;
};

/** https://, http://, mailto: and tel: only; a bare host such as "example.com" gets https://. */
function normaliseUrl(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed);
  const candidate = hasScheme ? trimmed : /^[^\s/@]+\.[^\s/@]+/.test(trimmed) ? `https://${trimmed}` : trimmed;
  return toSafeLinkHref(candidate);
}

/** Parentheses would end the `(url)` part early; percent-encoding them keeps the same address. */
function escapeUrlForMarkdown(href: string): string {
  return href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

export function AddLinkDialog({ open, initialText, onInsert, onClose }: AddLinkDialogProps) {
  const [text, setText] = useState(initialText.replace(/[\r\n]+/g, ' ').trim());
  const [url, setUrl] = useState('');
  const [textError, setTextError] = useState<string | undefined>();
  const [urlError, setUrlError] = useState<string | undefined>();

  function submit() {
    const href = normaliseUrl(url);
    const label = text.trim();
    let ok = true;
    if (!href) {
      setUrlError(t.composer.enterAWebAddress);
      ok = false;
    }
    if (/[[\]\r\n]/.test(label)) {
      setTextError(t.composer.theTextToShow);
      ok = false;
    }
    if (!ok || !href) return;
    const markdown = `[${label || href}](${escapeUrlForMarkdown(href)})`;
    // Belt and braces: what we insert must read back as exactly one link.
    const parts = splitMessageText(markdown);
    if (parts.length !== 1 || parts[0]?.kind !== 'link') {
      setUrlError(t.composer.thisAddressCannotBe);
      return;
    }
    onInsert(markdown);
  }

  return (
    <FormDialog
      open={open}
      title={t.composer.addLink}
      submitLabel={t.composer.insertLink}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label={t.composer.textToShow} hint={t.composer.leaveEmptyToShow} validationMessage={textError}>
        <Input
          value={text}
          onChange={(_, d) => {
            setText(d.value);
            setTextError(undefined);
          }}
          autoComplete="off"
        />
      </Field>
      <Field label={t.composer.address} required validationMessage={urlError}>
        <Input
          type="url"
          value={url}
          placeholder={t.composer.https}
          onChange={(_, d) => {
            setUrl(d.value);
            setUrlError(undefined);
          }}
          autoComplete="off"
        />
      </Field>
    </FormDialog>
  );
}
