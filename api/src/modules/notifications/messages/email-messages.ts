import { en } from './en.js';

/** The keys of the emails' message catalogue. */
export type TEmailMessageKey = keyof typeof en;

/** A catalogue for one language: every key, each with the same `{placeholders}` as English. */
export type TEmailMessages = { readonly [K in TEmailMessageKey]: string };

/** The names inside `{...}` in a message. */
type TPlaceholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | TPlaceholders<Rest>
  : never;

/** What a message needs filled in: exactly its placeholders (nothing for a message without any). */
export type TMessageValues<K extends TEmailMessageKey> = [TPlaceholders<(typeof en)[K]>] extends [never]
  ? []
  : [values: Record<TPlaceholders<(typeof en)[K]>, string | number>];

/** Looks a message up in a catalogue and fills in its values (as text: escaping is the HTML part's job). */
export type TTranslate = <K extends TEmailMessageKey>(key: K, ...values: TMessageValues<K>) => string;

export function translator(messages: TEmailMessages = en): TTranslate {
  return (key, ...args) => {
    const values = (args[0] ?? {}) as Record<string, string | number>;
    return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  };
}
