import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { queryRows } from '../src/db/query-rows.js';
import { bearer, createFirm, createMatter } from './support/fixtures.js';
import { externalConversation, send } from './support/messaging.js';
import { signedInClient } from './support/portal-client.js';
import { asBuffer } from './support/portal-client.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '..', '..', 'bin', 'confer.mjs');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const pdfBytes = Buffer.from('%PDF-1.4\n%%EOF\n');

let app: TestApp;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'confer-record-'));
  app = await startTestApp();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await app.stop();
});

type TEntry = { position: number; kind: string; prevHash: string; hash: string; fields: Record<string, string | null> };
type TManifest = {
  format: string;
  entries: TEntry[];
  messages: Array<{ id: string; texts: string[]; files: Array<{ sha256: string }> }>;
};

const verification = (token: string, conversationId: string) =>
  app.http.get(`/api/v1/conversations/${conversationId}/record/verification`).set(bearer(token));

/** Staff export the record and read back its JSON manifest from the matter's documents. */
async function exportRecord(token: string, conversationId: string) {
  const res = await app.http.post(`/api/v1/conversations/${conversationId}/record/export`).set(bearer(token));
  expect(res.status).toBe(201);
  const json = await app.http
    .get(`/api/v1/files/${res.body.manifest.latest.id}`)
    .set(bearer(token))
    .buffer(true)
    .parse(asBuffer);
  const pdf = await app.http
    .get(`/api/v1/files/${res.body.pdf.latest.id}`)
    .set(bearer(token))
    .buffer(true)
    .parse(asBuffer);
  return { res, manifest: JSON.parse((json.body as Buffer).toString('utf8')) as TManifest, pdf: pdf.body as Buffer };
}

/** The PDF's text, page by page, lines joined. */
async function pdfText(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += (content.items as Array<{ str?: string }>).map((i) => i.str ?? '').join(' ') + '\n';
  }
  return text.replace(/\s+/g, ' ');
}

async function confer(...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

/** A conversation with a message, a message with a file, and an edit. */
async function conversationWithHistory() {
  const s = await externalConversation(app, { contacts: [{ mobile: null }] });
  const first = await send(app, s.member.token, s.conversationId, 'Please send the signed contract');
  expect(first.status).toBe(201);
  const upload = await app.http
    .post(`/api/v1/conversations/${s.conversationId}/uploads`)
    .set(bearer(s.member.token))
    .field('body', 'Here is the draft')
    .attach('files', pdfBytes, 'draft.pdf');
  expect(upload.status).toBe(201);
  const edit = await app.http
    .patch(`/api/v1/messages/${first.body.id}`)
    .set(bearer(s.member.token))
    .send({ body: 'Please send the signed contract by Friday' });
  expect(edit.status).toBe(200);
  return { ...s, firstId: first.body.id as string, uploadId: upload.body.id as string };
}

describe('the record', () => {
  test('when staff send, attach and edit, then each joins the chain in order and the chain holds', async () => {
    const s = await conversationWithHistory();
    const { manifest, pdf, res } = await exportRecord(s.member.token, s.conversationId);
    expect(manifest.entries.map((e) => [e.position, e.kind])).toEqual([
      [1, 'message'],
      [2, 'message'],
      [3, 'attachment'],
      [4, 'revision'],
    ]);
    expect(manifest.entries[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < manifest.entries.length; i++) {
      expect(manifest.entries[i]!.prevHash).toBe(manifest.entries[i - 1]!.hash);
    }
    expect(manifest.entries[0]!.fields.body_sha256).toBe(sha('Please send the signed contract'));
    expect(manifest.entries[2]!.fields.sha256).toBe(sha(pdfBytes));
    expect(manifest.entries[3]!.fields).toMatchObject({
      replaced_body_sha256: sha('Please send the signed contract'),
      body_sha256: sha('Please send the signed contract by Friday'),
    });
    expect(res.body.verification).toMatchObject({ intact: true, entries: 4, firstBreak: null });
    // readable: parties, the first text and the edit, the file's hash, times in the firm's zone
    const text = await pdfText(pdf);
    expect(text).toContain('Conversation record');
    expect(text).toContain('Casey Client');
    expect(text).toContain('Please send the signed contract');
    expect(text).toContain('Please send the signed contract by Friday');
    expect(text).toContain(`SHA-256 ${sha(pdfBytes)}`);
    expect(text).toContain('times are in Europe/London');
    expect(text).toContain('Intact: 4 entries');
    // the exports are in the matter's documents
    const docs = await app.http.get(`/api/v1/matters/${s.matterId}/documents`).set(bearer(s.member.token));
    const names = docs.body.items.map((d: { name: string }) => d.name);
    expect(names).toEqual(expect.arrayContaining([res.body.pdf.name, res.body.manifest.name]));
    // and audited
    const audit = await queryRows<{ action: string }>(
      app.db,
      sql`select action from audit_log where firm_id = ${s.firm.id} and target_id = ${s.conversationId}`,
    );
    expect(audit.map((a) => a.action)).toContain('conversation.record_export');

    const file = join(dir, 'intact.json');
    writeFileSync(file, JSON.stringify(manifest));
    const verified = await confer('verify', file);
    expect(verified).toEqual({ code: 0, stdout: expect.stringMatching(/^intact: 4 entries/) });
  });

  test('when a message was texted to a client, then the record shows its delivery state without the full number', async () => {
    const s = await externalConversation(app);
    const mobile = s.contacts[0]!.mobile!;
    const texted = await send(app, s.member.token, s.conversationId, 'Your keys are ready', true);
    expect(texted.status).toBe(201);
    const { manifest, pdf } = await exportRecord(s.member.token, s.conversationId);
    const sms = (manifest.messages[0] as unknown as { sms: Array<{ to: string; status: string }> }).sms;
    expect(sms).toHaveLength(1);
    expect(sms[0]!.to).toBe(`${mobile.slice(0, 3)}…${mobile.slice(-4)}`);
    expect(sms[0]!.status).toMatch(/^(pending|sending|sent|delivered|failed|refused)$/);
    expect(JSON.stringify(manifest)).not.toContain(mobile);
    expect(await pdfText(pdf)).toContain(`Text to ${mobile.slice(0, 3)}…${mobile.slice(-4)}: ${sms[0]!.status}`);
  });

  test('when a message row is changed in the database behind the app, then verification names that entry', async () => {
    const s = await conversationWithHistory();
    expect((await verification(s.member.token, s.conversationId)).body).toMatchObject({ intact: true, entries: 4 });
    await app.db.execute(
      sql`update messages set body = 'I never asked for anything' where firm_id = ${s.firm.id} and id = ${s.uploadId}`,
    );
    const checked = await verification(s.member.token, s.conversationId);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({
      intact: false,
      firstBreak: { position: 2, kind: 'message', reason: 'content' },
    });
    // the export says so too, and `confer verify` finds the same entry in it
    const { manifest, res } = await exportRecord(s.member.token, s.conversationId);
    expect(res.body.verification.firstBreak).toMatchObject({ position: 2, kind: 'message' });
    const file = join(dir, 'changed-row.json');
    writeFileSync(file, JSON.stringify(manifest));
    expect(await confer('verify', file)).toEqual({ code: 1, stdout: 'altered: entry 2 (message): content\n' });
  });

  test('when an entry of the chain itself is rewritten in the database, then verification finds it', async () => {
    const s = await conversationWithHistory();
    await app.db.execute(
      sql`update record_entries set fields = fields || jsonb_build_object('sha256', repeat('a', 64))
          where firm_id = ${s.firm.id} and conversation_id = ${s.conversationId} and position = 3`,
    );
    expect((await verification(s.member.token, s.conversationId)).body.firstBreak).toEqual({
      position: 3,
      kind: 'attachment',
      reason: 'hash',
    });
  });

  test('when one entry of an exported manifest is altered, then confer verify fails at that position', async () => {
    const s = await conversationWithHistory();
    const { manifest } = await exportRecord(s.member.token, s.conversationId);

    const forgedHash = structuredClone(manifest);
    forgedHash.entries[2]!.fields.sha256 = sha('another file');
    writeFileSync(join(dir, 'forged-field.json'), JSON.stringify(forgedHash));
    expect(await confer('verify', join(dir, 'forged-field.json'))).toEqual({
      code: 1,
      stdout: 'altered: entry 3 (attachment): hash\n',
    });

    const forgedText = structuredClone(manifest);
    forgedText.messages[0]!.texts[1] = 'Please send the signed contract by Monday';
    writeFileSync(join(dir, 'forged-text.json'), JSON.stringify(forgedText));
    expect(await confer('verify', join(dir, 'forged-text.json'))).toEqual({
      code: 1,
      stdout: 'altered: entry 4 (revision): content\n',
    });

    const dropped = structuredClone(manifest);
    dropped.entries.splice(1, 1);
    writeFileSync(join(dir, 'dropped.json'), JSON.stringify(dropped));
    expect(await confer('verify', join(dir, 'dropped.json'))).toEqual({
      code: 1,
      stdout: 'altered: entry 3 (attachment): link\n',
    });

    writeFileSync(join(dir, 'not-a-record.json'), '{"hello":1}');
    expect((await confer('verify', join(dir, 'not-a-record.json'))).code).toBe(2);
  });

  test('when messages are sent at the same time in one conversation, then the chain does not fork', async () => {
    const s = await externalConversation(app, { contacts: [{ mobile: null }] });
    const sends = await Promise.all(
      Array.from({ length: 12 }, (_, i) => send(app, s.member.token, s.conversationId, `Message ${i}`)),
    );
    expect(sends.every((r) => r.status === 201)).toBe(true);
    expect((await verification(s.member.token, s.conversationId)).body).toMatchObject({
      intact: true,
      entries: 12,
      firstBreak: null,
    });
  });

  test('when another firm or staff without access to a restricted matter ask, then they get 404', async () => {
    const s = await conversationWithHistory();
    const other = await createFirm(app);
    expect((await verification(other.member.token, s.conversationId)).status).toBe(404);
    const exported = await app.http
      .post(`/api/v1/conversations/${s.conversationId}/record/export`)
      .set(bearer(other.member.token));
    expect(exported.status).toBe(404);

    const matterId = await createMatter(app.db, s.firm.id, { restrictedTo: [s.member.id] });
    const restricted = await externalConversation(app, { firm: s, matterId, contacts: [{ mobile: null }] });
    const outsider = await s.addStaff('Otto Outsider', 'staff');
    expect((await verification(outsider.token, restricted.conversationId)).status).toBe(404);
    expect(
      (
        await app.http
          .post(`/api/v1/conversations/${restricted.conversationId}/record/export`)
          .set(bearer(outsider.token))
      ).status,
    ).toBe(404);
  });
});

describe('acknowledgements in the record', () => {
  test('when a client acknowledges a message, then the acknowledgement joins the chain and the record; changing it behind the app or in an export is found at that entry', async () => {
    const f = await createFirm(app);
    const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Abe Acknowledger' });
    const dueAt = new Date(Date.now() + 48 * 3_600_000);
    const sent = await app.http
      .post(`/api/v1/conversations/${client.conversationId}/messages`)
      .set(bearer(f.member.token))
      .send({
        body: 'Please read the completion statement',
        acknowledgeBy: { kind: 'read', dueAt: dueAt.toISOString() },
      });
    expect(sent.status).toBe(201);
    const acknowledged = await client.session.post(`/messages/${sent.body.id}/acknowledge`);
    expect(acknowledged.status).toBe(200);

    const { manifest, pdf, res } = await exportRecord(f.member.token, client.conversationId);
    expect(manifest.entries.map((e) => [e.position, e.kind])).toEqual([
      [1, 'message'],
      [2, 'acknowledgement'],
    ]);
    expect(manifest.entries[1]!.prevHash).toBe(manifest.entries[0]!.hash);
    expect(manifest.entries[1]!.fields).toMatchObject({
      message_id: sent.body.id,
      kind: 'read',
      acknowledged_by_contact_id: client.contact.id,
      acknowledged_via: 'portal',
    });
    expect(res.body.verification).toMatchObject({ intact: true, entries: 2 });
    const text = await pdfText(pdf);
    expect(text).toContain('Acknowledgement requested by');
    expect(text).toContain('acknowledged by Abe Acknowledger');
    writeFileSync(join(dir, 'acknowledged.json'), JSON.stringify(manifest));
    expect((await confer('verify', join(dir, 'acknowledged.json'))).code).toBe(0);

    // the manifest says it was acknowledged by text reply instead
    const forged = structuredClone(manifest) as TManifest & { messages: Array<{ acknowledgement: { via: string } }> };
    forged.messages[0]!.acknowledgement.via = 'reply';
    writeFileSync(join(dir, 'acknowledged-forged.json'), JSON.stringify(forged));
    expect(await confer('verify', join(dir, 'acknowledged-forged.json'))).toEqual({
      code: 1,
      stdout: 'altered: entry 2 (acknowledgement): content\n',
    });

    // the acknowledgement moved later behind the app
    await app.db.execute(
      sql`update acknowledgement_requests set acknowledged_at = acknowledged_at + interval '3 days'
          where firm_id = ${f.firm.id} and message_id = ${sent.body.id}`,
    );
    expect((await verification(f.member.token, client.conversationId)).body.firstBreak).toEqual({
      position: 2,
      kind: 'acknowledgement',
      reason: 'content',
    });
  });
});

describe('the record in the portal', () => {
  test('when the matter is still open, then the client gets 404; once it is closed, the same record', async () => {
    const f = await createFirm(app);
    const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Rita Record' });
    await send(app, f.member.token, client.conversationId, 'Completion is set for Friday');
    const path = `/conversations/${client.conversationId}/record`;
    expect((await client.session.get(path)).status).toBe(404);

    // someone signed in on another matter of the firm never gets it
    const stranger = await signedInClient(app, f.member.token, f.firm.id, { name: 'Sam Stranger' });

    expect((await app.http.post(`/api/v1/matters/${client.matterId}/close`).set(bearer(f.member.token))).status).toBe(
      200,
    );
    const pdf = await client.session.get(path).buffer(true).parse(asBuffer);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const json = await client.session.get(`${path}?format=json`).buffer(true).parse(asBuffer);
    expect(json.status).toBe(200);
    const manifest = JSON.parse((json.body as Buffer).toString('utf8')) as TManifest;
    expect(manifest.entries.map((e) => e.kind)).toEqual(['message']);
    writeFileSync(join(dir, 'portal.json'), JSON.stringify(manifest));
    expect((await confer('verify', join(dir, 'portal.json'))).code).toBe(0);

    expect((await stranger.session.get(path)).status).toBe(404);
    const refusals = await queryRows<{ actor_id: string; outcome: string }>(
      app.db,
      sql`select actor_id, outcome from audit_log
          where firm_id = ${f.firm.id} and action = 'conversation.record_download' order by id`,
    );
    expect(refusals.map((r) => r.outcome)).toEqual(['refused', 'success', 'success', 'refused']);
  });
});
