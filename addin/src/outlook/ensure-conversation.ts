import type { ApiClient, Conversation } from '@confer/ui';
import { chooseConversation } from './share-plan';
import { t } from '../messages';

export type EnsuredConversation = {
  conversation: Conversation;
  /** How the recipients hear about it (see the result message). */
  outcome: 'created' | 'added' | 'existing';
};

/**
 * The matter's external conversation with exactly these clients and third parties: an existing
 * one (joining it if needed, and adding recipients it lacks), or a new one. Creating a
 * conversation and adding contacts email each of them their secure link.
 */
export async function ensureExternalConversation(
  api: ApiClient,
  matterId: string,
  recipientIds: string[],
): Promise<EnsuredConversation> {
  const { items } = await api.listMatterConversations(matterId);
  const choice = chooseConversation(items, recipientIds);
  if (choice.kind === 'new') {
    const conversation = await api.createConversation({
      kind: 'external_matter',
      matterId,
      contactIds: recipientIds,
      requireMfa: true,
    });
    return { conversation, outcome: 'created' };
  }
  let conversation = choice.conversation;
  if (!conversation.joined) conversation = await api.joinConversation(conversation.id);
  if (choice.missing.length > 0) {
    conversation = await api.addParticipants(conversation.id, { contactIds: choice.missing });
    return { conversation, outcome: 'added' };
  }
  return { conversation, outcome: 'existing' };
}

/** What the recipients receive, in words for staff. */
export function describeDelivery(outcome: EnsuredConversation['outcome'], names: string): string {
  switch (outcome) {
    case 'created':
      return t.outlook.deliveryCreated(names);
    case 'added':
      return t.outlook.deliveryAdded;
    case 'existing':
      return t.outlook.deliveryExisting(names);
  }
}
