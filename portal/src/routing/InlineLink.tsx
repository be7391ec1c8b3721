import type { MouseEvent, ReactNode } from 'react';
import { Link } from '@fluentui/react-components';
import { routeHref, type Route } from './route';
import { navigate } from './navigation';

/** A Fluent text link to a portal screen (for links inside sentences). */
export function InlineLink({ to, children }: { to: Route; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Link inline href={routeHref(to)} onClick={onClick}>
      {children}
    </Link>
  );
}
