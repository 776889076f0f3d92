// Runs axe-core on each HTML file given, in headless Chromium (Debian's),
// and fails when any accessibility violation is found.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { address, launch } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node axe.mjs FILE.html...");
  process.exit(2);
}

const browser = await launch();
let failures = 0;
try {
  for (const file of files) {
    const page = await browser.newPage();
    await page.goto(address(file), { waitUntil: "load" });
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
    );
    const count = result.violations.reduce((n, v) => n + v.nodes.length, 0);
    console.log(`${file}: ${result.violations.length} règle(s) violée(s), ${count} élément(s)`);
    for (const v of result.violations) {
      console.log(`  ${v.id} (${v.impact}) : ${v.help}`);
      for (const node of v.nodes.slice(0, 3)) {
        console.log(`    ${node.target.join(" ")}`);
      }
    }
    failures += result.violations.length;
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failures === 0 ? 0 : 1);
