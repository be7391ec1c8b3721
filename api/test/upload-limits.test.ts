import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { signInContact } from './support/portal-session.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ UPLOAD_MAX_BYTES: String(5 * 1024 * 1024), UPLOAD_MAX_FILES: '7' });
});
afterAll(() => app.stop());

describe('upload limits from the server', () => {
  test('when a deployment sets UPLOAD_MAX_BYTES and UPLOAD_MAX_FILES, then /me and the portal session carry them', async () => {
    const f = await createFirm(app);
    const me = await app.http.get('/api/v1/me').set(bearer(f.member.token));
    expect(me.status).toBe(200);
    expect(me.body.uploads).toEqual({ maxBytes: 5 * 1024 * 1024, maxFiles: 7 });

    const matter = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matter, 'Lima Limits', { email: 'lima@client.example' });
    await app.http
      .post('/api/v1/conversations')
      .set(bearer(f.member.token))
      .send({ kind: 'external_matter', matterId: matter, contactIds: [contact.id] })
      .expect(201);
    const session = await signInContact(app, contact.email!);
    const answer = await session.get('/auth/session');
    expect(answer.status).toBe(200);
    expect(answer.body.uploads).toEqual({ maxBytes: 5 * 1024 * 1024, maxFiles: 7 });
  });

  test('when the API describes itself, then the portal sign-in routes and the upload limits are in its OpenAPI document', async () => {
    const doc = (await app.http.get('/api/v1/openapi.json')).body;
    for (const path of ['open', 'verify', 'resend', 'request-link', 'session', 'sign-out', 'switch']) {
      expect(doc.paths[`/api/portal/v1/auth/${path}`]).toBeDefined();
    }
    expect(doc.paths['/api/portal/v1/auth/session'].get.security).toEqual([{ portalSession: [] }]);
    expect(doc.paths['/api/portal/v1/auth/open'].post.security).toEqual([]);
    expect(doc.components.schemas.PortalSession.properties.uploads).toEqual({
      $ref: '#/components/schemas/UploadLimits',
    });
    expect(doc.components.schemas.Me.properties.uploads).toEqual({ $ref: '#/components/schemas/UploadLimits' });
  });
});
