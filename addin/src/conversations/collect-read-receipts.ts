import {
  READERS_LISTED_UP_TO,
  type LiveMessage,
  type Me,
  type Message,
  type MessageAuthor,
  type Participant,
  type ReadReceipt,
} from '@confer/ui';

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
  message: Pick<Message, 'seq' | 'author'> & { readBy?: ReadReceipt[] | null },
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

/** Read marks seen live: where each participant is now, and where they were when first seen. */
export type ReadMarks = { positions: Record<string, number>; from: Record<string, number> };

/** What a message shows: readers' initials in small conversations, "Seen by N" in large ones. */
export type ReceiptSummary = { kind: 'names'; receipts: ReadReceipt[] } | { kind: 'count'; count: number };

/**
 * The read receipts of a message. Up to READERS_LISTED_UP_TO participants, by name (see
 * collectReadReceipts). Beyond that, a count: the server's `readCount` when the message was
 * loaded, plus everyone whose read mark has since moved past it (never the author).
 */
export function summarizeReadReceipts(
  message: Pick<Message, 'seq' | 'author'> & { readBy?: ReadReceipt[] | null; readCount?: number },
  participants: Participant[],
  marks: ReadMarks,
  viewerParticipantId: string | undefined,
): ReceiptSummary {
  if (participants.length <= READERS_LISTED_UP_TO) {
    return {
      kind: 'names',
      receipts: collectReadReceipts(message, participants, marks.positions, viewerParticipantId),
    };
  }
  let count = message.readCount ?? 0;
  for (const [participantId, position] of Object.entries(marks.positions)) {
    if (position < message.seq || (marks.from[participantId] ?? position) >= message.seq) continue;
    const participant = participants.find((p) => p.id === participantId);
    if (participant && isAuthoredBy(message.author, participant)) continue;
    count += 1;
  }
  return { kind: 'count', count };
}
