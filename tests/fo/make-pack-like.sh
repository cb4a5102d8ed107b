#!/bin/sh
# Writes a pack-like XSL-FO document with N sections (default 4, about 8 pages):
# running header and footer with "Page X of Y", justified paragraphs, a
# checkbox list, bordered tables with header rows, signature leaders and
# fixed-height write-in boxes. Used by the tests and by `make bench`.
n=${1:-4}
cat <<'HEAD'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="en-GB">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="page" page-width="210mm" page-height="297mm"
        margin-top="12mm" margin-bottom="12mm" margin-left="18mm" margin-right="18mm">
      <fo:region-body margin-top="14mm" margin-bottom="14mm"/>
      <fo:region-before extent="10mm"/>
      <fo:region-after extent="10mm"/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:declarations>
    <x:xmpmeta xmlns:x="adobe:ns:meta/">
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:title>Microproject pack MP-2026-001</dc:title>
          <dc:creator>Sam Okafor</dc:creator>
        </rdf:Description>
      </rdf:RDF>
    </x:xmpmeta>
  </fo:declarations>
  <fo:bookmark-tree>
    <fo:bookmark internal-destination="s1"><fo:bookmark-title>Planning template</fo:bookmark-title></fo:bookmark>
    <fo:bookmark internal-destination="end"><fo:bookmark-title>Closure checklist</fo:bookmark-title></fo:bookmark>
  </fo:bookmark-tree>
  <fo:page-sequence master-reference="page" font-family="DejaVu Sans" font-size="10pt" line-height="14pt">
    <fo:static-content flow-name="xsl-region-before">
      <fo:block font-size="8pt" text-align-last="justify" border-bottom="0.5pt solid #888888">MP-2026-001<fo:leader leader-pattern="space"/>Confidential</fo:block>
    </fo:static-content>
    <fo:static-content flow-name="xsl-region-after">
      <fo:block font-size="8pt" text-align="center">Page <fo:page-number/> of <fo:page-number-citation-last ref-id="end"/></fo:block>
    </fo:static-content>
    <fo:flow flow-name="xsl-region-body">
HEAD
i=1
while [ "$i" -le "$n" ]; do
cat <<SECTION
      <fo:block id="s$i" role="H1" font-size="16pt" font-weight="bold" space-before="6pt" space-after="8pt" keep-with-next="always" break-before="page">Section $i: Planning template</fo:block>
      <fo:block text-align="justify" space-after="6pt">A Microproject is a small, time-limited, non-clinical learning-in-action project with one participant and one to three focus areas. It follows six stages, from identifying the focus to reflecting on and recording the learning, and it pauses whenever a concern arises so that the host organisation's pathway can be followed. This paragraph is long enough to wrap over several lines so that justification is exercised on every line but the last.</fo:block>
      <fo:block text-align="justify" space-after="6pt">We cannot do everything, but we can each do something. Working at a small, intentional scale, focusing on clarity rather than control, valuing understanding over fixing and maintaining steady, reflective practice are what the Candle Principle asks of every practitioner who takes part in the programme.</fo:block>
      <fo:list-block provisional-distance-between-starts="7mm" space-after="8pt">
        <fo:list-item><fo:list-item-label end-indent="label-end()"><fo:block>&#x2610;</fo:block></fo:list-item-label><fo:list-item-body start-indent="body-start()"><fo:block>The participant understands the purpose of the project.</fo:block></fo:list-item-body></fo:list-item>
        <fo:list-item><fo:list-item-label end-indent="label-end()"><fo:block>&#x2611;</fo:block></fo:list-item-label><fo:list-item-body start-indent="body-start()"><fo:block>It has been made clear that this is a learning process.</fo:block></fo:list-item-body></fo:list-item>
        <fo:list-item><fo:list-item-label end-indent="label-end()"><fo:block>&#x2610;</fo:block></fo:list-item-label><fo:list-item-body start-indent="body-start()"><fo:block>Boundaries and expectations are agreed.</fo:block></fo:list-item-body></fo:list-item>
        <fo:list-item><fo:list-item-label end-indent="label-end()"><fo:block>&#x2610;</fo:block></fo:list-item-label><fo:list-item-body start-indent="body-start()"><fo:block>Participation is voluntary.</fo:block></fo:list-item-body></fo:list-item>
      </fo:list-block>
      <fo:table table-layout="fixed" width="100%" border-collapse="collapse" space-after="10pt">
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-column column-width="proportional-column-width(2)"/>
        <fo:table-column column-width="30mm"/>
        <fo:table-header>
          <fo:table-row background-color="#e8eef4">
            <fo:table-cell border="0.5pt solid black" padding="3pt"><fo:block font-weight="bold">Session</fo:block></fo:table-cell>
            <fo:table-cell border="0.5pt solid black" padding="3pt"><fo:block font-weight="bold">What it covered</fo:block></fo:table-cell>
            <fo:table-cell border="0.5pt solid black" padding="3pt"><fo:block font-weight="bold">Date</fo:block></fo:table-cell>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body>
SECTION
  r=1
  while [ "$r" -le 12 ]; do
cat <<ROW
          <fo:table-row>
            <fo:table-cell border="0.5pt solid black" padding="3pt"><fo:block>Session $r</fo:block></fo:table-cell>
            <fo:table-cell border="0.5pt solid black" padding="3pt"><fo:block>Noticing patterns in communication and trying one small change at home.</fo:block></fo:table-cell>
            <fo:table-cell border="0.5pt solid black" padding="3pt"><fo:block>2026-02-$((r + 10))</fo:block></fo:table-cell>
          </fo:table-row>
ROW
    r=$((r + 1))
  done
cat <<SECTION2
        </fo:table-body>
      </fo:table>
      <fo:block font-weight="bold" space-after="3pt" keep-with-next="always">What was noticed in relationships or communication?</fo:block>
      <fo:block-container height="30mm" border="0.5pt solid #666666" space-after="8pt"><fo:block/></fo:block-container>
      <fo:block font-weight="bold" space-after="3pt" keep-with-next="always">What changed (if anything) in understanding or response?</fo:block>
      <fo:block-container height="30mm" border="0.5pt solid #666666" space-after="8pt"><fo:block/></fo:block-container>
      <fo:block space-before="12pt" keep-together.within-page="always">Signed <fo:leader leader-pattern="rule" leader-length="60mm" rule-thickness="0.5pt"/> Date <fo:leader leader-pattern="rule" leader-length="30mm" rule-thickness="0.5pt"/></fo:block>
SECTION2
  i=$((i + 1))
done
cat <<'TAIL'
      <fo:block id="end" space-before="12pt">End of the pack.</fo:block>
    </fo:flow>
  </fo:page-sequence>
</fo:root>
TAIL
