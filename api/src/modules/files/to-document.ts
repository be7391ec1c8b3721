import type { TDocument } from './schemas.js';
import type { TDocumentRow, TVersionRow } from './repository.js';

export function toVersion(v: TVersionRow) {
  return {
    id: v.id,
    version: v.version,
    name: v.name,
    size: Number(v.size),
    contentType: v.contentType,
    sha256: v.sha256,
    createdAt: v.createdAt.toISOString(),
  };
}

export function toDocument(doc: TDocumentRow, latest: TVersionRow): TDocument {
  return {
    id: doc.id,
    matterId: doc.matterId,
    name: doc.name,
    source: doc.source,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    latest: toVersion(latest),
    versionCount: latest.version,
  };
}
