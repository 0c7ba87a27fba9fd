// Shared by the report reader's browser tests: the sample reports and their quotations.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Quotation, ReportResponse } from '../src/lib/api/types.ts';
import type { TestServer } from './server.ts';

// The sample reports; fixtures/sample-archive/QUOTES.md lists each quotation and its true source.
export const SHADOW = 'report-shadow-network';
export const LEDGER = 'TRV-REPORT-LEDGER';

/** The quotation of a report whose text starts with these words, as the API has it now. */
export async function findQuotation(server: TestServer, ref: string, opening: string): Promise<Quotation> {
  const report = await server.api<ReportResponse>(`/api/reports/by-ref/${encodeURIComponent(ref)}`);
  const found = report.quotations.find((q) => q.text.startsWith(opening));
  expect(found, `${ref} should quote “${opening}…”`).toBeDefined();
  return found!;
}

/** Sends a review or attach request straight to the API under a session (see apiSession), for setting up a test. */
export async function sendJson(
  server: TestServer,
  session: Record<string, string>,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
): Promise<void> {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', ...session },
    body: JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${await response.text()}`).toBe(true);
}

/** The ordinal of the quotation marked aria-current in the report pane. */
export function selectedOrdinal(page: Page): Promise<string | null> {
  return page.locator('.report-text a[aria-current="true"]').getAttribute('data-ordinal');
}
