import type { SmsPlanRecipient } from '@confer/ui';

/** One sentence for the composer: who will be texted (the server's plan decides who can be). */
export function describeSmsPlan(plans: readonly Pick<SmsPlanRecipient, 'name' | 'reason'>[]): string {
  const textable = plans.filter((p) => p.reason === null).map((p) => p.name);
  if (plans.length === 0) return 'No clients or third parties in this conversation to text.';
  if (textable.length === 0) return 'No one here can be texted.';
  return `Will be texted to ${joinNames(textable)}.`;
}

export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
