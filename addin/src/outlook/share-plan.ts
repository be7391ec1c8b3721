import type { Contact, Conversation } from '@confer/ui';
import { t } from '../messages';

/**
 * Splits files into sends the API accepts (the deployment's limits from /me: at most
 * `maxFiles` files and `maxBytes` each), keeping their order. A file larger than a whole send
 * cannot be sent and is returned apart.
 */
export function planSends<T extends { size: number }>(
  files: T[],
  limits: { maxFiles: number; maxBytes: number },
): { batches: T[][]; tooLarge: T[] } {
  const batches: T[][] = [];
  const tooLarge: T[] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (file.size > limits.maxBytes) {
      tooLarge.push(file);
      continue;
    }
    if (current.length === limits.maxFiles || bytes + file.size > limits.maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return { batches, tooLarge };
}

const activeContactIds = (conversation: Conversation) =>
  new Set(
    conversation.participants
      .filter((p) => p.kind === 'contact' && p.contactId && !p.leftAt)
      .map((p) => p.contactId as string),
  );

/**
 * Where files for these recipients go in a matter: an open external conversation whose clients
 * and third parties are exactly the recipients; else one holding only some of them (the others
 * are added, which emails them their secure link); else a new one. A conversation with anyone
 * else in it is never chosen: the files must reach only the people picked.
 */
export function chooseConversation(
  conversations: Conversation[],
  recipientIds: string[],
): { kind: 'existing'; conversation: Conversation; missing: string[] } | { kind: 'new' } {
  const wanted = new Set(recipientIds);
  const candidates = conversations
    .filter((c) => c.kind === 'external_matter' && !c.archivedAt)
    .map((c) => ({ conversation: c, contacts: activeContactIds(c) }))
    .filter(({ contacts }) => contacts.size > 0 && [...contacts].every((id) => wanted.has(id)))
    .sort(
      (a, b) =>
        b.contacts.size - a.contacts.size ||
        (b.conversation.lastMessageAt ?? b.conversation.createdAt).localeCompare(
          a.conversation.lastMessageAt ?? a.conversation.createdAt,
        ),
    );
  const best = candidates[0];
  if (!best) return { kind: 'new' };
  return {
    kind: 'existing',
    conversation: best.conversation,
    missing: recipientIds.filter((id) => !best.contacts.has(id)),
  };
}

/** Names for people: "Jordan Ellis", "Jordan Ellis and Sam Ellis", "A, B and C". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return t.outlook.joinNames(names.slice(0, -1).join(', '), names[names.length - 1]!);
}

/** Contacts that can receive a secure link: active, with an email address. */
export const reachable = (contact: Contact) => contact.active && Boolean(contact.email);
