#!/usr/bin/env bash
# Render the printed 任务分工表 for the README: write the table as DOCX and XLSX with the
# fazhi command, print both to PDF with LibreOffice (headless), and save the first page of
# each as a PNG in docs/img/.
#
# Needs: the package installed with the docx and xlsx extras, and
#   apt-get install -y libreoffice-calc libreoffice-writer fonts-noto-cjk poppler-utils
# (On a machine without 方正小标宋简体/黑体/仿宋, LibreOffice substitutes Noto CJK, so the
# picture shows the layout; the fonts named in the files are those of a Chinese Windows/WPS.)
#
# Usage: scripts/render_table.sh [UNIT [YEAR]]   (run from the repository root)
set -euo pipefail

out="docs/img"
dpi=80
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

fazhi table --format docx -o "$work/division-table.docx"
fazhi table --format xlsx -o "$work/division-table-xlsx.xlsx"
unit="${1:-章贡区人民政府}"
year="${2:-2025}"
fazhi table --unit "$unit" --year "$year" --format docx -o "$work/unit-table.docx"

for file in "$work"/*.docx "$work"/*.xlsx; do
    # a private profile, so that a running LibreOffice does not swallow the conversion
    soffice --headless -env:UserInstallation="file://$work/profile" \
        --convert-to pdf --outdir "$work" "$file" >/dev/null
done

for name in division-table division-table-xlsx unit-table; do
    pdftoppm -png -r "$dpi" -f 1 -l 1 -singlefile "$work/$name.pdf" "$out/$name"
    pages="$(pdfinfo "$work/$name.pdf" | awk '/^Pages:/ {print $2}')"
    echo "$out/$name.png (page 1 of $pages)"
done
