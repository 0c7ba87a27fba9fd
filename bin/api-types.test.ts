import { expect, test } from 'vitest';
import { generateApiTypes, readCommittedApiTypes } from './api-types.ts';

// The CI check of issue 8: the web client's API types are what the server's schemas say now.
test('the committed web API types match the OpenAPI document the schemas generate', async () => {
  const generated = await generateApiTypes();
  expect(generated).toContain("'/api/entities/{id}'");
  // Compared as booleans first so that a stale file fails with the fix in the message, not a 3,000-line diff.
  const fresh = readCommittedApiTypes() === generated;
  expect(fresh, 'web/src/lib/api/generated/openapi.d.ts is stale: run `npm run api:types` and commit the result.').toBe(true);
});
