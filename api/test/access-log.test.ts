import { Writable } from 'node:stream';
import { pino } from 'pino';
import { bearer, createFirm } from './support/fixtures.js';
import { openEventStream } from './support/read-event-stream.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;
const lines: Array<{ level: number; msg: string; req?: { path: string }; res?: { status: number } }> = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  app = await startTestApp({}, { logger: pino({ level: 'info' }, sink) });
  f = await createFirm(app);
});
afterAll(() => app.stop());

const waitUntil = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('the access log', () => {
  test('when a browser closes a live event stream, then nothing is logged at info, while ordinary requests still are', async () => {
    const stream = await openEventStream(`${app.baseUrl}/api/v1/events`, { headers: bearer(f.member.token) });
    await stream.waitFor(1, { type: 'ready', timeoutMs: 5000 });
    stream.close();
    await app.http.get('/api/v1/me').set(bearer(f.member.token)).expect(200);
    await waitUntil(() => lines.some((l) => l.req?.path === '/api/v1/me'));
    await new Promise((r) => setTimeout(r, 200));

    expect(lines.find((l) => l.req?.path === '/api/v1/me')).toMatchObject({ level: 30, msg: 'request completed' });
    expect(lines.filter((l) => l.req?.path === '/api/v1/events')).toEqual([]);
    expect(lines.some((l) => l.msg === 'request aborted')).toBe(false);
  });
});
