import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitMessageText, toSafeLinkHref, type MessageTextPart } from '../src/message-text/split-message-text.js';

const text = (value: string): MessageTextPart => ({ kind: 'text', text: value });
const bare = (value: string, href: string): MessageTextPart => ({ kind: 'link', text: value, href, source: 'bare' });
const md = (value: string, href: string): MessageTextPart => ({ kind: 'link', text: value, href, source: 'markdown' });

describe('splitMessageText', () => {
  test('plain text stays one run, whitespace and line breaks included', () => {
    assert.deepEqual(splitMessageText('Hello  there,\n\n  see you\ttomorrow'), [
      text('Hello  there,\n\n  see you\ttomorrow'),
    ]);
    assert.deepEqual(splitMessageText(''), []);
  });

  test('HTML is never interpreted: it is returned as literal text', () => {
    const body = '<script>alert(1)</script><img src=x onerror=alert(1)> <b>bold</b>';
    assert.deepEqual(splitMessageText(body), [text(body)]);
  });

  test('markdown links with allowed schemes become links', () => {
    assert.deepEqual(splitMessageText('Read [the deed](https://example.com/deed.pdf) today'), [
      text('Read '),
      md('the deed', 'https://example.com/deed.pdf'),
      text(' today'),
    ]);
    assert.deepEqual(splitMessageText('[Call me](tel:+447700900101) or [mail](mailto:a@b.example)'), [
      md('Call me', 'tel:+447700900101'),
      text(' or '),
      md('mail', 'mailto:a@b.example'),
    ]);
    assert.deepEqual(splitMessageText('[old site](http://example.com)'), [md('old site', 'http://example.com/')]);
  });

  test('markdown links with other schemes stay literal text', () => {
    for (const body of [
      '[x](javascript:alert(1))',
      '[x](javascript:alert)',
      '[x](JaVaScRiPt:alert)',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '[x](vbscript:msgbox)',
      '[x](/relative/path)',
      '[x](//evil.example)',
      '[x](file:///etc/passwd)',
    ]) {
      const parts = splitMessageText(body);
      assert.ok(
        parts.every((p) => p.kind === 'text'),
        `${body} must not produce a link: ${JSON.stringify(parts)}`,
      );
      assert.equal(parts.map((p) => p.text).join(''), body);
    }
  });

  test('bare http(s) and www URLs become links, without trailing punctuation', () => {
    assert.deepEqual(splitMessageText('See https://example.com/a?b=1#c.'), [
      text('See '),
      bare('https://example.com/a?b=1#c', 'https://example.com/a?b=1#c'),
      text('.'),
    ]);
    assert.deepEqual(splitMessageText('(www.example.com/x), ok?'), [
      text('('),
      bare('www.example.com/x', 'https://www.example.com/x'),
      text('), ok?'),
    ]);
    assert.deepEqual(splitMessageText('https://en.wikipedia.org/wiki/Deed_(law)!'), [
      bare('https://en.wikipedia.org/wiki/Deed_(law)', 'https://en.wikipedia.org/wiki/Deed_(law)'),
      text('!'),
    ]);
    assert.deepEqual(splitMessageText('one http://a.example\ntwo'), [
      text('one '),
      bare('http://a.example', 'http://a.example/'),
      text('\ntwo'),
    ]);
  });

  test('things that only look like URLs stay text', () => {
    for (const body of ['https://', 'awww.example.com', 'me@www.example.com', 'x.www.example.com', 'www.nodot']) {
      assert.ok(
        splitMessageText(body).every((p) => p.kind === 'text'),
        `${body} must stay text`,
      );
    }
  });

  test('a URL inside markdown link text does not nest', () => {
    assert.deepEqual(splitMessageText('[https://shown.example](https://real.example)'), [
      md('https://shown.example', 'https://real.example/'),
    ]);
  });

  test('right-to-left and non-Latin text is untouched', () => {
    const body = 'مرحبا بك — 你好 https://example.com שלום';
    const parts = splitMessageText(body);
    assert.deepEqual(parts, [
      text('مرحبا بك — 你好 '),
      bare('https://example.com', 'https://example.com/'),
      text(' שלום'),
    ]);
  });

  test('long input is handled in linear time', () => {
    const body = '['.repeat(5000) + 'x](' + 'a'.repeat(5000);
    const started = performance.now();
    splitMessageText(body);
    assert.ok(performance.now() - started < 200);
  });
});

describe('toSafeLinkHref', () => {
  test('accepts only absolute https, http, mailto and tel', () => {
    assert.equal(toSafeLinkHref('https://example.com'), 'https://example.com/');
    assert.equal(toSafeLinkHref('mailto:someone@example.com'), 'mailto:someone@example.com');
    assert.equal(toSafeLinkHref('tel:+44 20 7946 0000'), null); // spaces are refused
    assert.equal(toSafeLinkHref('tel:+442079460000'), 'tel:+442079460000');
    assert.equal(toSafeLinkHref('javascript:alert(1)'), null);
    assert.equal(toSafeLinkHref('https://'), null);
    assert.equal(toSafeLinkHref('ftp://example.com'), null);
    assert.equal(toSafeLinkHref('example.com'), null);
    assert.equal(toSafeLinkHref('mailto:'), null);
  });
});
