/** Colours as the browser computed them (rgb(), lch(), oklch()…), read back as sRGB through a 1×1 canvas. */
const canvas = new OffscreenCanvas(1, 1);
const context = canvas.getContext('2d', { willReadFrequently: true })!;

export function rgbOf(color: string): [number, number, number] {
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = '#000';
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!];
}

/** WCAG 2 relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const [R, G, B] = [r, g, b].map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * R + 0.7152 * G + 0.0722 * B;
}

/** WCAG 2 contrast ratio of two computed colours (1 to 21). */
export function contrast(foreground: string, background: string): number {
  const [a, b] = [luminance(rgbOf(foreground)), luminance(rgbOf(background))].sort((x, y) => y - x) as [number, number];
  return (a + 0.05) / (b + 0.05);
}
