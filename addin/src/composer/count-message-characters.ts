/** The API refuses longer bodies. */
export const MAX_MESSAGE_LENGTH = 2000;

const numberFormat = new Intl.NumberFormat();

/** Characters as the server counts them: Unicode code points (an emoji is one, not two). */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

export function formatCount(n: number): string {
  return numberFormat.format(n);
}
