import { formatCount, plural } from './format.ts';

/**
 * A count as words: "8,000 documents", or for an estimate "about 1.2 million documents". An
 * estimate is rounded to two significant figures so it does not look more exact than it is, and
 * says "about" in the text itself, which screen readers read like any other word.
 */
export function describeTotal(total: number, approximate: boolean, one: string, many = `${one}s`): string {
  if (!approximate) return plural(total, one, many);
  return `about ${roughly(total)} ${total === 1 ? one : many}`;
}

/** A search's total as words, which may also be a lower bound: "more than 10,000 results" when it stopped counting. */
export function describeSearchTotal(
  counted: { total: number; totalApproximate: boolean; totalLowerBound?: boolean },
  one: string,
  many = `${one}s`,
): string {
  if (counted.totalLowerBound) return `more than ${formatCount(counted.total)} ${many}`;
  return describeTotal(counted.total, counted.totalApproximate, one, many);
}

function roughly(total: number): string {
  if (total >= 1_000_000) {
    const millions = Number((total / 1_000_000).toPrecision(2));
    return `${formatCount(millions)} million`;
  }
  return formatCount(total < 100 ? total : Number(total.toPrecision(2)));
}
