import type { LiveMessage, Me, Message, MessageAuthor, Participant, ReadReceipt } from '@confer/ui';

/** Whether the participant wrote the message (authors carry a staff/contact id or a participant id). */
export function isAuthoredBy(author: MessageAuthor, participant: Participant): boolean {
  if (author.id === participant.id) return true;
  return author.kind === 'staff' ? author.id === participant.staffId : author.id === participant.contactId;
}

/** Whether the signed-in staff member wrote the message. */
export function isOwnMessage(message: Pick<Message, 'author'> | LiveMessage, me: Me, myParticipantId?: string) {
  const { author } = message;
  return author.kind === 'staff' && (author.id === me.staff.id || (!!myParticipantId && author.id === myParticipantId));
}

/**
 * Who has read a message: the server's `readBy` plus every participant whose read position
 * (from `read.updated` events) has reached the message, minus the author and the viewer.
 */
export function collectReadReceipts(
  message: Pick<Message, 'seq' | 'author'> & { readBy?: ReadReceipt[] },
  participants: Participant[],
  readPositions: Record<string, number>,
  viewerParticipantId: string | undefined,
): ReadReceipt[] {
  const seen = new Set<string>();
  const receipts: ReadReceipt[] = [];
  const add = (receipt: ReadReceipt) => {
    if (seen.has(receipt.participantId) || receipt.participantId === viewerParticipantId) return;
    seen.add(receipt.participantId);
    receipts.push(receipt);
  };
  for (const receipt of message.readBy ?? []) {
    const participant = participants.find((p) => p.id === receipt.participantId);
    if (participant && isAuthoredBy(message.author, participant)) continue;
    add(receipt);
  }
  for (const participant of participants) {
    const position = readPositions[participant.id];
    if (position === undefined || position < message.seq) continue;
    if (isAuthoredBy(message.author, participant)) continue;
    add({ participantId: participant.id, name: participant.name, initials: participant.initials });
  }
  return receipts;
}
