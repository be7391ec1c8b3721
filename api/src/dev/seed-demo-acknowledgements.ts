import type { Clock } from '../clock.js';
import type { TConfig } from '../config.js';
import type { Db } from '../db/connect.js';
import { findFirmByTenant } from '../modules/firms/repository.js';
import { acknowledgeAsContact, requestAcknowledgement, stepShares } from '../modules/acknowledgements/service.js';
import { runAcknowledgementStep } from '../modules/acknowledgements/run-step.js';
import type { TAcknowledgementStepName } from '../modules/acknowledgements/schemas.js';
import { listContacts } from '../modules/contacts/repository.js';
import { createNotifier } from '../modules/notifications/notifier.js';
import { findDemoMessage, hasAcknowledgementRequests } from './dev-repository.js';
import { demoTenantId } from './seed-demo-firm.js';

export type TSeedAcknowledgementsDeps = { db: Db; config: TConfig; clock: Clock; sealKey: Buffer };

const day = 24 * 3_600_000;

/**
 * Acknowledge-by deadlines on the demo history, once per data directory (an older `.confer/`
 * gets them on its next start): in the Quay Street purchase, Alex's draft contract message was
 * acknowledged by Jordan Ellis and Alex's exchange message waits for the clients' confirmation
 * (their portal shows the banner); in Kapoor v Castle Insurance, Priya's witness statement
 * message missed its deadline, so its reminders went out and Priya has a task on her inbox.
 * Written through the services a send, a client and the reminder job use. Returns false when
 * there is no demo history or this was done before.
 */
export async function seedDemoAcknowledgements(deps: TSeedAcknowledgementsDeps): Promise<boolean> {
  const firm = await findFirmByTenant(deps.db, demoTenantId);
  if (!firm || (await hasAcknowledgementRequests(deps.db, firm.id))) return false;
  const contract = await findDemoMessage(deps.db, firm.id, 'Purchase of 14 Quay Street', 'Here is the draft contract');
  const exchange = await findDemoMessage(deps.db, firm.id, 'Purchase of 14 Quay Street', 'We are ready to exchange');
  const statement = await findDemoMessage(
    deps.db,
    firm.id,
    'Kapoor v Castle Insurance',
    'Attached is the second draft',
  );
  const [jordan] = await listContacts(deps.db, firm.id, { q: 'jordan.ellis@mail.example', limit: 1 });
  if (!contract || !exchange || !statement || !jordan) return false;
  const now = deps.clock.now().getTime();
  const notifier = createNotifier(deps.sealKey);

  await deps.db.transaction(async (tx) => {
    const ask = (message: NonNullable<typeof contract>, dueAt: Date) =>
      requestAcknowledgement({ clock: deps.clock }, tx, {
        firmId: firm.id,
        conversationId: message.conversationId,
        messageId: message.id,
        staffId: message.authorStaffId!,
        acknowledgeBy: { kind: 'read', dueAt },
        requestedAt: message.createdAt,
      });
    // asked with the draft contract, a week to read it; Jordan confirmed in the portal the next day
    await ask(contract, new Date(contract.createdAt.getTime() + 7 * day));
    const nextDay = new Date(contract.createdAt.getTime() + day);
    await acknowledgeAsContact(
      tx,
      { now: () => nextDay },
      {
        firmId: firm.id,
        conversationId: contract.conversationId,
        contactId: jordan.id,
        messageId: contract.id,
        via: 'portal',
        requestId: 'demo-seed',
        ip: undefined,
      },
    );
    // the exchange message: still open, due in three days (reminders follow as the clock moves)
    await ask(exchange, new Date(now + 3 * day));
    // the witness statement: due two days ago, never confirmed; each step has run
    await ask(statement, new Date(now - 2 * day));
    for (const step of Object.keys(stepShares) as TAcknowledgementStepName[]) {
      await runAcknowledgementStep(
        { db: tx, config: deps.config, clock: deps.clock, notifier },
        { firmId: firm.id, messageId: statement.id, step },
      );
    }
  });
  return true;
}
