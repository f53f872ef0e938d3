import QRCode from 'qrcode';
import type { GroupLocale } from '../contracts/groups.js';

/** An A6 card (105 × 148 mm) in SVG: the group's name, a line on what Kring is, the short link and its QR code. */

const WORDS: Record<GroupLocale, { lead: string; scan: string; anonymous: string }> = {
  nl: {
    lead: 'Een zelfhulpgroep online, met lotgenoten',
    scan: 'Scan de code of typ de link:',
    anonymous: 'Anoniem: geen naam, e-mail of telefoonnummer nodig.',
  },
  en: {
    lead: 'An online self-help group of peers',
    scan: 'Scan the code or type the link:',
    anonymous: 'Anonymous: no name, email or phone number needed.',
  },
};

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Lines of at most `max` characters, cut at spaces (a long group name on the card). */
function wrap(value: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(/\s+/)) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) {
    lines.push(line);
  }
  return lines.slice(0, 3);
}

export function referralCardSvg(options: { name: string; link: string; locale: GroupLocale }): string {
  const words = WORDS[options.locale];
  const qr = QRCode.create(options.link, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const cells: string[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(x, y)) {
        cells.push(`M${x} ${y}h1v1h-1z`);
      }
    }
  }
  const qrSide = 60;
  // A monospace glyph is about 0.6 of its size wide: a long link gets smaller letters, never past the edge.
  const linkSize = Math.min(4, 96 / (options.link.length * 0.6)).toFixed(2);
  const nameLines = wrap(options.name, 22)
    .map((line, i) => `<text x="52.5" y="${22 + i * 8}" class="name">${escapeXml(line)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="105mm" height="148mm" viewBox="0 0 105 148" role="img" aria-label="${escapeXml(options.name)}">
<style>text{font-family:system-ui,sans-serif;fill:#1d2b36;text-anchor:middle}.name{font-size:7px;font-weight:700}.small{font-size:3.6px}.link{font-family:ui-monospace,monospace}</style>
<rect width="105" height="148" fill="#fff"/>
<text x="52.5" y="12" class="small">Kring</text>
${nameLines}
<text x="52.5" y="50" class="small">${escapeXml(words.lead)}</text>
<g transform="translate(${(105 - qrSide) / 2} 56) scale(${qrSide / size})"><path d="${cells.join('')}" fill="#000"/></g>
<text x="52.5" y="126" class="small">${escapeXml(words.scan)}</text>
<text x="52.5" y="133" class="link" font-size="${linkSize}">${escapeXml(options.link)}</text>
<text x="52.5" y="142" class="small">${escapeXml(words.anonymous)}</text>
</svg>
`;
}
