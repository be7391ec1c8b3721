/**
 * Per-file progress (0..1) of one multipart upload from the bytes sent so far: the files go
 * in order, so file i is done once `loaded` passes the sizes of files 0..i. Multipart headers
 * add a little to each part; that slack is small and only shifts the bars slightly.
 */
export function progressPerFile(sizes: readonly number[], loaded: number, total?: number): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  // Spread the multipart overhead (boundaries, headers, the text field) evenly over the files.
  const overhead = total !== undefined && total > sum && sizes.length > 0 ? (total - sum) / sizes.length : 0;
  let before = 0;
  return sizes.map((size) => {
    const span = size + overhead;
    const start = before;
    before += span;
    if (span <= 0) return loaded >= start ? 1 : 0;
    return Math.min(1, Math.max(0, (loaded - start) / span));
  });
}
