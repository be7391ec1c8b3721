import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { PortalMessage } from '@confer/ui';
import { dayKeyOf, formatDayLabel } from '@confer/ui/format-time';
import { groupByDay } from './merge-messages';
import { MessageItem } from './MessageItem';
import { t } from '../messages';

const useStyles = makeStyles({
  scroll: {
    flex: '1 1 auto',
    minHeight: 0,
    overflowY: 'auto',
    overscrollBehavior: 'contain',
  },
  inner: {
    maxWidth: '820px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  older: { alignSelf: 'center' },
  day: { display: 'flex', flexDirection: 'column' },
  // A plain separator in the flow: a sticky label would float over the messages scrolling under it.
  dayHeading: {
    alignSelf: 'center',
    margin: `${tokens.spacingVerticalS} 0`,
    padding: `2px ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  start: { alignSelf: 'center', color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalS },
});

export type MessageListProps = {
  messages: PortalMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onEdit?: (message: PortalMessage) => void;
  /** Shown after the last message, e.g. empty state. */
  footer?: ReactNode;
};

const nearBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight < 120;

/** Messages grouped by day, oldest at the top; keeps the view at the newest message as they arrive. */
export function MessageList({ messages, hasOlder, loadingOlder, onLoadOlder, onEdit, footer }: MessageListProps) {
  const styles = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const previous = useRef<{ firstId: string | null; lastId: string | null; height: number; atBottom: boolean }>({
    firstId: null,
    lastId: null,
    height: 0,
    atBottom: true,
  });

  // Before paint: follow new messages at the bottom; keep the place when older ones are added on top.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const first = messages[0]?.id ?? null;
    const last = messages.at(-1);
    const before = previous.current;
    if (before.firstId !== null && first !== before.firstId && last?.id === before.lastId) {
      el.scrollTop += el.scrollHeight - before.height;
    } else if (last && last.id !== before.lastId && (before.atBottom || last.mine || before.lastId === null)) {
      el.scrollTop = el.scrollHeight;
    }
    previous.current = { firstId: first, lastId: last?.id ?? null, height: el.scrollHeight, atBottom: nearBottom(el) };
  }, [messages]);

  // The composer growing (a longer draft, files added) or the window resizing shrinks this
  // list: whoever was reading the newest message keeps seeing it instead of it sliding under.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (previous.current.atBottom) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const groups = groupByDay(messages, dayKeyOf);

  return (
    <div
      ref={scrollRef}
      className={styles.scroll}
      onScroll={(event) => {
        previous.current.atBottom = nearBottom(event.currentTarget);
        previous.current.height = event.currentTarget.scrollHeight;
      }}
    >
      <div className={styles.inner}>
        {hasOlder ? (
          <Button className={styles.older} appearance="secondary" onClick={onLoadOlder} disabled={loadingOlder}>
            {loadingOlder ? t.conversations.loading : t.conversations.showEarlierMessages}
          </Button>
        ) : messages.length > 0 ? (
          <Caption1 className={styles.start}>{t.conversations.thisIsTheStart}</Caption1>
        ) : null}
        {groups.map((group) => (
          <div key={group.key} className={styles.day}>
            <h3 className={styles.dayHeading}>{formatDayLabel(group.firstAt)}</h3>
            <ol className={styles.list}>
              {group.messages.map((message) => (
                <MessageItem key={message.id} message={message} onEdit={onEdit} />
              ))}
            </ol>
          </div>
        ))}
        {footer}
      </div>
    </div>
  );
}
