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
      setError('A message cannot be empty.');
      return;
    }
    if (chars > PORTAL_LIMITS.messageChars) {
      setError(`A message can have at most ${PORTAL_LIMITS.messageChars.toLocaleString()} characters.`);
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
        <DialogTitle>Edit your message</DialogTitle>
        <DialogContent className={styles.form}>
          <Field
            label="Message"
            validationState={error ? 'error' : 'none'}
            validationMessage={error ?? undefined}
            hint={`${chars.toLocaleString()} of ${PORTAL_LIMITS.messageChars.toLocaleString()} characters`}
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
            Cancel
          </Button>
          <Button appearance="primary" type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}
