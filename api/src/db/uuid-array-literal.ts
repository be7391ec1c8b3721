const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A uuid[] literal for a `$n::uuid[]` parameter, read the same by both drivers. Duplicates
 * are dropped unless `unique` is false; every id is checked, so nothing else gets in.
 */
export function uuidArrayLiteral(ids: Iterable<string>, options: { unique?: boolean } = {}): string {
  const list = options.unique === false ? [...ids] : [...new Set(ids)];
  for (const id of list) if (!uuidPattern.test(id)) throw new Error(`Not a uuid: ${id}`);
  return `{${list.join(',')}}`;
}
