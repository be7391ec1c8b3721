import type { SmsPlanRecipient } from '@confer/ui';
import { t } from '../messages';

/** One sentence for the composer: who will be texted (the server's plan decides who can be). */
export function describeSmsPlan(plans: readonly Pick<SmsPlanRecipient, 'name' | 'reason'>[]): string {
  const textable = plans.filter((p) => p.reason === null).map((p) => p.name);
  if (plans.length === 0) return t.sms.noClientsOrThird;
  if (textable.length === 0) return t.sms.noOneHereCan;
  return t.sms.willBeTextedTo(joinNames(textable));
}

export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return t.sms.joinNames(names.slice(0, -1).join(', '), names.at(-1)!);
}
