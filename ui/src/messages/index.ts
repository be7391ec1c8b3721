import { Fragment, createElement, type ReactNode } from 'react';

/**
 * The shape of an app's message catalogue (`portal/src/messages/en.ts`, `addin/src/messages/en.ts`):
 * a nested object, grouped by feature folder, whose leaves are the words people see — a string, or
 * a function for a string with values or plurals in it (`unread: (n: number) => …`). English now;
 * a firm's language would be another object of type `TCatalogue<typeof en>`. No library: keys are
 * plain property accesses, so a missing key is a type error and the bundle carries only the words.
 */
export type TMessage = string | ((...args: never[]) => string);

export type TMessageTree = { readonly [key: string]: TMessage | TMessageTree };

/** Another language's catalogue for `T`: the same keys; strings for strings, functions of the same arguments. */
export type TCatalogue<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...args: infer A) => string
      ? (...args: A) => string
      : TCatalogue<T[K]>;
};

/** Checks that every leaf is a string or a string-returning function, and keeps the literal type. */
export function defineMessages<const T extends TMessageTree>(messages: T): T {
  return messages;
}

/** English plural: `one` when n is 1, else `other`. */
export function plural(n: number, one: string, other: string): string {
  return n === 1 ? one : other;
}

/**
 * A catalogue string with `{name}` placeholders for parts that are elements (a link inside a
 * sentence), filled in as React children: `fill(t.todo.caughtUp, { link: <InlineLink … /> })`.
 * A placeholder without a value stays as written, so a wrong name shows on screen and in tests.
 */
export function fill(template: string, values: Readonly<Record<string, ReactNode>>): ReactNode {
  const parts = template.split(/\{(\w+)\}/);
  const children = parts.map((part, i) => (i % 2 === 0 ? part : part in values ? values[part] : `{${part}}`));
  return createElement(Fragment, null, ...children.filter((child) => child !== ''));
}
