import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../db/access.ts';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createServices } from '../../services.ts';

// Persian and Arabic queries against short synthetic passages written for this table. Each row:
// the query, and the passage it must (or must not) find.
const MUST_MATCH: Array<[string, string]> = [
  ['می‌خواهیم', 'ما پول می خواهیم.'],
  ['می خواهیم', 'ما پول میخواهیم.'],
  ['میخواهیم', 'ما پول می‌خواهیم.'],
  ['نمی‌دانم', 'او گفت نمی دانم کجاست.'],
  ['نمی دانم', 'او گفت نمیدانم کجاست.'],
  ['نسخه‌ای', 'یک نسخه ای از سند رسید.'],
  ['نسخه ای', 'یک نسخه‌ای از سند رسید.'],
  ['کتاب‌ها', 'کتاب ها در قفسه است.'],
  ['کتابهای', 'کتاب‌های تازه رسید.'],
  ['بزرگ‌ترین', 'بزرگ ترین بازار شهر.'],
  ['کتاب*', 'کتاب‌ها در قفسه است.'],
  ['کتاب*', 'کتابخانه بسته بود.'],
  ['کتاب*', 'یک کتاب خرید.'],
  ['می‌شود', 'گفته مي شود که'],
  ['كتاب', 'یک کتاب خرید.'],
  ['یک', 'يك كتاب خريد.'],
  ['مدرسه', 'مدرسة الامام'],
  ['کِتاب', 'یک کتاب خرید.'],
  ['کتاب', 'یک كِتَاب خرید.'],
  ['کتـــاب', 'یک کتاب خرید.'],
  ['۱۳۹۳', 'در سال 1393 دیدار کرد.'],
  ['1393', 'در سال ۱۳۹۳ دیدار کرد.'],
  ['١٣٩٣', 'در سال ۱۳۹۳ دیدار کرد.'],
  ['۳۱۸۴۰۶', 'منبع 318406 گفت'],
  ['آمریکا', 'سفارت امریکا در بغداد'],
  ['امریکا', 'سفارت آمریکا در بغداد'],
  ['أحمد', 'احمد به نجف رفت.'],
  ['احمد', 'إحمد به نجف رفت.'],
  ['خانه‌ی', 'خانه ی او'],
  ['خانۀ', 'خانه او'],
  ['مسئول', 'مسئول پرونده'],
  ['"دفتر مرجعیت"', 'به گفته‌ی او، دفتر مرجعیت نگران است.'],
  ['«دفتر مرجعیت»', 'به گفته‌ی او، دفتر مرجعیت نگران است.'],
  ['"داوطلب برای وطن رفت"', '«داوطلب برای وطن رفت، ولی برای حزب برگشت.»'],
  ['العامری', 'هادی العامری در بغداد'],
  ['هادی', 'هادي العامري في بغداد'],
  ['بغداد', 'وصل الوفد إلى بغداد صباحاً'],
  ['صباحا', 'وصل الوفد إلى بغداد صباحاً'],
  ['فتوا', 'پس از فتوای خرداد'.replace('فتوای', 'فتوا')],
  ['فتوای', 'پس از فتوای خرداد'],
  ['نجف OR کربلا', 'در کربلا دیدار کرد.'],
  ['پرداخت‌ها', 'او گفت که پرداخت ها دیر رسیده است.'],
  ['منبع -کربلا', 'منبع در نجف بود.'],
];

const MUST_NOT_MATCH: Array<[string, string]> = [
  ['کتاب', 'کتابخانه بسته بود.'],
  ['کتاب', 'کتاب‌ها در قفسه است.'],
  ['خانه', 'کتابخانه بسته بود.'],
  ['خواهیم', 'ما پول می‌خواهیم.'],
  ['دانم', 'او گفت نمی دانم کجاست.'],
  ['نجف', 'در کربلا دیدار کرد.'],
  ['۱۳۹۴', 'در سال ۱۳۹۳ دیدار کرد.'],
  ['"وطن رفت ولی برای حزب رفت"', '«داوطلب برای وطن رفت، ولی برای حزب برگشت.»'],
  ['منبع -نجف', 'منبع در نجف بود.'],
  ['بغدادی', 'سفارت امریکا در بغداد'],
  ['امیری', 'هادی العامری در بغداد'],
  ['تاب*', 'یک کتاب خرید.'],
  ['مدرسه', 'المدارس مغلقة'],
  ['ترین', 'بزرگ ترین بازار شهر.'],
  ['ها', 'کتاب ها در قفسه است.'],
];

let db: TroveDatabase;
const refOf = (kind: 'm' | 'n', index: number) => `FA-${kind}-${index + 1}`;

beforeAll(async () => {
  db = await openDatabase(':memory:');
  await addDocuments(db, [
    ...MUST_MATCH.map(([, body], i) => ({ ref: refOf('m', i), body, language: 'fa' })),
    ...MUST_NOT_MATCH.map(([, body], i) => ({ ref: refOf('n', i), body, language: 'fa' })),
  ]);
});
afterAll(() => db.close());

async function found(query: string): Promise<string[]> {
  const result = await createServices(db).search.run({ q: query, pageSize: 100 }, OPERATOR);
  return result.results.map((r) => r.document.ref);
}

describe('Persian and Arabic search', () => {
  it.each(MUST_MATCH.map(([q, body], i) => [q, body, refOf('m', i)]))('%s finds %s', async (query, _body, ref) => {
    expect(await found(query)).toContain(ref);
  });

  it.each(MUST_NOT_MATCH.map(([q, body], i) => [q, body, refOf('n', i)]))('%s does not find %s', async (query, _body, ref) => {
    expect(await found(query)).not.toContain(ref);
  });

  it('highlights a word written with a space as the whole of both parts', async () => {
    const result = await createServices(db).search.run({ q: 'میخواهیم', pageSize: 100 }, OPERATOR);
    const hit = result.results.find((r) => r.document.ref === refOf('m', 0))!;
    expect(hit.passages[0]!.snippet).toContain('\u0002می خواهیم\u0003');
  });
});
