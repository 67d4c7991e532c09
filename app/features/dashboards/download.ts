/**
 * Saving a chart's data or picture as a file, all in the browser: the CSV and
 * the PNG are made here and handed over as object URLs (a download, which
 * the page's CSP does not govern). The picture goes through an <img> of the
 * SVG as a data: URL, which img-src already allows.
 */

export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_HEIGHT = 32;
const MARGIN = 12;

/**
 * A standalone copy of a chart's SVG: its size fixed, a white background and
 * the chart's title above it (a picture travels without its page). Charts
 * draw with presentation attributes, not the stylesheet, so the copy looks
 * the same.
 */
export function standaloneSvg(svg: SVGSVGElement, title: string): { markup: string; width: number; height: number } {
  const width = (Number(svg.getAttribute('width')) || svg.clientWidth || 640) + 2 * MARGIN;
  const height = (Number(svg.getAttribute('height')) || svg.clientHeight || 320) + TITLE_HEIGHT + 2 * MARGIN;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.setAttribute('font-family', 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif');
  copy.removeAttribute('class');
  const body = document.createElementNS(SVG_NS, 'g');
  body.setAttribute('transform', `translate(${MARGIN} ${TITLE_HEIGHT + MARGIN})`);
  body.append(...Array.from(copy.childNodes));
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  const heading = document.createElementNS(SVG_NS, 'text');
  heading.setAttribute('x', String(MARGIN));
  heading.setAttribute('y', String(MARGIN + 20));
  heading.setAttribute('font-size', '16');
  heading.setAttribute('font-weight', '600');
  heading.setAttribute('fill', '#1b1f24');
  heading.textContent = title;
  copy.append(background, heading, body);
  return { markup: new XMLSerializer().serializeToString(copy), width, height };
}

/** The chart as a PNG at twice its size (sharp on high-density screens and in documents). */
export async function svgToPng(svg: SVGSVGElement, title: string): Promise<Blob> {
  const { markup, width, height } = standaloneSvg(svg, title);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  const ratio = 2;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.scale(ratio, ratio);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas gave no image'))), 'image/png');
  });
}

/** The SVG itself, for when the canvas cannot make a PNG. */
export function svgBlob(svg: SVGSVGElement, title: string): Blob {
  return new Blob([standaloneSvg(svg, title).markup], { type: 'image/svg+xml' });
}
