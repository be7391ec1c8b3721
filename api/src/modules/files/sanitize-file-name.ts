const reservedDeviceNames = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const maxBytes = 255;

/**
 * A file name safe to store and to offer in Content-Disposition: no path (only what follows
 * the last / or \), no control or bidi-override characters, no characters Windows forbids,
 * no leading dots or trailing dots/spaces, not a reserved device name, at most 255 bytes of
 * UTF-8 (cut on a character boundary, keeping the extension). Names in any script stay
 * readable; an empty result becomes "file".
 */
export function sanitizeFileName(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '');
  name = name.replace(/[<>:"|?*]/g, '_');
  name = name.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  if (!name) name = 'file';
  if (reservedDeviceNames.test(name)) name = `_${name}`;
  if (Buffer.byteLength(name, 'utf8') > maxBytes) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    const budget = maxBytes - Buffer.byteLength(ext, 'utf8');
    let stem = '';
    for (const ch of Array.from(ext ? name.slice(0, dot) : name)) {
      if (Buffer.byteLength(stem + ch, 'utf8') > budget) break;
      stem += ch;
    }
    name = stem + ext;
  }
  return name;
}

/** RFC 6266 / 5987 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
