// No zod here: elements format prices without carrying the schemas.

/**
 * An amount in integer minor units of `currency`, formatted for `lang` (2 decimals for CNY and USD, none for JPY…).
 * The narrow symbol: a shop's prices read "¥168.00" whatever the reader's language (not "CN¥" in English).
 */
export function formatMoney(amountMinor: number, currency: string, lang: string): string {
  const format = new Intl.NumberFormat(lang, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}
