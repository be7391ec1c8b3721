import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findHardCodedStrings, findHardCodedStringsUnder } from '../../../ui/test-support/find-hard-coded-strings';

const portalRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('UI strings', () => {
  it('when a component writes words into its JSX, then the scan reports each of them', () => {
    const fixture = `
      export function Fixture({ busy, name }: { busy: boolean; name: string }) {
        return (
          <form aria-label="Sign-in code">
            <Field label={t.auth.code} hint="Check your email">
              <Input placeholder="6 digits" />
            </Field>
            <img alt={\`Photo of \${name}\`} src="/x.png" />
            <Button title={busy ? t.auth.checking : 'Sign in'}>{busy ? 'Checking…' : t.auth.signIn}</Button>
            <p>We have emailed you a code.</p>
            <span className="meta" data-kind="code">{name} · 42</span>
          </form>
        );
      }`;
    expect(findHardCodedStrings(fixture, 'Fixture.tsx').map((found) => found.text)).toEqual([
      'aria-label="Sign-in code"',
      'hint="Check your email"',
      'placeholder="6 digits"',
      '`Photo of ${name}`',
      "'Sign in'",
      "'Checking…'",
      'We have emailed you a code.',
    ]);
  });

  it('when a component takes every word from the catalogue, then the scan reports nothing', () => {
    const fixture = `
      export function Fixture({ n }: { n: number }) {
        return (
          <Field label={t.forms.answer} hint={t.forms.hint(n)} className="field">
            <span aria-hidden="true">{t.forms.count(n)} · {n}%</span>
          </Field>
        );
      }`;
    expect(findHardCodedStrings(fixture)).toEqual([]);
  });

  it('when the portal is scanned, then no component under portal/src holds a hard-coded word', () => {
    const found = findHardCodedStringsUnder(portalRoot, ['src']);
    expect(found.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });
});
