#!/usr/bin/env python3
"""Small fuzz seeds from real .docx/.xlsx reports (fuzz/seeds/import_docx, import_xlsx): the
same tables and text, without what the importer ignores (run and paragraph formatting, table
widths and borders, revision ids, styles, document properties, empty cells). A smaller zip
and XML make each fuzz execution cheaper. The report read from a seed equals the original's
but for the title, which the original takes from docProps/core.xml.

    python3 scripts/minimise-office-seeds.py IN.docx OUT.docx
"""
import re, sys, zipfile
def strip_docx(xml):
    for tag in ['w:rPr', 'w:pPr', 'w:tblPr', 'w:trPr', 'w:tblGrid', 'w:sectPr']:
        xml = re.sub(r'<%s>.*?</%s>' % (tag, tag), '', xml, flags=re.S)
        xml = re.sub(r'<%s/>' % tag, '', xml)
    for tag in ['w:tcW', 'w:tcBorders', 'w:shd', 'w:vAlign', 'w:noWrap', 'w:tcMar']:
        xml = re.sub(r'<%s\b[^>]*/>' % tag, '', xml)
        xml = re.sub(r'<%s\b[^>]*>.*?</%s>' % (tag, tag), '', xml, flags=re.S)
    xml = re.sub(r' w:rsid\w*="[^"]*"', '', xml)
    xml = re.sub(r'<w:tcPr></w:tcPr>', '', xml)
    xml = re.sub(r'<w:proofErr[^>]*/>|<w:bookmark\w+[^>]*/>|<w:lastRenderedPageBreak/>', '', xml)
    # Runs with the same (now empty) properties merged.
    xml = re.sub(r'</w:t></w:r><w:r><w:t(?: xml:space="preserve")?>', '', xml)
    return xml
def strip_xlsx(name, xml):
    if name.endswith('sheet1.xml'):
        xml = re.sub(r' s="\d+"', '', xml)
        xml = re.sub(r'<cols>.*?</cols>', '', xml, flags=re.S)
        xml = re.sub(r' (spans|ht|customHeight|x14ac:dyDescent)="[^"]*"', '', xml)
        xml = re.sub(r'<c r="[A-Z]+\d+"/>', '', xml)
        xml = re.sub(r'<sheetViews>.*?</sheetViews>|<pageMargins[^>]*/>|<pageSetup[^>]*/>|<headerFooter.*?</headerFooter>|<sheetFormatPr[^>]*/>', '', xml, flags=re.S)
    return xml
src, dst = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(src)
zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED, compresslevel=9)
for info in zin.infolist():
    n = info.filename
    if n.startswith('docProps/') or n in ('word/styles.xml', 'word/settings.xml', 'word/fontTable.xml', 'xl/styles.xml'):
        continue
    data = zin.read(n)
    if n == 'word/document.xml':
        data = strip_docx(data.decode()).encode()
    elif n.startswith('xl/worksheets/'):
        data = strip_xlsx(n, data.decode()).encode()
    # A fixed time stamp: the same input gives the same seed, byte for byte.
    zout.writestr(zipfile.ZipInfo(n, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED, 9)
zout.close()
