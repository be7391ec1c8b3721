import type { AnchorHTMLAttributes, MouseEvent, Ref } from 'react';
import { routeHref, type Route } from './route';
import { navigate } from './navigation';

export type RouterLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: Route;
  ref?: Ref<HTMLAnchorElement>;
};

/** A real link (`href`, opens in a new tab with a modifier) that moves inside the portal on a plain click. */
export function RouterLink({ to, onClick, ...rest }: RouterLinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...rest} href={routeHref(to)} onClick={handleClick} />;
}
