// Loads each HTML file given in headless Chromium (Debian's) at a phone's
// viewport (390 × 800) and fails when a page is wider than the screen, that
// is when it would scroll sideways: document.documentElement.scrollWidth > 390.
// A table may scroll inside its own box; the page itself may not.
import { address, launch } from "./chromium.mjs";

const WIDTH = 390;
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node widths.mjs FILE.html...");
  process.exit(2);
}

const browser = await launch();
const wide = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: WIDTH, height: 800, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  for (const file of files) {
    await page.goto(address(file), { waitUntil: "load" });
    const { width, culprits } = await page.evaluate((limit) => {
      const width = document.documentElement.scrollWidth;
      // The outermost elements that reach past the screen, to say what to fix.
      const culprits = [];
      if (width > limit) {
        for (const el of document.querySelectorAll("body *")) {
          const box = el.getBoundingClientRect();
          const parent = el.parentElement.getBoundingClientRect();
          if (box.right > limit + 0.5 && parent.right <= limit + 0.5 && culprits.length < 5) {
            const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).split(" ").join(".") : "");
            culprits.push(`${name} (${Math.round(box.right)} px)`);
          }
        }
      }
      return { width, culprits };
    }, WIDTH);
    if (width > WIDTH) {
      wide.push(file);
      console.log(`${file}: ${width} px de large, plus que l'écran (${WIDTH} px) : ${culprits.join(", ")}`);
    }
  }
} finally {
  await browser.close();
}
if (wide.length > 0) {
  console.log(`${wide.length} page(s) sur ${files.length} plus large(s) que ${WIDTH} px`);
  process.exit(1);
}
console.log(`${files.length} page(s), aucune plus large que ${WIDTH} px`);
