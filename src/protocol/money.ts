// No zod here: elements format prices without carrying the schemas.

/** An amount in integer minor units of `currency`, formatted for `lang` (2 decimals for CNY and USD, none for JPY…). */
export function formatMoney(amountMinor: number, currency: string, lang: string): string {
  const format = new Intl.NumberFormat(lang, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}
