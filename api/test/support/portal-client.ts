import { randomBytes } from 'node:crypto';
import { bearer, createContact, createMatter } from './fixtures.js';
import { originOf, signInContact, type PortalSession } from './portal-session.js';
import type { TestApp } from './start-test-app.js';

/**
 * A client on a matter, invited to its external conversation (so they receive a secure link)
 * and signed in to the portal. `put` sends a JSON PUT with the session's cookie and CSRF header.
 */
export async function signedInClient(
  app: TestApp,
  staffToken: string,
  firmId: string,
  options: { matterId?: string; name?: string } = {},
) {
  const matterId = options.matterId ?? (await createMatter(app.db, firmId));
  const name = options.name ?? 'Client';
  const contact = await createContact(app.db, firmId, matterId, name, {
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(4).toString('hex')}@mail.example`,
  });
  const conversation = await app.http
    .post('/api/v1/conversations')
    .set(bearer(staffToken))
    .send({ kind: 'external_matter', matterId, contactIds: [contact.id] });
  if (conversation.status !== 201) throw new Error(`conversation: ${conversation.status}`);
  const session = await signInContact(app, contact.email!);
  return { matterId, contact, session, put: putWith(app, session), conversationId: conversation.body.id as string };
}

export const putWith = (app: TestApp, session: PortalSession) => (path: string, body: object) =>
  app.http
    .put(`/api/portal/v1${path}`)
    .set({ Cookie: session.cookie, Origin: originOf(app), 'X-CSRF-Token': session.csrfToken })
    .send(body);

/** Reads a response body as bytes, whatever its content type (for supertest's `.parse`). */
export function asBuffer(
  res: { on(event: 'data' | 'end', listener: (chunk: Buffer) => void): unknown },
  cb: (err: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
