#!/usr/bin/env bash
# Makes tests/fixtures/docs/: the documents reviewers hold, made by real converters from real
# corpus pages (tests/fixtures/corpus), for tests/docs.rs (each must import to the same cells
# and diagnostics as its page).
#
#   <page>.html            the page's report: its <title> and the article body (the report's
#                          text and tables, verbatim), without the site's navigation
#   <page>.chromium.pdf    printed by headless Chromium (--print-to-pdf), as a browser prints
#   <page>.lo.pdf          exported by LibreOffice Writer/Web (the page opened, saved as PDF)
#   <page>.docx            saved by LibreOffice Writer as Word 2007+ (.docx)
#   <page>.xlsx            opened as a sheet by LibreOffice Calc, saved as Excel 2007+ (.xlsx)
#   <page>.markitdown.md   converted to Markdown by markitdown (pipe tables, spans lost), the
#                          converter document pipelines use
#   scanned.pdf            a screenshot of a page, printed to PDF as an image: no text layer
#
# Installs LibreOffice (Writer, Calc, no GUI) with apt when missing and markitdown (PyPI,
# pinned) into a throwaway venv: only here, never in the test command. Chromium is Debian's (.ci/install.sh). The outputs are committed; run this
# again only to remake them (PDFs carry the creation time, so their bytes change).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui libreoffice-calc-nogui
fi
command -v chromium >/dev/null || { echo "make-doc-fixtures: chromium missing (bash .ci/install.sh)" >&2; exit 1; }

# 2019 format (gb2019), 2021 format (gb2021) without errors, and one with a real error.
PAGES=(pingtan-jinjing-2019 pingtan-jinjing-2021 pingtan-shenpi-2024)
# Chromium embeds the CJK glyphs it draws (~0.6 MB a page): two pages, one per format.
CHROMIUM_PAGES=(pingtan-jinjing-2019 pingtan-shenpi-2024)

out=tests/fixtures/docs
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# LibreOffice keeps its profile here, not in $HOME.
lo=(soffice "-env:UserInstallation=file://$tmp/profile" --headless)

for p in "${PAGES[@]}"; do
  # The article: <title>, a heading, and the TRS_Editor block of the page (balanced <div>s).
  python3 - "tests/fixtures/corpus/$p.html" "$out/$p.html" <<'EOF'
import re, sys
src, dst = sys.argv[1], sys.argv[2]
s = open(src, encoding='utf-8').read()
title = re.search(r'<title>(.*?)</title>', s, re.S).group(1).strip()
start = s.rindex('<div', 0, s.index('TRS_Editor') + 1)
depth, end = 0, len(s)
for m in re.compile(r'<(/?)div\b[^>]*>', re.I).finditer(s, start):
    depth += -1 if m.group(1) else 1
    if depth == 0:
        end = m.end()
        break
with open(dst, 'w', encoding='utf-8') as f:
    f.write('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>%s</title></head>\n'
            '<body>\n<h1>%s</h1>\n%s\n</body></html>\n' % (title, title.split('_')[0], s[start:end]))
EOF
  cp "$out/$p.html" "$tmp/$p.html"
  "${lo[@]}" --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp" "$tmp/$p.html" >/dev/null 2>&1
  "${lo[@]}" --infilter='HTML (StarCalc)' --convert-to 'xlsx:Calc Office Open XML' --outdir "$tmp" "$tmp/$p.html" >/dev/null 2>&1
  "${lo[@]}" --convert-to 'pdf:writer_web_pdf_Export' --outdir "$tmp" "$tmp/$p.html" >/dev/null 2>&1
  mv "$tmp/$p.docx" "$out/$p.docx"
  mv "$tmp/$p.xlsx" "$out/$p.xlsx"
  mv "$tmp/$p.pdf" "$out/$p.lo.pdf"
done
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q 'markitdown==0.1.9' 'markdownify==1.2.3'
for p in "${PAGES[@]}"; do
  "$tmp/venv/bin/markitdown" "$out/$p.html" > "$out/$p.markitdown.md"
done

# A scan: the 2021 page's tables as an image, in a PDF.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,1200 \
  --screenshot="$tmp/scanned.png" "file://$PWD/$out/pingtan-jinjing-2021.html" >/dev/null 2>&1
printf '<!DOCTYPE html><html><body style="margin:0"><img src="scanned.png" style="width:100%%"></body></html>' \
  > "$tmp/scanned.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$PWD/$out/scanned.pdf" "file://$tmp/scanned.html" >/dev/null 2>&1

for p in "${CHROMIUM_PAGES[@]}"; do
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$PWD/$out/$p.chromium.pdf" "file://$PWD/$out/$p.html" >/dev/null 2>&1
done
ls -l "$out"
