import type { Conversation } from '@confer/ui';
import { t } from '../messages';

export type TNewRecipient = { id: string; name: string; kind: 'client' | 'third_party' };

/**
 * The clients and third parties added to a conversation since its last message: they will see
 * what is sent next though they saw none of what came before, so the author is told before
 * sending. Staff added are not listed (they are inside the firm and its matter restrictions).
 * `lastMessageAt`: the newest message known to the screen, or the conversation's own.
 */
export function findNewRecipients(conversation: Conversation, lastMessageAt: string | null): TNewRecipient[] {
  if (!lastMessageAt) return [];
  const since = Date.parse(lastMessageAt);
  return conversation.participants
    .filter((p) => p.kind === 'contact' && p.leftAt === null && Date.parse(p.joinedAt) > since)
    .map((p) => ({ id: p.id, name: p.name, kind: p.contactKind ?? 'client' }));
}

/** "Dana Reyes (third party)", "Sam Cole (client) and Dana Reyes (third party)". */
export function describeRecipients(recipients: TNewRecipient[]): string {
  const named = recipients.map((r) =>
    t.conversations.nameWithRole(
      r.name,
      r.kind === 'third_party' ? t.conversations.roleThirdParty : t.conversations.roleClient,
    ),
  );
  return named.length <= 1 ? (named[0] ?? '') : t.conversations.joinNames(named.slice(0, -1).join(', '), named.at(-1)!);
}
