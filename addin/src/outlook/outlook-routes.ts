import { routeHref } from '../shell/use-hash-route';

/**
 * The manifest opens the task pane on `taskpane.html?view=share-attachments` or
 * `?view=share-files` (query, not fragment: Office appends its own parameters to the query).
 * The app routes with the fragment, so the view becomes the starting route.
 */
export function outlookViewRoute(search: string): string | null {
  const view = new URLSearchParams(search).get('view');
  if (view === 'share-attachments') return routeHref({ name: 'outlook-share-attachments' });
  if (view === 'share-files') return routeHref({ name: 'outlook-share-files' });
  return null;
}
