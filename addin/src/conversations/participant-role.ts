import type { Participant } from '@confer/ui';

const CONTACT_ROLE = { client: 'Client', third_party: 'Third party' } as const;

/** A participant's part, as the people lists word it: "Client", "Third party", "Contact" or "Staff". */
export function participantRole(p: Participant): string {
  if (p.kind !== 'contact') return 'Staff';
  return p.contactKind ? CONTACT_ROLE[p.contactKind] : 'Contact';
}

/** "Jordan Ellis (client)": the name, with the part a client or third party plays. */
export function describeParticipant(p: Participant): string {
  return p.contactKind ? `${p.name} (${CONTACT_ROLE[p.contactKind].toLowerCase()})` : p.name;
}
