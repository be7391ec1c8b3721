import { Spinner, Text } from '@fluentui/react-components';
import type { Matter } from '@confer/ui';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ErrorNotice } from '@confer/ui/errors';
import { useApi } from '../common/use-api';
import { useLoader } from '@confer/ui';

type CloseMatterDialogProps = {
  open: boolean;
  matter: Matter;
  onClosed: (matter: Matter) => void;
  onClose: () => void;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Asks before closing a matter, saying what happens to its conversations and that it can be undone. */
export function CloseMatterDialog({ open, matter, onClosed, onClose }: CloseMatterDialogProps) {
  const api = useApi();
  const { state, reload } = useLoader(
    (signal) => api.listMatterConversations(matter.id, { signal }).then((r) => r.items.filter((c) => !c.archivedAt)),
    [api, matter.id],
  );
  const external = state.status === 'ready' ? state.data.filter((c) => c.kind === 'external_matter').length : 0;
  return (
    <ConfirmDialog
      open={open}
      title={`Close matter ${matter.number}?`}
      body={
        <>
          {state.status === 'loading' && <Spinner size="tiny" label="Counting its conversations…" />}
          {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
          {state.status === 'ready' && (
            <Text>
              {state.data.length === 0
                ? 'It has no open conversations.'
                : `Its ${plural(state.data.length, 'open conversation', 'open conversations')}${external ? ` (${external} with clients or third parties)` : ''} become read-only: everyone can still read the messages and files, but nobody can send new ones.`}
            </Text>
          )}
          <Text>
            Clients and third parties keep access to what was already shared with them. You can reopen the matter later:
            the conversations closed with it open again.
          </Text>
        </>
      }
      confirmLabel="Close matter"
      busyLabel="Closing…"
      cancelLabel="Cancel"
      onConfirm={async () => onClosed(await api.closeMatter(matter.id))}
      onClose={onClose}
    />
  );
}
