export type TextEdit = { value: string; caret: number };

/** Replaces `value[start, end)` with `insert` and puts the caret right after it. */
export function insertTextAtSelection(value: string, start: number, end: number, insert: string): TextEdit {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  return { value: value.slice(0, from) + insert + value.slice(to), caret: from + insert.length };
}
