#!/usr/bin/env node
// confer verify <export.json>: recomputes a conversation record's hash chain (the JSON manifest
// of "Export record") without a database and reports the first altered entry. Exit 0: intact;
// 1: altered; 2: not a record (or unreadable).
//
// Each entry's hash is SHA-256 over (UTF-8) "confer-record/1", its position, kind and the
// previous entry's hash (64 zeros for the first), then one "key=value" line per field in key
// byte order (null as empty), joined by "\n": the same text as confer_record_canonical in
// api/drizzle/0019_tamper_evident_record.sql. The texts and file hashes in `messages` are
// checked against the SHA-256 values the chain holds.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const zeros = '0'.repeat(64);

function canonical(entry) {
  const keys = Object.keys(entry.fields).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    'confer-record/1',
    String(entry.position),
    entry.kind,
    entry.prevHash,
    ...keys.map((k) => `${k}=${entry.fields[k] ?? ''}`),
  ].join('\n');
}

/** What the readable part of the manifest says an entry's content is, if it says. */
function contentMatches(entry, messages) {
  const m = messages.get(entry.fields.message_id);
  if (!m) return true;
  const texts = Array.isArray(m.texts) ? m.texts : [];
  if (entry.kind === 'message') return texts[0] !== undefined && sha256(texts[0]) === entry.fields.body_sha256;
  if (entry.kind === 'revision') {
    const n = Number(entry.fields.revision);
    return (
      texts[n - 1] !== undefined &&
      texts[n] !== undefined &&
      sha256(texts[n - 1]) === entry.fields.replaced_body_sha256 &&
      sha256(texts[n]) === entry.fields.body_sha256
    );
  }
  if (entry.kind === 'attachment') {
    const file = (m.files ?? []).find((f) => f.versionId === entry.fields.document_version_id);
    return !file || (file.sha256 === entry.fields.sha256 && String(file.size) === entry.fields.size);
  }
  if (entry.kind === 'acknowledgement') {
    const a = m.acknowledgement;
    return !a || (a.acknowledgedAt === entry.fields.acknowledged_at && a.via === entry.fields.acknowledged_via);
  }
  return true;
}

/** The first entry that does not hold ({ position, kind, reason }), or null when the chain is intact. */
function verifyRecord(record) {
  if (!record || record.format !== 'confer-record/1' || !Array.isArray(record.entries)) {
    throw new Error('not a Confer record (format confer-record/1 with entries)');
  }
  const messages = new Map((record.messages ?? []).map((m) => [m.id, m]));
  let previous = zeros;
  for (const [i, entry] of record.entries.entries()) {
    const at = { position: entry?.position ?? i + 1, kind: entry?.kind ?? 'unknown' };
    if (!entry || typeof entry.fields !== 'object' || entry.fields === null) return { ...at, reason: 'malformed' };
    if (entry.position !== i + 1 || entry.prevHash !== previous) return { ...at, reason: 'link' };
    if (sha256(canonical(entry)) !== entry.hash) return { ...at, reason: 'hash' };
    if (!contentMatches(entry, messages)) return { ...at, reason: 'content' };
    previous = entry.hash;
  }
  return null;
}

function main(argv) {
  const [command, file] = argv;
  if (command !== 'verify' || !file) {
    console.error('usage: confer verify <export.json>');
    return 2;
  }
  let record;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`confer verify: cannot read ${file}: ${error.message}`);
    return 2;
  }
  let broken;
  try {
    broken = verifyRecord(record);
  } catch (error) {
    console.error(`confer verify: ${error.message}`);
    return 2;
  }
  if (broken) {
    console.log(`altered: entry ${broken.position} (${broken.kind}): ${broken.reason}`);
    return 1;
  }
  const last = record.entries.at(-1)?.hash ?? zeros;
  const n = record.entries.length;
  console.log(`intact: ${n} ${n === 1 ? 'entry' : 'entries'}, last hash ${last}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
