import { useCallback, useEffect, useState } from 'react';
import { Button, Link, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { AcknowledgementTask } from '@confer/ui';
import { describeError } from '@confer/ui';
import { formatDateTime } from '@confer/ui/format-time';
import { routeHref } from '../shell/use-hash-route';
import { t } from '../messages';
import { useAcknowledgementLiveEvents } from './acknowledgement-live-events';
import { useAcknowledgementsApi } from './use-acknowledgements-api';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  text: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  excerpt: {
    color: tokens.colorNeutralForeground2,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Home: your messages past their acknowledge-by deadline without an answer (nothing when there are none). */
export function AcknowledgementTasks() {
  const styles = useStyles();
  const api = useAcknowledgementsApi();
  const [tasks, setTasks] = useState<AcknowledgementTask[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setTasks((await api.listTasks({ signal })).items);
      } catch (e) {
        if (!signal?.aborted) console.warn('Could not load tasks', e);
      }
    },
    [api],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);
  useAcknowledgementLiveEvents(() => void load());

  async function close(messageId: string) {
    try {
      setError(null);
      setTasks((await api.closeTask(messageId)).items);
    } catch (e) {
      setError(e);
    }
  }

  if (tasks.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="acknowledgement-tasks-heading">
      <Subtitle1 as="h2" id="acknowledgement-tasks-heading">
        {t.acknowledgements.tasksHeading}
      </Subtitle1>
      <ul className={styles.list} aria-labelledby="acknowledgement-tasks-heading">
        {tasks.map((task) => (
          <li key={task.messageId} className={styles.item}>
            <span className={styles.text}>
              <Link href={routeHref({ name: 'conversation', conversationId: task.conversationId, seq: null })}>
                {(task.kind === 'reply' ? t.acknowledgements.noReplyIn : t.acknowledgements.notAcknowledgedIn)(
                  task.conversationTitle,
                  formatDateTime(task.dueAt),
                )}
              </Link>
              <Text size={200} className={styles.excerpt}>
                {task.excerpt}
              </Text>
            </span>
            <Button size="small" onClick={() => void close(task.messageId)}>
              {t.acknowledgements.done}
            </Button>
          </li>
        ))}
      </ul>
      {error != null && (
        <Text size={200} role="alert" className={styles.error}>
          {describeError(error)}
        </Text>
      )}
    </section>
  );
}
