import { CounterBadge } from '@fluentui/react-components';
import { VisuallyHidden } from '@confer/ui/components';
import { t } from '../messages';

export function describeUnread(count: number): string {
  return t.common.unreadMessages(count);
}

/** A count bubble when there is something unread; screen readers hear ", 3 unread messages". */
export function UnreadBadge({ count, size = 'small' }: { count: number; size?: 'small' | 'medium' }) {
  if (count <= 0) return null;
  return (
    <>
      <CounterBadge count={count} overflowCount={99} size={size} color="brand" aria-hidden="true" />
      <VisuallyHidden>, {describeUnread(count)}</VisuallyHidden>
    </>
  );
}
