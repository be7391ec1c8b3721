import { Spinner, Text } from '@fluentui/react-components';
import type { Matter } from '@confer/ui';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ErrorNotice } from '@confer/ui/errors';
import { useApi } from '../common/use-api';
import { useLoader } from '@confer/ui';
import { t } from '../messages';

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
      title={t.matters.closeMatter(matter.number)}
      body={
        <>
          {state.status === 'loading' && <Spinner size="tiny" label={t.matters.countingItsConversations} />}
          {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
          {state.status === 'ready' && (
            <Text>
              {state.data.length === 0
                ? t.matters.itHasNoOpen
                : t.matters.conversationsBecomeReadOnly(
                    plural(state.data.length, t.matters.openConversation, t.matters.openConversations),
                    state.data.length,
                    external,
                  )}
            </Text>
          )}
          <Text>{t.matters.clientsAndThirdParties}</Text>
        </>
      }
      confirmLabel={t.matters.closeMatterLabel}
      busyLabel={t.matters.closing}
      cancelLabel={t.matters.cancel}
      onConfirm={async () => onClosed(await api.closeMatter(matter.id))}
      onClose={onClose}
    />
  );
}
