import { en } from '../src/modules/notifications/messages/en.js';
import { translator, type TEmailMessages } from '../src/modules/notifications/messages/email-messages.js';
import type { TRenderedEmail } from '../src/modules/notifications/render-email.js';
import { renderEventEmail } from '../src/modules/notifications/templates/event-email.js';
import { renderFormRequestEmail } from '../src/modules/notifications/templates/form-request-email.js';
import { renderInvoiceEmail } from '../src/modules/notifications/templates/invoice-email.js';
import { renderNewMessagesEmail } from '../src/modules/notifications/templates/new-messages-email.js';
import { renderSecureLinkEmail } from '../src/modules/notifications/templates/secure-link-email.js';
import { renderSignInCodeEmail } from '../src/modules/notifications/templates/sign-in-code-email.js';

/** User data an attacker would choose: markup and an ampersand in every name and title. */
const firm = 'Smith & <script>alert("firm")</script> LLP';
const contact = '<script>alert(1)</script>&Ann Client';
const title = 'Lease & <script>alert("title")</script>';
const matterTitle = 'Purchase & <img src=x onerror=alert(2)>';
const url = 'https://confer.example/portal/#link=Abc_123-xyz';
const to = { firmName: firm, contactName: contact, url };
const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** A catalogue message filled in by hand, not by the code under test. */
const fill = (message: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((s, [k, v]) => s.split(`{${k}}`).join(String(v)), message);

type TCase = {
  kind: string;
  render: (messages?: TEmailMessages) => TRenderedEmail;
  subject: string;
  /** The heading, when it is not the subject. */
  heading?: string;
  /** User data in the email: escaped in the HTML part, verbatim in the text part. */
  data: string[];
  /** What the reader needs: in both parts (the link, or the code). */
  carries: string[];
};

const cases: TCase[] = [
  ...(
    [
      ['invited', true, fill(en['secureLink.subject.invited'], { firm })],
      ['invited', false, fill(en['secureLink.subject.started'], { firm })],
      ['requested', false, fill(en['secureLink.subject.requested'], { firm })],
    ] as const
  ).map(([reason, firstTime, subject]): TCase => ({
    kind: `secure link (${reason}, ${firstTime ? 'first time' : 'again'})`,
    render: (m) =>
      renderSecureLinkEmail({ firmName: firm, contactName: contact, url, firstTime, reason }, translator(m)),
    subject,
    data: [firm, '<script>alert(1)</script>&Ann'],
    carries: [url],
  })),
  {
    kind: 'sign-in code',
    render: (m) => renderSignInCodeEmail({ firmName: firm, code: '042917' }, translator(m)),
    subject: fill(en['signInCode.subject'], { code: '042917' }),
    heading: fill(en['signInCode.heading'], { firm, code: '042917' }),
    data: [firm],
    carries: ['042917'],
  },
  {
    kind: 'unseen messages',
    render: (m) =>
      renderNewMessagesEmail(
        {
          ...to,
          conversations: [
            {
              title,
              unseen: 2,
              requireMfa: false,
              previews: [{ author: 'Bob & <i>Co</i>', body: 'See <b>this</b> & that' }],
            },
            { title: 'Secret & <u>matter</u>', unseen: 1, requireMfa: true, previews: [] },
          ],
        },
        translator(m),
      ),
    subject: fill(en['newMessages.subject.other'], { firm, count: 3 }),
    data: [
      firm,
      '<script>alert(1)</script>&Ann',
      title,
      'Secret & <u>matter</u>',
      'Bob & <i>Co</i>: See <b>this</b> & that',
    ],
    carries: [url],
  },
  ...(['added', 'changed', 'cancelled'] as const).map((change): TCase => ({
    kind: `event ${change}`,
    render: (m) =>
      renderEventEmail(
        to,
        {
          change,
          title,
          matterNumber: 'M&A-1',
          matterTitle,
          when: 'Tuesday 3 March 2031, 10:00 to 11:00 (Europe/London)',
          location: 'Room <1> & 2',
          videoUrl: 'https://meet.example/x?a=1&b=2',
        },
        translator(m),
      ),
    subject: fill(en[`event.subject.${change}`], { firm, title }),
    data: [firm, '<script>alert(1)</script>&Ann', title, matterTitle, 'Room <1> & 2', 'https://meet.example/x?a=1&b=2'],
    carries: [url],
  })),
  {
    kind: 'form request',
    render: (m) => renderFormRequestEmail(to, { title, matterNumber: 'M-7', matterTitle }, translator(m)),
    subject: fill(en['form.subject'], { firm, title }),
    data: [firm, '<script>alert(1)</script>&Ann', title, matterTitle],
    carries: [url],
  },
  {
    kind: 'invoice',
    render: (m) =>
      renderInvoiceEmail(
        to,
        {
          number: 'INV<1>&2',
          matterNumber: 'M-8',
          matterTitle,
          currency: 'GBP',
          amount: '1,250.00',
          due: '2031-04-01',
        },
        translator(m),
      ),
    subject: fill(en['invoice.subject'], { firm, number: 'INV<1>&2' }),
    data: [firm, '<script>alert(1)</script>&Ann', 'INV<1>&2', matterTitle],
    carries: [url],
  },
];

describe('email templates', () => {
  test.each(cases)(
    'when the $kind email is rendered for names holding <script> and &, then the HTML part escapes them, the text part has them verbatim, both carry the link or code, and the subject is the catalogue’s',
    ({ render, subject, heading, data, carries }) => {
      const email = render();
      expect(email.subject).toBe(subject);
      for (const value of data) {
        expect(email.text).toContain(value);
        expect(email.html).toContain(escape(value));
      }
      // no markup from the data survives into the HTML part
      expect(email.html).not.toMatch(/<script|<img|<u>|<i>|<b>|onerror=alert\(2\)>/);
      expect(email.text).not.toContain('&amp;');
      for (const needed of carries) {
        expect(email.text).toContain(needed);
        expect(email.html).toContain(escape(needed));
      }
      expect(email.html).toMatch(/^<!doctype html><html lang="en">/);
      expect(email.html).toContain(`<h1 style="font-size:20px">${escape(heading ?? subject)}</h1>`);
      expect(email.text.split('\n')[0]).toBe(heading ?? subject);
    },
  );

  test('when a link is in the email, then the HTML button points at it and no other address', () => {
    for (const { render, carries } of cases) {
      const hrefs = [...render().html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      if (carries.includes(url)) expect(hrefs).toEqual([escape(url)]);
      else expect(hrefs).toEqual([]);
    }
  });

  test('when a conversation requires two-factor sign-in, then its message text is never in the email, whatever the caller passes', () => {
    const email = renderNewMessagesEmail({
      ...to,
      conversations: [
        { title: 'Private', unseen: 1, requireMfa: true, previews: [{ author: 'Bob', body: 'The secret terms' }] },
      ],
    });
    expect(email.text).not.toContain('The secret terms');
    expect(email.html).not.toContain('The secret terms');
    expect(email.text).toContain(en['newMessages.signInToRead']);
  });

  test('when another catalogue is given, then every word of every email comes from it: none is written in the templates', () => {
    const marked = Object.fromEntries(Object.entries(en).map(([k, v]) => [k, `⟦${v}⟧`])) as unknown as TEmailMessages;
    for (const { kind, render } of cases) {
      const email = render(marked);
      expect(email.subject.startsWith('⟦')).toBe(true);
      const lines = email.text.split('\n').filter((l) => l !== '');
      // each line is a catalogue message, or user data on its own (an appointment's title)
      const strays = lines.filter((l) => !l.startsWith('⟦') && l !== title);
      expect({ kind, strays }).toEqual({ kind, strays: [] });
      const htmlText = email.html
        .replace(/<[^>]*>/g, '\n')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      expect({ kind, strays: htmlText.filter((l) => !l.startsWith('⟦') && l !== escape(title)) }).toEqual({
        kind,
        strays: [],
      });
    }
  });
});
