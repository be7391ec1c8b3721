import { formatFileSize, useLoader } from '@confer/ui';
import { useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { MatterDocument } from '@confer/ui';
import { documentSourceLabel } from './document-source-label';
import { ErrorNotice } from '@confer/ui/errors';
import { formatActivityTime } from '@confer/ui/format-time';
import { useFilesApi } from './use-files-api';
import { t } from '../messages';

type MatterDocumentPickerProps = {
  open: boolean;
  matterId: string;
  title: string;
  description: string;
  confirmLabel: string;
  busyLabel: string;
  /** Several documents (checkboxes) or one (radio buttons). */
  multiple: boolean;
  onPick: (documents: MatterDocument[]) => Promise<void> | void;
  onClose: () => void;
};

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    maxHeight: '50vh',
    overflowY: 'auto',
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Same-named documents are told apart by version, date, size and source. */
const describe = (doc: MatterDocument) =>
  t.files.describeDocument(
    doc.name,
    doc.latest.version,
    formatActivityTime(doc.updatedAt),
    formatFileSize(doc.latest.size),
    documentSourceLabel(doc.source),
  );

/** Lists a matter's documents to pick from (to attach a copy, or to share live). */
export function MatterDocumentPicker(props: MatterDocumentPickerProps) {
  const styles = useStyles();
  const filesApi = useFilesApi();
  const { state, reload } = useLoader(
    (signal) => filesApi.listMatterDocuments(props.matterId, { signal }),
    [filesApi, props.matterId],
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const documents = state.status === 'ready' ? state.data.items : [];

  function toggle(id: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(props.multiple ? current : []);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await props.onPick(documents.filter((d) => selected.has(d.id)));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <Dialog open={props.open} onOpenChange={(_, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>
            <Text as="p">{props.description}</Text>
            {state.status === 'loading' && <Spinner size="small" label={t.files.loadingDocuments} />}
            {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
            {state.status === 'ready' && documents.length === 0 && (
              <Text as="p" className={styles.muted}>
                {t.files.thisMatterHasNo}
              </Text>
            )}
            {documents.length > 0 &&
              (props.multiple ? (
                <div className={styles.list} role="group" aria-label={t.files.matterDocuments}>
                  {documents.map((doc) => (
                    <Checkbox
                      key={doc.id}
                      label={describe(doc)}
                      checked={selected.has(doc.id)}
                      onChange={(_, data) => toggle(doc.id, data.checked === true)}
                    />
                  ))}
                </div>
              ) : (
                <RadioGroup
                  className={styles.list}
                  aria-label={t.files.matterDocuments}
                  value={[...selected][0] ?? ''}
                  onChange={(_, data) => toggle(data.value, true)}
                >
                  {documents.map((doc) => (
                    <Radio key={doc.id} value={doc.id} label={describe(doc)} />
                  ))}
                </RadioGroup>
              ))}
            {error != null && <ErrorNotice error={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onClose}>
              {t.files.cancel}
            </Button>
            <Button appearance="primary" disabledFocusable={busy || selected.size === 0} onClick={() => void confirm()}>
              {busy ? props.busyLabel : props.confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
