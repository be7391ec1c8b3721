import { useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { PORTAL_LIMITS, describeError, type PortalMessage } from '@confer/ui';
import { portalClient } from '../session/portal-client';
import { countChars } from './file-limits';
import { t } from '../messages';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  textarea: { minHeight: '8em' },
});

export type EditMessageDialogProps = {
  message: PortalMessage | null;
  onClose: () => void;
  onSaved: (message: PortalMessage) => void;
};

export function EditMessageDialog({ message, onClose, onSaved }: EditMessageDialogProps) {
  return (
    <Dialog open={message !== null} onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        {message ? <EditForm key={message.id} message={message} onClose={onClose} onSaved={onSaved} /> : null}
      </DialogSurface>
    </Dialog>
  );
}

function EditForm({
  message,
  onClose,
  onSaved,
}: {
  message: PortalMessage;
  onClose: () => void;
  onSaved: (m: PortalMessage) => void;
}) {
  const styles = useStyles();
  const [body, setBody] = useState(message.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chars = countChars(body);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!/\S/u.test(body)) {
      setError(t.conversations.messageCannotBeEmpty);
      return;
    }
    if (chars > PORTAL_LIMITS.messageChars) {
      setError(t.conversations.messageTooLong(PORTAL_LIMITS.messageChars.toLocaleString()));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await portalClient.editMessage(message.id, body.trim()));
      onClose();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save}>
      <DialogBody>
        <DialogTitle>{t.conversations.editYourMessage}</DialogTitle>
        <DialogContent className={styles.form}>
          <Field
            label={t.conversations.message}
            validationState={error ? 'error' : 'none'}
            validationMessage={error ?? undefined}
            hint={t.conversations.ofCharacters(chars.toLocaleString(), PORTAL_LIMITS.messageChars.toLocaleString())}
          >
            <Textarea
              className={styles.textarea}
              value={body}
              resize="vertical"
              onChange={(_e, data) => setBody(data.value)}
            />
          </Field>
        </DialogContent>
        <DialogActions>
          <Button appearance="secondary" onClick={onClose}>
            {t.conversations.cancel}
          </Button>
          <Button appearance="primary" type="submit" disabled={busy}>
            {busy ? t.conversations.saving : t.conversations.save}
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}
