import { readFileSync } from 'node:fs';
import { apiTypesFile, renderApiTypes } from '../scripts/generate-api-types.js';

describe('generated client types (ui/src/generated/api.ts)', () => {
  test('when the API describes its routes, then the committed client types are exactly what it generates (else run npm run generate:api-types)', async () => {
    const committed = readFileSync(apiTypesFile, 'utf8');
    const current = await renderApiTypes();
    expect(committed === current).toBe(true);
    expect(current).toContain('"/api/v1/me"');
  });
});
