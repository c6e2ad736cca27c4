/**
 * `npx tsx scripts/render-icons.ts`: the app's icons (web/public/icons/*.png) drawn by chromium from
 * web/public/favicon.svg, so that the icon on a phone's home screen is the favicon, only larger. Run
 * it again when the favicon changes, and commit the PNGs.
 *
 * - icon-192.png, icon-512.png: the favicon as it is (its rounded square), for launchers that show
 *   an icon whole;
 * - maskable-512.png: full-bleed green with the check inside the middle 60 %, for launchers that cut
 *   the icon to a circle or a squircle (the "safe zone" is the middle 80 %);
 * - apple-touch-icon.png (180 px): full-bleed too; iOS rounds the corners itself.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "../test/support/chromium.js";

const ROOT = join(import.meta.dirname, "..");
const PUBLIC = join(ROOT, "web", "public");
const OUT = join(PUBLIC, "icons");

const favicon = readFileSync(join(PUBLIC, "favicon.svg"), "utf8");
const fill = favicon.match(/<rect[^>]*fill="(#[0-9a-f]{6})"/i)?.[1];
const check = favicon.match(/<path[^>]*\/>/)?.[0];
if (!fill || !check) throw new Error("favicon.svg no longer has the rect and path this script expects");

/** The check on a full square of the favicon's green, scaled to `scale` of the side around the centre. */
function fullBleed(scale: number): string {
  const offset = (32 - 32 * scale) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${fill}"/><g transform="translate(${offset} ${offset}) scale(${scale})">${check}</g></svg>`;
}

const ICONS: { file: string; size: number; svg: string }[] = [
  { file: "icon-192.png", size: 192, svg: favicon },
  { file: "icon-512.png", size: 512, svg: favicon },
  { file: "maskable-512.png", size: 512, svg: fullBleed(0.6) },
  { file: "apple-touch-icon.png", size: 180, svg: fullBleed(0.75) },
];

mkdirSync(OUT, { recursive: true });
const browser = await launchChromium();
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const source = `data:image/svg+xml;base64,${Buffer.from(icon.svg).toString("base64")}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style><img src="${source}" width="${icon.size}" height="${icon.size}">`,
    );
    await page.locator("img").evaluate("(img) => img.decode()");
    await page.screenshot({ path: join(OUT, icon.file), omitBackground: true });
    await page.close();
    console.log(`web/public/icons/${icon.file} (${icon.size} px)`);
  }
} finally {
  await browser.close();
}
