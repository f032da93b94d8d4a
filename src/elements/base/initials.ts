/** Up to two initials of a name, for an avatar without a photo ("Lin Wei 林伟" → "LW"). */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0])
    .join('')
    .toUpperCase();
