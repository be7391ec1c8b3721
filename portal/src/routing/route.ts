export type ConversationTab = 'messages' | 'files' | 'pinned';

export type Route =
  | { name: 'todo' }
  | { name: 'conversations' }
  | { name: 'conversation'; conversationId: string; tab: ConversationTab }
  | { name: 'file'; conversationId: string; versionId: string }
  /** A document in a conversation: its live share (always the latest version), else its newest attachment. */
  | { name: 'document'; conversationId: string; documentId: string }
  | { name: 'documents' }
  | { name: 'forms' }
  | { name: 'form'; requestId: string }
  | { name: 'events' }
  | { name: 'billing' }
  /** The client's passkeys. */
  | { name: 'security' }
  /** How the client is told of new messages (email, SMS, quiet hours, daily digest). */
  | { name: 'notifications' };

/** Where the portal is served; every path below is relative to it. */
export const BASE_PATH = import.meta.env.BASE_URL.replace(/\/+$/, '');

function decode(segment: string): string | null {
  try {
    const value = decodeURIComponent(segment);
    return value ? value : null;
  } catch {
    return null;
  }
}

/** Events, Billing, Passkeys, the Forms tab (`/docs/forms`, also `/documents/forms` and `/forms`) and a form (`/forms/<id>`). */
function parseExtrasRoute(parts: string[]): Route | null {
  const [section, id] = parts;
  if (section === 'events' && parts.length === 1) return { name: 'events' };
  if (section === 'billing' && parts.length === 1) return { name: 'billing' };
  if (section === 'security' && parts.length === 1) return { name: 'security' };
  if (section === 'notifications' && parts.length === 1) return { name: 'notifications' };
  if (section === 'docs' && parts.length === 1) return { name: 'documents' };
  if ((section === 'docs' || section === 'documents') && id === 'forms' && parts.length === 2) return { name: 'forms' };
  if (section === 'forms' && parts.length === 1) return { name: 'forms' };
  if (section === 'forms' && parts.length === 2 && id) {
    const requestId = decode(id);
    return requestId ? { name: 'form', requestId } : { name: 'forms' };
  }
  return null;
}

/** `/portal/messages/<id>/files` → a route; anything unknown is To do. */
export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname;
  const parts = path.split('/').filter(Boolean);
  const [section, id, tab, versionId] = parts;
  if (section === 'documents' && parts.length === 1) return { name: 'documents' };
  const extra = parseExtrasRoute(parts);
  if (extra) return extra;
  if (section !== 'messages') return { name: 'todo' };
  if (!id) return { name: 'conversations' };
  const conversationId = decode(id);
  if (!conversationId) return { name: 'conversations' };
  if (tab === 'documents' && versionId) {
    const documentId = decode(versionId);
    return documentId ? { name: 'document', conversationId, documentId } : { name: 'conversations' };
  }
  if (tab === 'files' && versionId) {
    const version = decode(versionId);
    return version ? { name: 'file', conversationId, versionId: version } : { name: 'conversations' };
  }
  if (tab === 'files' || tab === 'pinned') return { name: 'conversation', conversationId, tab };
  return { name: 'conversation', conversationId, tab: 'messages' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'conversations':
      return `${BASE_PATH}/messages`;
    case 'conversation': {
      const base = `${BASE_PATH}/messages/${encodeURIComponent(route.conversationId)}`;
      return route.tab === 'messages' ? base : `${base}/${route.tab}`;
    }
    case 'file':
      return `${BASE_PATH}/messages/${encodeURIComponent(route.conversationId)}/files/${encodeURIComponent(route.versionId)}`;
    case 'document':
      return `${BASE_PATH}/messages/${encodeURIComponent(route.conversationId)}/documents/${encodeURIComponent(route.documentId)}`;
    case 'documents':
      return `${BASE_PATH}/documents`;
    case 'forms':
      return `${BASE_PATH}/docs/forms`;
    case 'form':
      return `${BASE_PATH}/forms/${encodeURIComponent(route.requestId)}`;
    case 'events':
      return `${BASE_PATH}/events`;
    case 'billing':
      return `${BASE_PATH}/billing`;
    case 'security':
      return `${BASE_PATH}/security`;
    case 'notifications':
      return `${BASE_PATH}/notifications`;
    default:
      return `${BASE_PATH}/`;
  }
}
