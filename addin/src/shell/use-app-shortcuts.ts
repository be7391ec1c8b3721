import { useEffect, useRef } from 'react';
import { navigateTo, type Route } from './use-hash-route';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return target.value.length > 0;
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement;
}

/** Something that handles Escape itself is open: a dialog, a menu, a popover or a listbox. */
function overlayOpen(): boolean {
  return document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]') !== null;
}

/**
 * App-wide keys: Ctrl/Cmd+K opens the jump-to dialog; Escape on a conversation goes back to
 * Home (not while typing a message, nor when a dialog or menu is open, which close first).
 */
export function useAppShortcuts(route: Route, openJump: () => void): void {
  const latest = useRef({ route, openJump });
  useEffect(() => {
    latest.current = { route, openJump };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        latest.current.openJump();
        return;
      }
      if (event.key !== 'Escape' || latest.current.route.name !== 'conversation') return;
      if (isTyping(event.target) || overlayOpen()) return;
      event.preventDefault();
      navigateTo({ name: 'home' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
