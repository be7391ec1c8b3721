import type { LiveMessage, Me } from '@confer/ui';
import { useApi } from '../common/use-api';
import { checkDocumentAttended } from '../files/check-document-attended';
import { isOwnMessage } from '../conversations/collect-read-receipts';
import { useLiveEvents, useMessagingStore } from '../conversations/use-messaging';
import { desktopNotificationsSupported, readDesktopNotificationPrefs } from './desktop-notification-prefs';
import { navigateTo } from './use-hash-route';
import { t } from '../messages';

/** Events replayed after a reconnect are older than this: no notification for them. */
const FRESH_MS = 2 * 60 * 1000;
const PREVIEW_CHARS = 140;

function preview(message: LiveMessage): string {
  const text = message.body.replace(/\s+/gu, ' ').trim();
  if (!text) return message.files.length > 0 ? t.shell.sentAFile : t.shell.newMessage;
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

/**
 * Desktop notifications (when this browser switched them on and permission is granted) for
 * direct messages and for messages from clients and third parties; none for my own messages or
 * the conversation open on an attended page. Unless "show content" was chosen a notification
 * names neither the person nor the matter, and carries no text. A click opens the conversation.
 */
export function useDesktopNotifications(me: Me, openConversationId: string | null): void {
  const store = useMessagingStore();
  const api = useApi();

  async function isDirect(conversationId: string): Promise<boolean> {
    const { unread, lists } = store.getSnapshot();
    const kind = unread.byConversation[conversationId]?.kind ?? lists.direct.find((c) => c.id === conversationId)?.kind;
    if (kind) return kind === 'direct';
    const conversation = await api.getConversation(conversationId).catch(() => null);
    return conversation?.kind === 'direct';
  }

  useLiveEvents((event) => {
    if (event.type !== 'message.created' || !desktopNotificationsSupported()) return;
    const prefs = readDesktopNotificationPrefs();
    if (!prefs.enabled || Notification.permission !== 'granted') return;
    const { conversationId, message } = event.data;
    if (isOwnMessage(message, me)) return;
    if (Date.now() - Date.parse(message.createdAt) > FRESH_MS) return;
    if (conversationId === openConversationId && checkDocumentAttended()) return;
    const fromOutside = message.author.kind === 'contact';
    void (fromOutside ? Promise.resolve(false) : isDirect(conversationId)).then((direct) => {
      if (!fromOutside && !direct) return;
      const hidden = {
        title: t.shell.appName,
        body: direct ? t.shell.newDirectMessage : t.shell.newMessageFromA,
      };
      const shown = { title: message.author.name, body: preview(message) };
      const { title, body } = prefs.showContent ? shown : hidden;
      let notification: Notification;
      try {
        notification = new Notification(title, { body, tag: conversationId });
      } catch {
        return; // a browser that shows notifications only through a service worker
      }
      notification.onclick = () => {
        window.focus();
        navigateTo({ name: 'conversation', conversationId, seq: null });
        notification.close();
      };
    });
  });
}
