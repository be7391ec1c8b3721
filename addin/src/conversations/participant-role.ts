import type { Participant } from '@confer/ui';
import { t } from '../messages';

/** A participant's part, as the people lists word it: "Client", "Third party", "Contact" or "Staff". */
export function participantRole(p: Participant): string {
  if (p.kind !== 'contact') return t.shell.staff;
  if (p.contactKind === 'client') return t.shell.client;
  if (p.contactKind === 'third_party') return t.shell.thirdParty;
  return t.shell.contact;
}

/** "Jordan Ellis (client)": the name, with the part a client or third party plays. */
export function describeParticipant(p: Participant): string {
  if (p.contactKind === 'client') return t.conversations.nameWithRole(p.name, t.conversations.roleClient);
  if (p.contactKind === 'third_party') return t.conversations.nameWithRole(p.name, t.conversations.roleThirdParty);
  return p.name;
}
