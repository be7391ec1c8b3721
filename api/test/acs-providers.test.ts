import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { createProviders, type MessageProviders } from '../src/integrations/acs/providers.js';
import { PermanentSendError } from '../src/integrations/acs/send-contract.js';
import { startAcsEmulator, type AcsEmulator } from './support/acs-emulator.js';

let acs: AcsEmulator;
let providers: MessageProviders;

const configFor = (connectionString: string) =>
  loadConfig({
    CONFER_MODE: 'embedded',
    LOG_LEVEL: 'silent',
    ACS_CONNECTION_STRING: connectionString,
    ACS_EMAIL_SENDER: 'donotreply@confer.example',
    ACS_SMS_SENDER: '+447700900001',
  });
const fast = { pollIntervalMs: 20, maxRetries: 0, timeoutMs: 3000 };

beforeAll(async () => {
  acs = await startAcsEmulator();
  providers = createProviders(configFor(acs.connectionString), fast);
});
afterAll(() => acs.stop());

const email = (to = 'casey@client.example') => ({
  outboxId: randomUUID(),
  to,
  subject: 'Subject',
  text: 'Plain part',
  html: '<p>HTML part</p>',
});
const text = (to = '+447700900123') => ({
  outboxId: randomUUID(),
  firmId: randomUUID(),
  from: '+447700900001',
  to,
  text: 'Hello by text',
  firstAttemptAt: new Date(Date.now() - 5000),
});

describe('ACS providers against the emulator (real SDKs, real HMAC signatures)', () => {
  test('when ACS is configured by connection string, then both channels use ACS', () => {
    expect(providers.email).toBe('acs');
    expect(providers.sms).toBe('acs');
  });

  test('when an email is sent, then ACS verifies the signature, runs the operation to success, and gets text and HTML parts', async () => {
    const m = email();
    const result = await providers.sendEmail(m);
    expect(result.providerMessageId).toBe(m.outboxId);
    const sent = acs.emails.find((e) => e.operationId === m.outboxId)!;
    expect(sent).toMatchObject({
      sender: 'donotreply@confer.example',
      to: [m.to],
      subject: 'Subject',
      plainText: 'Plain part',
      html: '<p>HTML part</p>',
    });
  });

  test('when a text is sent, then ACS gets the numbers, a delivery report request, the firm:outbox tag and the outbox id as repeatability id', async () => {
    const m = text();
    const result = await providers.sendSms(m);
    const sent = acs.texts.find((t) => t.messageId === result.providerMessageId)!;
    expect(sent).toMatchObject({
      from: '+447700900001',
      to: '+447700900123',
      message: 'Hello by text',
      enableDeliveryReport: true,
      tag: `${m.firmId}:${m.outboxId}`,
      repeatabilityRequestId: m.outboxId,
    });
  });

  test('when the access key is wrong, then the emulator refuses the signature and nothing is sent', async () => {
    const wrongKey = randomBytes(32).toString('base64');
    const wrong = createProviders(configFor(`endpoint=${acs.endpoint};accesskey=${wrongKey}`), fast);
    const before = { rejected: acs.rejected, texts: acs.texts.length, emails: acs.emails.length };
    await expect(wrong.sendSms(text())).rejects.toMatchObject({ statusCode: 401 });
    await expect(wrong.sendEmail(email())).rejects.toMatchObject({ statusCode: 401 });
    expect(acs.rejected).toBe(before.rejected + 2);
    expect(acs.texts).toHaveLength(before.texts);
    expect(acs.emails).toHaveLength(before.emails);
  });

  test('when a request carries no signature or a forged one, then the emulator answers 401', async () => {
    const plain = await fetch(`${acs.endpoint}sms?api-version=2021-03-07`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: '+447700900001', smsRecipients: [{ to: '+447700900123' }], message: 'x' }),
    });
    expect(plain.status).toBe(401);
    const forged = await fetch(`${acs.endpoint}sms?api-version=2021-03-07`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'x-ms-date': new Date().toUTCString(),
        'x-ms-content-sha256': 'AAAA',
        Authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${randomBytes(32).toString('base64')}`,
      },
      body: '{}',
    });
    expect(forged.status).toBe(401);
  });

  test('when ACS accepted a text but the answer was lost, then the retry is recognised as a repeat and only one text exists', async () => {
    const m = text('+447700900124');
    acs.loseAnswers(1);
    await expect(providers.sendSms(m)).rejects.toThrow();
    const repeats = acs.repeats;
    const retried = await providers.sendSms({ ...m });
    expect(acs.repeats).toBe(repeats + 1);
    const mine = acs.texts.filter((t) => t.repeatabilityRequestId === m.outboxId);
    expect(mine).toHaveLength(1);
    expect(retried.providerMessageId).toBe(mine[0]!.messageId);
  });

  test('when ACS accepted an email but the answer was lost, then the retry joins the same operation and only one email exists', async () => {
    const m = email('dana@client.example');
    acs.loseAnswers(1);
    await expect(providers.sendEmail(m)).rejects.toThrow();
    const result = await providers.sendEmail(m);
    expect(result.providerMessageId).toBe(m.outboxId);
    expect(acs.emails.filter((e) => e.operationId === m.outboxId)).toHaveLength(1);
  });

  test('when ACS refuses a number or an email operation fails, then the error is permanent (no retry)', async () => {
    acs.refuseNumbers.add('+447700900999');
    await expect(providers.sendSms(text('+447700900999'))).rejects.toBeInstanceOf(PermanentSendError);
    acs.failEmailAddresses.add('bounce@client.example');
    await expect(providers.sendEmail(email('bounce@client.example'))).rejects.toBeInstanceOf(PermanentSendError);
  });

  test('when ACS is down, then the error is transient (the job retries)', async () => {
    acs.goDown();
    try {
      const error = await providers.sendSms(text()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentSendError);
    } finally {
      acs.comeBack();
    }
  });
});
