import type { Clock } from '../clock.js';
import type { TConfig } from '../config.js';
import type { Db } from '../db/connect.js';
import type { BlobStore } from '../integrations/blob-storage/blob-store.js';
import type { StaffContext } from '../integrations/identity/staff-context.js';
import { insertContact, listContacts } from '../modules/contacts/repository.js';
import { listParticipants } from '../modules/conversations/repository.js';
import { createConversation } from '../modules/conversations/service.js';
import { createEvent } from '../modules/events/service.js';
import { insertDocumentsFromUpload, type TVersionRow } from '../modules/files/repository.js';
import { shareDocument } from '../modules/files/service.js';
import { stageGeneratedFile } from '../modules/files/store-generated-document.js';
import { findFirmByTenant } from '../modules/firms/repository.js';
import { inviteContacts } from '../modules/portal-auth/service.js';
import { newToken } from '../modules/portal-auth/tokens.js';
import { recordSignInDevice } from '../modules/portal-devices/service.js';
import { submitForm } from '../modules/forms/portal-service.js';
import { createForm, sendFormRequest } from '../modules/forms/service.js';
import { createInvoice } from '../modules/invoices/service.js';
import { findMatterByNumber, insertMatter, linkContact } from '../modules/matters/repository.js';
import { recordMessageAt } from '../modules/messages/post-message.js';
import { advanceReadMark, findMessageByIdempotencyKey } from '../modules/messages/repository.js';
import { setMessagePinned } from '../modules/messages/service.js';
import { createNotifier } from '../modules/notifications/notifier.js';
import { advanceOutboxStatus, listMessageTexts } from '../modules/notifications/outbox-repository.js';
import { applyDeliveryReport, receiveSms } from '../modules/sms/inbound.js';
import { senderNumberOf, textMessage } from '../modules/sms/service.js';
import { findStaffByEmail, insertStaff } from '../modules/staff/repository.js';
import { demoTenantId } from './seed-demo-firm.js';
import { docxType, makeDemoDocx, makeDemoPdf, makeDemoPng } from './make-demo-files.js';

/** The idempotency key of the history's first message, by Alex Morgan: present means seeded. */
export const demoHistoryMarker = 'demo-history:v1';

export type TSeedHistoryDeps = { db: Db; blobs: BlobStore; config: TConfig; clock: Clock; sealKey: Buffer };

const hour = 3_600_000;
/** Numbers the SMS rules accept (the 07700 900 drama range is not a valid mobile to them); embedded mode texts the simulator. */
const caseyMobile = '+447400100105';
const day = 24 * hour;

/**
 * Adds a few weeks of history to the demo firm, once: DMs and two channels among five staff,
 * conversations on three matters with clients and third parties, files made now (a PDF, an
 * image, a Word document) stored as uploads are, a pinned message, a live share, a text thread
 * with a delivered and a failed text and the client's reply by text, an event, a submitted
 * form and an invoice, a client's sign-in from a new phone abroad; Alex Morgan (the dev sign-in) has read some of it. Messages are dated
 * in the past (recordMessageAt); the rest is written by the same services a request uses.
 * Returns false when there is no demo firm or the history is already there (the marker:
 * Alex's first message carries `demoHistoryMarker` as its idempotency key). One transaction:
 * all of it or none; files uploaded by an attempt that fails are swept as abandoned uploads.
 */
export async function seedDemoHistory(deps: TSeedHistoryDeps): Promise<boolean> {
  const firm = await findFirmByTenant(deps.db, demoTenantId);
  if (!firm) return false;
  const alex = await findStaffByEmail(deps.db, firm.id, 'alex.morgan@harbourvale.example');
  if (!alex) return false;
  if (await findMessageByIdempotencyKey(deps.db, firm.id, { staffId: alex.id }, demoHistoryMarker)) return false;
  const now = deps.clock.now().getTime();
  const notifier = createNotifier(deps.sealKey);

  await deps.db.transaction(async (tx) => {
    const staffByEmail = async (email: string, add?: { name: string; initials: string; objectId: string }) => {
      const found = await findStaffByEmail(tx, firm.id, email);
      if (found) return found.id;
      if (!add) throw new Error(`The demo firm has no staff member ${email}`);
      const row = await insertStaff(tx, firm.id, {
        tenantId: demoTenantId,
        email,
        role: 'staff',
        active: true,
        ...add,
      });
      return row.id;
    };
    const priya = await staffByEmail('priya.shah@harbourvale.example');
    const tom = await staffByEmail('tom.becker@harbourvale.example');
    const grace = await staffByEmail('grace.liu@harbourvale.example', {
      name: 'Grace Liu',
      initials: 'GL',
      objectId: '0b8e1c52-6f0a-4d0e-8c55-1a2b3c4d5e04',
    });
    const owen = await staffByEmail('owen.price@harbourvale.example', {
      name: 'Owen Price',
      initials: 'OP',
      objectId: '0b8e1c52-6f0a-4d0e-8c55-1a2b3c4d5e05',
    });
    const ctxOf = (staffId: string): StaffContext => ({
      firmId: firm.id,
      staffId,
      tenantId: demoTenantId,
      role: 'staff',
    });
    const asAlex: StaffContext = { ...ctxOf(alex.id), role: alex.role };

    const contactByEmail = async (email: string, add?: Omit<Parameters<typeof insertContact>[2], 'email'>) => {
      const [found] = await listContacts(tx, firm.id, { q: email, limit: 1 });
      if (found && found.email === email) return found.id;
      if (!add) throw new Error(`The demo firm has no contact ${email}`);
      return (await insertContact(tx, firm.id, { ...add, email })).id;
    };
    const jordan = await contactByEmail('jordan.ellis@mail.example');
    const sam = await contactByEmail('sam.ellis@mail.example');
    const riya = await contactByEmail('riya.kapoor@mail.example');
    const daniel = await contactByEmail('daniel.okafor@surveyors.example');
    const casey = await contactByEmail('casey.hale@mail.example', {
      name: 'Casey Hale',
      mobile: caseyMobile,
      kind: 'client',
    });
    const lee = await contactByEmail('lee.brennan@mediation.example', {
      name: 'Lee Brennan',
      mobile: '+447400100106',
      kind: 'third_party',
    });

    const matter = async (number: string) => {
      const found = await findMatterByNumber(tx, firm.id, number);
      if (!found) throw new Error(`The demo firm has no matter ${number}`);
      return found.id;
    };
    const purchase = await matter('2026-0001');
    const dispute = await matter('2026-0002');
    const family =
      (await findMatterByNumber(tx, firm.id, '2026-0003'))?.id ??
      (await insertMatter(tx, firm.id, { number: '2026-0003', title: 'Hale: child arrangements' })).id;
    await linkContact(tx, firm.id, family, casey);
    await linkContact(tx, firm.id, family, lee);

    // clients and third parties get their invitation (a personal link, in /dev/outbox) as when staff add them
    const portalDeps = { db: tx, config: deps.config, clock: deps.clock, notifier };
    const invite = (db: Db, firmId: string, conversationId: string, contactIds: string[]) =>
      inviteContacts({ ...portalDeps, db }, db, firmId, conversationId, contactIds);
    const open = async (by: StaffContext, input: Parameters<typeof createConversation>[2]) =>
      (await createConversation(tx, by, input, 'demo-seed', invite)).id;

    // --- who says what, when -------------------------------------------------------------
    type TAuthor = { staffId: string } | { contactId: string };
    type TLine = { daysAgo: number; at?: number; by: TAuthor; body: string; files?: TVersionRow[]; key?: string };
    const participantsOf = async (conversationId: string) => {
      const rows = await listParticipants(tx, firm.id, [conversationId]);
      return (author: TAuthor) =>
        rows.find((p) => ('staffId' in author ? p.staffId === author.staffId : p.contactId === author.contactId))!.id;
    };
    /** Posts the lines in order; returns each message's id and seq. */
    const say = async (conversationId: string, lines: TLine[]) => {
      const participant = await participantsOf(conversationId);
      const posted: Array<{ id: string; seq: number }> = [];
      for (const line of lines) {
        posted.push(
          await recordMessageAt(tx, {
            firmId: firm.id,
            conversationId,
            author: 'staffId' in line.by ? { staffId: line.by.staffId } : { contactId: line.by.contactId },
            authorParticipantId: participant(line.by),
            body: line.body,
            via: 'staffId' in line.by ? 'app' : 'portal',
            versionIds: line.files?.map((f) => f.id),
            idempotencyKey: line.key,
            createdAt: new Date(now - line.daysAgo * day + (line.at ?? 0) * 60_000),
          }),
        );
      }
      return posted;
    };
    /** Alex (or another staff member) has read up to the message `n` from the end (0: all). */
    const readUpTo = async (conversationId: string, staffId: string, posted: Array<{ seq: number }>, unread = 0) => {
      const participant = await participantsOf(conversationId);
      const last = posted[posted.length - 1 - unread];
      if (last) await advanceReadMark(tx, firm.id, participant({ staffId }), last.seq);
    };
    const A = { staffId: alex.id };
    const P = { staffId: priya };
    const T = { staffId: tom };
    const G = { staffId: grace };
    const O = { staffId: owen };

    // --- files, made now and stored as uploads are -----------------------------------------
    const store = async (
      file: { bytes: Buffer; name: string; contentType: string },
      meta: { matterId: string; staffId?: string; contactId?: string },
    ) => {
      const staged = await stageGeneratedFile({ db: tx, blobs: deps.blobs }, firm.id, file);
      const [version] = await insertDocumentsFromUpload(tx, firm.id, [staged], {
        matterId: meta.matterId,
        onMatter: true,
        source: meta.contactId ? 'portal' : 'staff',
        staffId: meta.staffId ?? null,
        contactId: meta.contactId ?? null,
      });
      return version!;
    };
    const contractPdf = await store(
      {
        bytes: await makeDemoPdf('Draft contract: 14 Quay Street', [
          'Seller: the registered proprietors of 14 Quay Street. Buyers: Jordan Ellis and Sam Ellis.',
          'Purchase price: GBP 412,500. Deposit: 10% on exchange. Completion: on a date to be agreed, not earlier than 28 days after exchange.',
          'Fixtures and fittings as listed in the TA10 form. The property is sold with vacant possession.',
          'This draft is for discussion and is not an offer capable of acceptance.',
        ]),
        name: 'Draft contract - 14 Quay Street.pdf',
        contentType: 'application/pdf',
      },
      { matterId: purchase, staffId: alex.id },
    );
    const sitePlan = await store(
      { bytes: makeDemoPng(), name: 'Site plan - 14 Quay Street.png', contentType: 'image/png' },
      { matterId: purchase, contactId: daniel },
    );
    const statementDocx = await store(
      {
        bytes: makeDemoDocx('Witness statement of Riya Kapoor (draft 2)', [
          '1. I am the policyholder under the home insurance policy issued by the defendant.',
          '2. On the night of 14 September water escaped from a failed pipe joint in the upstairs bathroom.',
          '3. I reported the escape of water to the defendant the following morning and kept the damaged items for inspection.',
          'I believe that the facts stated in this witness statement are true.',
        ]),
        name: 'Witness statement - Riya Kapoor (draft 2).docx',
        contentType: docxType,
      },
      { matterId: dispute, staffId: priya },
    );
    const invoicePdf = await store(
      {
        bytes: await makeDemoPdf('Interim invoice HV-2026-0142', [
          'Matter 2026-0001: Purchase of 14 Quay Street.',
          'Professional fees for work to exchange of contracts: GBP 1,250.00 plus VAT GBP 250.00. Total GBP 1,500.00.',
          'Payment is due within 14 days of the invoice date.',
        ]),
        name: 'Invoice HV-2026-0142.pdf',
        contentType: 'application/pdf',
      },
      { matterId: purchase, staffId: alex.id },
    );

    // --- DMs ------------------------------------------------------------------------------
    const dmPriya = await open(asAlex, { kind: 'direct', staffIds: [priya] });
    const dmPriyaSaid = await say(dmPriya, [
      {
        daysAgo: 19,
        by: A,
        key: demoHistoryMarker,
        body: 'Morning Priya, could you take the first look at the Kapoor disclosure list? I am in court until 2.',
      },
      { daysAgo: 19, at: 25, by: P, body: 'Yes, on it. I will flag anything privileged before it goes over.' },
      { daysAgo: 12, by: P, body: 'The insurer has sent their loss adjuster report. It is thinner than we expected.' },
      { daysAgo: 12, at: 40, by: A, body: 'Good. Let us talk it through on Thursday.' },
      { daysAgo: 1, at: 30, by: P, body: 'Riya called: she can sign the statement on Monday if the draft is ready.' },
      { daysAgo: 0.1, by: P, body: 'Also, are you happy for me to send the without prejudice letter today?' },
    ]);
    await readUpTo(dmPriya, alex.id, dmPriyaSaid, 2);

    const dmTom = await open(asAlex, { kind: 'direct', staffIds: [tom] });
    const dmTomSaid = await say(dmTom, [
      { daysAgo: 16, by: T, body: 'Searches for Quay Street are back. Nothing alarming; one flood risk note.' },
      { daysAgo: 16, at: 12, by: A, body: 'Thanks Tom. Please add the flood note to the report on title.' },
      { daysAgo: 9, by: T, body: 'Report on title is in the matter documents for your review.' },
    ]);
    await readUpTo(dmTom, alex.id, dmTomSaid);

    const dmGrace = await open(ctxOf(grace), { kind: 'direct', staffIds: [alex.id] });
    const dmGraceSaid = await say(dmGrace, [
      { daysAgo: 6, by: G, body: 'Hi Alex, welcome pack for the Hale matter is ready whenever you want it.' },
      { daysAgo: 6, at: 5, by: A, body: 'Lovely, please send it to Casey with the mediation information.' },
      { daysAgo: 0.3, by: G, body: 'Sent. Casey has asked about fees for the mediation sessions; can you call her?' },
    ]);
    await readUpTo(dmGrace, alex.id, dmGraceSaid, 1);

    // --- channels -------------------------------------------------------------------------
    const general = await open(asAlex, { kind: 'channel', name: 'general', staffIds: [priya, tom, grace, owen] });
    const generalSaid = await say(general, [
      {
        daysAgo: 21,
        by: A,
        body: 'Welcome to Confer, everyone. Client conversations now live here instead of email chains.',
      },
      { daysAgo: 21, at: 15, by: O, body: 'Great. Do clients get a notification when we write?' },
      {
        daysAgo: 21,
        at: 20,
        by: A,
        body: 'Yes: an email after a short delay if they have not read it in the portal, or a text if we send as SMS.',
      },
      {
        daysAgo: 14,
        by: G,
        body: 'Office hours over the holidays: closed 25 and 26 December and 1 January. Urgent matters to the duty phone.',
      },
      { daysAgo: 8, by: T, body: 'Reminder: file notes for every client call, please, even short ones.' },
      { daysAgo: 3, by: P, body: 'Cake in the kitchen for Owen, who passed his exams!' },
      { daysAgo: 3, at: 10, by: O, body: 'Thank you all. The lemon one is gluten free.' },
      { daysAgo: 0.5, by: G, body: 'The printer on floor 2 is fixed. Please use it for bundles again.' },
    ]);
    await readUpTo(general, alex.id, generalSaid, 2);
    // the office-hours message stays on top
    await setMessagePinned(tx, ctxOf(grace), generalSaid[3]!.id, true);

    const property = await open(ctxOf(tom), {
      kind: 'channel',
      name: 'property-team',
      staffIds: [alex.id, priya, owen],
    });
    const propertySaid = await say(property, [
      { daysAgo: 15, by: T, body: 'Land Registry turnaround is about 3 weeks for new leases at the moment.' },
      { daysAgo: 15, at: 30, by: O, body: 'Noted. I will warn the Quay Street buyers about registration timing.' },
      {
        daysAgo: 7,
        by: A,
        body: 'Lender panel change: Northgate Mortgages now want the certificate of title 5 days before completion.',
      },
      { daysAgo: 7, at: 20, by: P, body: 'Thanks, I will update the checklist.' },
      { daysAgo: 2, by: T, body: 'SDLT calculator updated for the new rates. Link in the team documents.' },
    ]);
    await readUpTo(property, alex.id, propertySaid);

    // --- purchase of 14 Quay Street (conveyancing) ----------------------------------------
    const quay = await open(asAlex, {
      kind: 'external_matter',
      matterId: purchase,
      name: 'Purchase of 14 Quay Street',
      contactIds: [jordan, sam, daniel],
      staffIds: [priya],
      requireMfa: true,
    });
    const J = { contactId: jordan };
    const S = { contactId: sam };
    const D = { contactId: daniel };
    const quaySaid = await say(quay, [
      {
        daysAgo: 20,
        by: A,
        body: 'Dear Jordan and Sam, thank you for instructing us on your purchase. We have asked the seller’s solicitors for the contract pack.',
      },
      { daysAgo: 20, at: 90, by: J, body: 'Thank you! Is there anything you need from us at this stage?' },
      {
        daysAgo: 19,
        by: P,
        body: 'Yes please: proof of identity for you both and a note of where the deposit is coming from. You can upload them here.',
      },
      {
        daysAgo: 17,
        by: S,
        body: 'Passports uploaded to the portal. The deposit is from our savings and a gift from my parents.',
      },
      {
        daysAgo: 13,
        by: A,
        body: 'Here is the draft contract for you to read. The key points are the price, the 10% deposit and the completion date, which is still to be agreed.',
        files: [contractPdf],
      },
      {
        daysAgo: 11,
        by: D,
        body: 'Survey completed. The site plan is attached; the boundary at the rear matches the title plan. Full report to follow.',
        files: [sitePlan],
      },
      { daysAgo: 10, by: J, body: 'Does the flood note in the searches affect us?' },
      {
        daysAgo: 10,
        at: 45,
        by: A,
        body: 'It is a low risk from surface water only. Your insurer will ask about it; we will confirm it in our report on title.',
      },
      { daysAgo: 4, by: S, body: 'We have signed the mortgage offer. What happens next?' },
      {
        daysAgo: 2,
        by: A,
        body: 'We are ready to exchange once the deposit is with us. Please send it by bank transfer using the details in the client care letter, and call us to confirm them first.',
      },
    ]);
    await readUpTo(quay, alex.id, quaySaid);
    await readUpTo(quay, priya, quaySaid, 1);
    // the contract stays shared live (the notice is written as shares are, at seed time)
    await shareDocument(tx, asAlex, quay, contractPdf.documentId);

    const quayTeam = await open(asAlex, {
      kind: 'internal_matter',
      matterId: purchase,
      name: 'Quay Street: team',
      staffIds: [priya, tom],
    });
    const quayTeamSaid = await say(quayTeam, [
      { daysAgo: 18, by: T, body: 'Seller’s solicitors are slow to answer enquiries. I have chased twice.' },
      { daysAgo: 9, by: P, body: 'Replies to enquiries are in. Only the boundary point is open.' },
      { daysAgo: 5, by: A, body: 'Survey settles the boundary. I will tell the clients we can move to exchange.' },
    ]);
    await readUpTo(quayTeam, alex.id, quayTeamSaid);

    // --- Kapoor v Castle Insurance (litigation, restricted) --------------------------------
    const kapoor = await open(asAlex, {
      kind: 'external_matter',
      matterId: dispute,
      name: 'Kapoor v Castle Insurance',
      contactIds: [riya],
      staffIds: [priya],
      requireMfa: true,
    });
    const R = { contactId: riya };
    const kapoorSaid = await say(kapoor, [
      {
        daysAgo: 18,
        by: A,
        body: 'Dear Riya, the insurer has refused the claim for the water damage. We think the refusal is wrong and will write a letter before claim.',
      },
      { daysAgo: 17, by: R, body: 'Thank you. I still have the photos of the ceiling and the plumber’s invoice.' },
      {
        daysAgo: 17,
        at: 30,
        by: P,
        body: 'Perfect, please upload them here. They will be exhibits to your statement.',
      },
      {
        daysAgo: 6,
        by: P,
        body: 'Attached is the second draft of your witness statement. Please check every paragraph is accurate in your own words.',
        files: [statementDocx],
      },
      {
        daysAgo: 1,
        by: R,
        body: 'Paragraph 3: I reported it the same evening, not the next morning. Otherwise it is right.',
      },
      { daysAgo: 0.2, by: R, body: 'Also, do I need to come to your office to sign it?' },
    ]);
    await readUpTo(kapoor, alex.id, kapoorSaid, 2);

    // --- Hale: child arrangements (family) -------------------------------------------------
    const hale = await open(asAlex, {
      kind: 'external_matter',
      matterId: family,
      name: 'Child arrangements',
      contactIds: [casey, lee],
      staffIds: [grace],
      requireMfa: true,
    });
    const C = { contactId: casey };
    const L = { contactId: lee };
    const haleSaid = await say(hale, [
      {
        daysAgo: 9,
        by: A,
        body: 'Dear Casey, as discussed, the first step is a mediation information meeting. Lee Brennan is the mediator and is copied in here.',
      },
      {
        daysAgo: 8,
        by: L,
        body: 'Hello Casey. I have availability on Tuesday and Thursday afternoons next week for the information meeting.',
      },
      { daysAgo: 8, at: 60, by: C, body: 'Thursday afternoon works for me. Will the children need to attend?' },
      { daysAgo: 7, by: L, body: 'Not for this meeting. We can discuss later whether they would like to be heard.' },
      {
        daysAgo: 5,
        by: A,
        body: 'In the meantime, please keep a simple diary of the current arrangements: handovers, any missed contact and school holidays.',
      },
    ]);
    await readUpTo(hale, alex.id, haleSaid);

    // a text of the last message: delivered to Casey, not delivered to Lee; Casey texts back
    const textDeps = { config: deps.config, clock: deps.clock, notifier };
    await textMessage(textDeps, tx, {
      firmId: firm.id,
      conversationId: hale,
      messageId: haleSaid[haleSaid.length - 1]!.id,
      body: 'In the meantime, please keep a simple diary of the current arrangements.',
      contactIds: [casey, lee],
    });
    const texts = await listMessageTexts(tx, firm.id, [haleSaid[haleSaid.length - 1]!.id]);
    const sender = senderNumberOf(deps.config, firm) ?? '';
    for (const text of texts) {
      if (text.status !== 'pending') continue;
      const providerMessageId = `demo-${text.id}`;
      await advanceOutboxStatus(tx, firm.id, text.id, { status: 'sent', providerMessageId, wipe: true });
      const delivered = text.contactId === casey;
      await applyDeliveryReport(tx, {
        messageId: providerMessageId,
        from: sender,
        to: text.toAddress,
        deliveryStatus: delivered ? 'Delivered' : 'Failed',
        deliveryStatusDetails: delivered ? null : 'The handset was switched off',
        receivedTimestamp: new Date(now - 5 * day + 5 * 60_000),
        attemptTimestamps: [new Date(now - 5 * day + 60_000)],
        tag: `${firm.id}:${text.id}`,
      });
    }
    await receiveSms(
      { config: deps.config, clock: deps.clock, notifier },
      tx,
      {
        messageId: 'demo-reply-1',
        from: caseyMobile,
        to: sender,
        message: 'Thanks, I have started the diary. Is Thursday at 2pm still on for the mediation meeting? Casey',
        receivedTimestamp: new Date(now),
      },
      'demo-reply-1',
    );

    // --- an event, a submitted form and an invoice on the purchase --------------------------
    const sevenDays = new Date(now + 7 * day);
    sevenDays.setUTCHours(10, 0, 0, 0);
    const servicesDeps = { db: tx, config: deps.config, clock: deps.clock, notifier };
    await createEvent(servicesDeps, asAlex, purchase, {
      title: 'Exchange of contracts call',
      startsAt: sevenDays.toISOString(),
      endsAt: new Date(sevenDays.getTime() + 30 * 60_000).toISOString(),
      timeZone: 'Europe/London',
      location: 'By phone',
      videoUrl: null,
      attendeeContactIds: [jordan, sam],
    });
    const form = await createForm(tx, asAlex, {
      title: 'Source of funds',
      description: 'Tell us where the money for your purchase comes from, as the money laundering rules require.',
      fields: [
        { key: 'full_name', label: 'Your full name', type: 'short_text', required: true },
        {
          key: 'source',
          label: 'Main source of the deposit',
          type: 'choice',
          required: true,
          options: ['Savings', 'Sale of a property', 'Gift', 'Other'],
        },
        { key: 'details', label: 'Details', type: 'long_text', required: false },
        { key: 'confirm', label: 'I confirm the information is true', type: 'checkbox', required: true },
      ],
    });
    const requestedAt = { now: () => new Date(now - 15 * day) };
    const request = await sendFormRequest({ ...servicesDeps, clock: requestedAt }, asAlex, purchase, {
      formId: form.id,
      contactId: jordan,
    });
    await submitForm(
      { db: tx, blobs: deps.blobs, clock: { now: () => new Date(now - 14 * day) } },
      {
        firmId: firm.id,
        contactId: jordan,
        sessionId: 'demo-seed',
        csrfToken: 'demo-seed',
        scopeConversationId: null,
        endsAt: new Date(now),
      },
      request.id,
      {
        full_name: 'Jordan Ellis',
        source: 'Savings',
        details: 'Savings built up over six years in our joint account, plus a gift of GBP 15,000 from Sam’s parents.',
        confirm: true,
      },
    );
    await createInvoice(servicesDeps, asAlex, purchase, {
      number: 'HV-2026-0142',
      issueDate: new Date(now - 3 * day).toISOString().slice(0, 10),
      dueDate: new Date(now + 11 * day).toISOString().slice(0, 10),
      amount: '1500.00',
      currency: 'GBP',
      status: 'outstanding',
      documentId: invoicePdf.documentId,
      paymentUrl: null,
      notifyClients: false,
    });

    // --- privilege guard: Jordan's link opened on a new phone abroad ----------------------
    // (a laptop in the UK for weeks, then an iPhone in France this morning: the purchase
    // conversation shows the notice, with "Ask the client" and "End their sessions")
    const signedIn = (daysAgo: number, deviceToken: string, userAgent: string, country: string) =>
      recordSignInDevice(
        { db: tx, clock: { now: () => new Date(now - daysAgo * day) } },
        {
          firmId: firm.id,
          contactId: jordan,
          deviceToken,
          userAgent,
          country,
          meta: { requestId: 'demo-seed', ip: undefined },
        },
      );
    await signedIn(
      18,
      newToken(),
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'GB',
    );
    await signedIn(
      0.1,
      newToken(),
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'FR',
    );
  });
  return true;
}
