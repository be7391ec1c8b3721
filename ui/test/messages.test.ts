import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { defineMessages, fill, plural } from '../src/messages/index.js';

const childrenOf = (node: ReactNode) => {
  assert.ok(isValidElement(node));
  return (node as ReactElement<{ children: ReactNode[] }>).props.children;
};

test('when a catalogue sentence has a link inside, then fill puts the element where its placeholder is', () => {
  const link = createElement('a', { href: '#d' }, 'Lease.pdf');
  assert.deepEqual(childrenOf(fill('shared {link} with you.', { link })), ['shared ', link, ' with you.']);
  assert.deepEqual(childrenOf(fill('{record} ({verification}).', { record: 'PDF', verification: 'JSON' })), [
    'PDF',
    ' (',
    'JSON',
    ').',
  ]);
});

test('when a placeholder has no value, then fill leaves it as written so the mistake shows', () => {
  assert.deepEqual(childrenOf(fill('Comment on {link}', {})), ['Comment on ', '{link}']);
});

test('when a catalogue is defined, then its strings and functions come back as written', () => {
  const en = defineMessages({
    inbox: { title: 'Messages', unread: (n: number) => `${n} ${plural(n, 'unread message', 'unread messages')}` },
  });
  assert.equal(en.inbox.title, 'Messages');
  assert.equal(en.inbox.unread(1), '1 unread message');
  assert.equal(en.inbox.unread(3), '3 unread messages');
});
