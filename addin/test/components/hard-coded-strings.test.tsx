import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findHardCodedStrings, findHardCodedStringsUnder } from '../../../ui/test-support/find-hard-coded-strings';

const addinRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('UI strings', () => {
  it('when a dialog gets its words as literals, then the scan reports them', () => {
    const fixture = `
      export function Fixture({ open, name }: { open: boolean; name: string }) {
        return (
          <ConfirmDialog
            open={open}
            title={t.files.removeAccess}
            body={\`The people in this conversation will no longer be able to open \${name}.\`}
            confirmLabel="Remove access"
            busyLabel={t.files.removing}
            onConfirm={() => undefined}
          />
        );
      }`;
    expect(findHardCodedStrings(fixture).map((found) => found.text)).toEqual([
      '`The people in this conversation will no longer be able to open ${name}.`',
      'confirmLabel="Remove access"',
    ]);
  });

  it('when the staff app is scanned, then no component under addin/src holds a hard-coded word', () => {
    const found = findHardCodedStringsUnder(addinRoot, ['src']);
    expect(found.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });
});
