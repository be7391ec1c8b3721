import type { EmailAddress, ReadMailItem } from '../office/office-host';

/** The distinct addresses of an email's people (lower case), without the signed-in staff member's own. */
export function peopleOf(addresses: Array<EmailAddress | null>, ownEmail: string): EmailAddress[] {
  const own = ownEmail.trim().toLowerCase();
  const seen = new Set<string>();
  const people: EmailAddress[] = [];
  for (const address of addresses) {
    if (!address) continue;
    const email = address.email.trim().toLowerCase();
    if (!email || email === own || seen.has(email) || !/^[^\s@]+@[^\s@]+$/.test(email)) continue;
    seen.add(email);
    people.push({ name: address.name, email });
  }
  return people.slice(0, 50);
}

export const peopleOfReadItem = (item: ReadMailItem, ownEmail: string) =>
  peopleOf([item.from, ...item.to, ...item.cc], ownEmail);
