// Headless Chromium (Debian's, or $CHROMIUM) for the document checks, with
// no network activity of its own; and the file:// address of a path.
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

export function launch() {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export function address(file) {
  return file.startsWith("file://") ? file : pathToFileURL(file).href;
}
