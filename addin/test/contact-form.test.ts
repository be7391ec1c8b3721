// Pure logic of the contact forms on the matter page: what is checked before saving, what is
// sent, how server validation messages read, and which contacts are offered.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Contact } from '@confer/ui';
import {
  EMPTY_CONTACT_DRAFT,
  checkContactDraft,
  contactFieldMessages,
  contactsToOffer,
  draftOfContact,
  readContactChanges,
  readNewContact,
} from '../src/matters/contact-form.ts';

const contact = (id: string, extra: Partial<Contact> = {}): Contact => ({
  id,
  name: 'Riya Kapoor',
  email: 'riya@example.com',
  mobile: '+447700900123',
  kind: 'client',
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...extra,
});

describe('checking a contact before saving', () => {
  test('a name is required and an email must look like one', () => {
    assert.deepEqual(checkContactDraft({ ...EMPTY_CONTACT_DRAFT, name: '  ', email: 'riya@' }), {
      name: 'Enter a name.',
      email: 'Enter an email address like name@example.com.',
    });
  });

  test('email and mobile may be left blank; the mobile is left to the server', () => {
    assert.deepEqual(checkContactDraft({ ...EMPTY_CONTACT_DRAFT, name: 'Morgan Reid', mobile: 'not a number' }), {});
  });
});

describe('what is sent', () => {
  test('a new contact is trimmed and leaves blank email and mobile out', () => {
    assert.deepEqual(
      readNewContact({
        name: ' Morgan Reid ',
        email: ' morgan.reid@valuers.example ',
        mobile: ' ',
        kind: 'third_party',
      }),
      { name: 'Morgan Reid', email: 'morgan.reid@valuers.example', kind: 'third_party' },
    );
  });

  test('an edit sends only what changed, a cleared email as null', () => {
    const riya = contact('c1');
    assert.deepEqual(readContactChanges(riya, draftOfContact(riya)), {});
    assert.deepEqual(readContactChanges(riya, { ...draftOfContact(riya), email: '  ', mobile: '+44 7400 123456' }), {
      email: null,
      mobile: '+44 7400 123456',
    });
  });

  test('a contact without email or mobile edits from blank fields', () => {
    const bare = contact('c2', { email: null, mobile: null });
    assert.deepEqual(draftOfContact(bare), { name: 'Riya Kapoor', email: '', mobile: '', kind: 'client' });
    assert.deepEqual(readContactChanges(bare, draftOfContact(bare)), {});
  });
});

describe('server validation messages', () => {
  test('fragments read as sentences with the field label; other fields are left out', () => {
    assert.deepEqual(
      contactFieldMessages({
        mobile: 'is not a valid phone number',
        email: 'must be an email address',
        name: 'Too small: expected string to have >=1 characters',
        active: 'Invalid input',
      }),
      {
        mobile: 'Mobile is not a valid phone number.',
        email: 'Email must be an email address.',
        name: 'Too small: expected string to have >=1 characters.',
      },
    );
  });

  test('no field errors, no messages', () => {
    assert.deepEqual(contactFieldMessages({}), {});
  });
});

test('contacts already on the matter are not offered again', () => {
  const found = [contact('a'), contact('b'), contact('c')];
  assert.deepEqual(
    contactsToOffer(found, new Set(['b'])).map((c) => c.id),
    ['a', 'c'],
  );
});
