import { executeServerCommand } from '@web/test-runner-commands';

/**
 * Decodes the QR code an element rendered: Chromium rasterizes the SVG as it would be displayed, and jsQR (in the
 * runner's Node process) reads the pixels, as a phone's camera would.
 */
export async function decodeQr(svgElement: SVGSVGElement, scale = 4): Promise<string | null> {
  const markup = new XMLSerializer().serializeToString(svgElement);
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  await image.decode();
  const modules = svgElement.viewBox.baseVal.width;
  const size = modules * scale;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d')!;
  context.imageSmoothingEnabled = false;
  context.drawImage(image, 0, 0, size, size);
  URL.revokeObjectURL(image.src);
  const { data } = context.getImageData(0, 0, size, size);
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return executeServerCommand<string | null, { width: number; height: number; rgba: string }>('decode-qr', {
    width: size,
    height: size,
    rgba: btoa(binary),
  });
}
