#!/usr/bin/env bash
# The main command: installs what is missing, builds the WebAssembly widget as the one-file
# drop-in www/nianbao.js, and serves the demo pages (www/) on 127.0.0.1 until Ctrl-C.
#
#   bash scripts/demo.sh            # port 8080, or a free one when 8080 is taken
#   PORT=9000 bash scripts/demo.sh
#
# The pages are host pages as a CMS would build them (plain HTML tables, no nianbao markup);
# each loads nianbao with one line: <script src="nianbao.js" data-nianbao-auto></script>.
# CLI alternative, no browser: cargo run -- check examples/yichun-2020.json
set -euo pipefail
cd "$(dirname "$0")/.."
# Only the build tools (the test tools — Chromium, fuzzers, the e2e frameworks — are the test
# command's: .ci/install-test.sh).
bash .ci/install-build.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

bash scripts/build-dropin.sh

# Sample documents for the "paste a report" page (git-ignored copies).
mkdir -p www/samples
cp -p examples/yichun-2020.txt www/samples/yichun-2020.txt
cp -p tests/fixtures/corpus/pingtan-shenpi-2024.html www/samples/pingtan-shenpi-2024.html

exec node --input-type=module -e '
import { startServer } from "./e2e/serve.mjs";
const want = Number(process.env.PORT || 8080);
let srv;
try {
  srv = await startServer("www", want);
} catch (e) {
  if (e.code !== "EADDRINUSE") throw e;
  console.log(`port ${want} is in use; picking a free one`);
  srv = await startServer("www", 0);
}
const u = srv.url;
console.log(`
nianbao demo — serving www/ (no external requests)

  ${u}cms-2019.html   2019 格式填报表单（宜春市 2020 年报数据）
  ${u}cms-2021.html   2021 格式填报表单（空白）
  ${u}editor.html     富文本编辑器中的年报表格
  ${u}paste.html      粘贴报告检查
  ${u}review.html     年度报告批量审查（拖入一批报告或文件夹）
  ${u}                 所有演示页面

Press Ctrl-C to stop.`);
const stop = () => srv.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
'
