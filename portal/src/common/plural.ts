/** "1 document", "12 documents": a count in the reader's digits with its noun. */
export const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;
