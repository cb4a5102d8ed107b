<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl: what every impack document shares: the parameters a user can
     set, the page layout (A4 or Letter, running header and "Page X of Y"
     footer), the document shell (title, author, bookmarks), and the form
     pieces: questions with their answers or ruled write-in space, yes/no
     boxes, field tables and dates written out in words.

     Import it; do not copy it. A customisation layer imports pack.xsl,
     closure.xsl or portfolio.xsl and overrides any named template here. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="m exsl">

  <!-- ===== parameters (impack build - -param name=value) ===== -->
  <!-- paper: A4 (default) or Letter -->
  <xsl:param name="paper" select="'A4'"/>
  <!-- organisation: printed on the cover and in the running header -->
  <xsl:param name="organisation" select="''"/>
  <!-- logo: a PNG or SVG file printed on the cover -->
  <xsl:param name="logo" select="''"/>
  <!-- font-family: the text font; a glyph it lacks (☐ ☑) comes from DejaVu Sans -->
  <xsl:param name="font-family" select="'Liberation Sans'"/>
  <!-- draft: 1 marks every page DRAFT (set by impack build - -draft) -->
  <xsl:param name="draft" select="'0'"/>
  <!-- blank: 1 prints a form with nothing filled in (impack blank) -->
  <xsl:param name="blank" select="'0'"/>
  <!-- doc: which document impack asked for (pack, closure, portfolio or
       blank); set by impack, so that a layer made for one kind of document
       is not used for another -->
  <xsl:param name="doc" select="''"/>
  <!-- lines: ruled write-in lines under an unanswered question -->
  <xsl:param name="lines" select="4"/>

  <!-- ===== colours and sizes ===== -->
  <xsl:variable name="ink" select="'#1b2733'"/>
  <xsl:variable name="accent" select="'#1f5f8b'"/>
  <xsl:variable name="muted" select="'#55606b'"/>
  <xsl:variable name="rule" select="'#9aa5b1'"/>
  <xsl:variable name="tint" select="'#eef3f8'"/>
  <xsl:variable name="alert" select="'#a4262c'"/>
  <xsl:variable name="alert-tint" select="'#fbeaea'"/>
  <!-- a handwriting line: 9 mm apart -->
  <xsl:variable name="write-line" select="'9mm'"/>

  <xsl:variable name="is-blank" select="$blank = '1' or $blank = 'yes'"/>
  <xsl:variable name="letter" select="translate($paper, 'LETR', 'letr') = 'letter'"/>
  <xsl:variable name="page-width">
    <xsl:choose>
      <xsl:when test="$letter">8.5in</xsl:when>
      <xsl:otherwise>210mm</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="page-height">
    <xsl:choose>
      <xsl:when test="$letter">11in</xsl:when>
      <xsl:otherwise>297mm</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="fonts" select="concat($font-family, ', DejaVu Sans, sans-serif')"/>

  <!-- ===== the document shell ===== -->
  <!-- The first page uses the "cover" master (no running header); the rest
       use "sheet". Both have the same body width. -->
  <xsl:template name="page-masters">
    <fo:layout-master-set>
      <fo:simple-page-master master-name="cover" page-width="{$page-width}"
          page-height="{$page-height}" margin-top="12mm" margin-bottom="10mm"
          margin-left="18mm" margin-right="18mm">
        <fo:region-body margin-top="14mm" margin-bottom="14mm"/>
        <fo:region-before region-name="cover-before" extent="10mm"/>
        <fo:region-after extent="10mm"/>
      </fo:simple-page-master>
      <fo:simple-page-master master-name="sheet" page-width="{$page-width}"
          page-height="{$page-height}" margin-top="12mm" margin-bottom="10mm"
          margin-left="18mm" margin-right="18mm">
        <fo:region-body margin-top="14mm" margin-bottom="14mm"/>
        <fo:region-before extent="10mm"/>
        <fo:region-after extent="10mm"/>
      </fo:simple-page-master>
      <fo:page-sequence-master master-name="document">
        <fo:repeatable-page-master-alternatives>
          <fo:conditional-page-master-reference master-reference="cover" page-position="first"/>
          <fo:conditional-page-master-reference master-reference="sheet" page-position="rest"/>
        </fo:repeatable-page-master-alternatives>
      </fo:page-sequence-master>
    </fo:layout-master-set>
  </xsl:template>

  <!-- The whole document: metadata, bookmarks, header, footer and the body.
       title and author go into the PDF; header is the running header's
       left-hand text; bookmarks and body are result fragments. -->
  <xsl:template name="document">
    <xsl:param name="title"/>
    <xsl:param name="author"/>
    <xsl:param name="header"/>
    <xsl:param name="bookmarks"/>
    <xsl:param name="body"/>
    <!-- 'document': a cover first, without the running header; 'sheet': none -->
    <xsl:param name="masters" select="'document'"/>
    <fo:root xml:lang="en-GB" font-family="{$fonts}" font-size="10pt" line-height="1.3"
        color="{$ink}">
      <xsl:call-template name="page-masters"/>
      <fo:declarations>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
          <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title><xsl:value-of select="$title"/></dc:title>
              <xsl:if test="normalize-space($author)">
                <dc:creator><xsl:value-of select="$author"/></dc:creator>
              </xsl:if>
            </rdf:Description>
          </rdf:RDF>
        </x:xmpmeta>
      </fo:declarations>
      <fo:bookmark-tree>
        <xsl:copy-of select="$bookmarks"/>
      </fo:bookmark-tree>
      <fo:page-sequence master-reference="{$masters}">
        <fo:static-content flow-name="xsl-region-before">
          <xsl:call-template name="running-header">
            <xsl:with-param name="text" select="$header"/>
          </xsl:call-template>
        </fo:static-content>
        <fo:static-content flow-name="xsl-region-after">
          <!-- here, not in the header templates, so that a customisation
               layer cannot lose it -->
          <xsl:call-template name="draft-mark"/>
          <xsl:call-template name="running-footer"/>
        </fo:static-content>
        <fo:flow flow-name="xsl-region-body">
          <xsl:copy-of select="$body"/>
          <fo:block id="impack-last-page"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!-- On every page of a document made from input with errors (build - -draft). -->
  <xsl:template name="draft-mark">
    <xsl:if test="$draft = '1' or $draft = 'yes'">
      <fo:block text-align="center" font-weight="bold" font-size="8pt" color="{$alert}"
          space-after="1pt">DRAFT: this document did not pass impack check and is not ready
        to use or submit</fo:block>
    </xsl:if>
  </xsl:template>

  <xsl:template name="running-header">
    <xsl:param name="text"/>
    <fo:block font-size="8pt" color="{$muted}" text-align-last="justify"
        border-bottom="0.5pt solid {$rule}" padding-bottom="2pt">
      <xsl:copy-of select="$text"/>
      <xsl:if test="normalize-space($organisation)">
        <xsl:text> · </xsl:text><xsl:value-of select="$organisation"/>
      </xsl:if>
      <fo:leader leader-pattern="space"/>
      <fo:inline font-weight="bold" color="{$alert}">Confidential</fo:inline>
    </fo:block>
  </xsl:template>

  <xsl:template name="running-footer">
    <fo:block font-size="8pt" color="{$muted}" text-align-last="justify"
        border-top="0.5pt solid {$rule}" padding-top="2pt">
      <fo:retrieve-marker retrieve-class-name="sheet"/>
      <fo:leader leader-pattern="space"/>
      <xsl:text>Page </xsl:text><fo:page-number/><xsl:text> of </xsl:text>
      <fo:page-number-citation-last ref-id="impack-last-page"/>
    </fo:block>
  </xsl:template>

  <!-- One bookmark. -->
  <xsl:template name="bookmark">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <fo:bookmark internal-destination="{$id}">
      <fo:bookmark-title><xsl:value-of select="$title"/></fo:bookmark-title>
    </fo:bookmark>
  </xsl:template>

  <!-- ===== headings ===== -->
  <!-- A sheet starts on a new page with its name (a level 1 heading), the
       stage it belongs to, and a short line from the guide. -->
  <xsl:template name="sheet-heading">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="stage" select="''"/>
    <xsl:param name="intro" select="''"/>
    <xsl:param name="colour" select="$accent"/>
    <fo:block id="{$id}" break-before="page" keep-with-next="always" space-after="4mm">
      <fo:marker marker-class-name="sheet"><xsl:value-of select="$title"/></fo:marker>
      <fo:block role="H1" font-size="18pt" font-weight="bold" line-height="1.2" color="{$accent}"
          border-left="5pt solid {$colour}" padding-left="3mm">
        <xsl:value-of select="$title"/>
      </fo:block>
      <xsl:if test="normalize-space($stage)">
        <fo:block font-size="9pt" color="{$muted}" padding-left="4.8mm" space-before="1pt">
          <xsl:value-of select="$stage"/>
        </fo:block>
      </xsl:if>
      <xsl:if test="normalize-space($intro)">
        <fo:block font-size="9pt" font-style="italic" space-before="3mm">
          <xsl:value-of select="$intro"/>
        </fo:block>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <xsl:template name="section-heading">
    <xsl:param name="title"/>
    <xsl:param name="id" select="''"/>
    <fo:block role="H2" font-size="12pt" font-weight="bold" color="{$accent}" space-before="5mm"
        space-after="2mm" keep-with-next="always" border-bottom="0.75pt solid {$rule}"
        padding-bottom="1pt">
      <xsl:if test="$id != ''">
        <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
      </xsl:if>
      <xsl:value-of select="$title"/>
    </fo:block>
  </xsl:template>

  <!-- A reminder from the guide: a tinted box with a bold first line and bullets. -->
  <xsl:template name="guide-box">
    <xsl:param name="title"/>
    <xsl:param name="items"/>
    <xsl:param name="colour" select="$accent"/>
    <xsl:param name="background" select="$tint"/>
    <fo:block background-color="{$background}" border-left="3pt solid {$colour}" padding="2.5mm"
        space-before="2mm" space-after="3mm" font-size="9pt" keep-together.within-page="always">
      <fo:block font-weight="bold" space-after="1mm"><xsl:value-of select="$title"/></fo:block>
      <xsl:copy-of select="$items"/>
    </fo:block>
  </xsl:template>

  <xsl:template name="bullet">
    <xsl:param name="text"/>
    <fo:list-block provisional-distance-between-starts="4mm" provisional-label-separation="1mm">
      <fo:list-item>
        <fo:list-item-label end-indent="label-end()"><fo:block>•</fo:block></fo:list-item-label>
        <fo:list-item-body start-indent="body-start()"><fo:block><xsl:value-of select="$text"/></fo:block></fo:list-item-body>
      </fo:list-item>
    </fo:list-block>
  </xsl:template>

  <!-- ===== questions and answers ===== -->
  <!-- A question from the guide, then its answer, or ruled write-in space
       when it is unanswered. answer is a node-set (maybe empty). -->
  <xsl:template name="question">
    <xsl:param name="label"/>
    <xsl:param name="answer" select="/.."/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="lines" select="$lines"/>
    <!-- one block, so that a heading kept with the question keeps its
         answer or write-in lines too -->
    <fo:block space-before="3.5mm">
    <fo:block keep-with-next="always" font-weight="bold">
      <xsl:value-of select="$label"/>
      <xsl:if test="$hint != ''">
        <fo:inline font-weight="normal" font-style="italic" color="{$muted}">
          <xsl:text> (</xsl:text><xsl:value-of select="$hint"/><xsl:text>)</xsl:text>
        </fo:inline>
      </xsl:if>
    </fo:block>
    <xsl:call-template name="answer">
      <xsl:with-param name="text" select="normalize-space($answer)"/>
      <xsl:with-param name="lines" select="$lines"/>
    </xsl:call-template>
    </fo:block>
  </xsl:template>

  <xsl:template name="answer">
    <xsl:param name="text"/>
    <xsl:param name="lines" select="$lines"/>
    <xsl:choose>
      <xsl:when test="$text != '' and not($is-blank)">
        <fo:block space-before="1.2mm" padding="1.8mm" padding-left="2.5mm"
            background-color="{$tint}" border-left="1.5pt solid {$accent}" text-align="left">
          <xsl:value-of select="$text"/>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="write-in">
          <xsl:with-param name="lines" select="$lines"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Ruled lines for handwriting, kept on one page. -->
  <xsl:template name="write-in">
    <xsl:param name="lines" select="$lines"/>
    <fo:block keep-together.within-page="always" role="Artifact">
      <xsl:call-template name="ruled-lines">
        <xsl:with-param name="n" select="$lines"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <xsl:template name="ruled-lines">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <fo:block-container height="{$write-line}" border-bottom="0.5pt solid {$rule}"><fo:block/></fo:block-container>
      <xsl:call-template name="ruled-lines">
        <xsl:with-param name="n" select="$n - 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ☑ or ☐ -->
  <xsl:template name="box">
    <xsl:param name="on" select="false()"/>
    <fo:inline>
      <xsl:choose>
        <xsl:when test="$on and not($is-blank)">&#x2611;</xsl:when>
        <xsl:otherwise>&#x2610;</xsl:otherwise>
      </xsl:choose>
    </fo:inline>
  </xsl:template>

  <!-- A statement with boxes for its answer: "☑ Yes ☐ No". value is the
       answer written in the XML; options is "yes:Yes|no:No|". -->
  <xsl:template name="choice">
    <xsl:param name="label"/>
    <xsl:param name="value" select="''"/>
    <xsl:param name="options" select="'yes:Yes|no:No|'"/>
    <fo:table table-layout="fixed" width="100%" space-before="1.5mm"
        keep-together.within-page="always">
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-body>
        <fo:table-row>
          <fo:table-cell padding-top="1pt" padding-right="3mm">
            <fo:block><xsl:value-of select="$label"/></fo:block>
          </fo:table-cell>
          <fo:table-cell padding-top="1pt">
            <fo:block>
              <xsl:call-template name="choice-options">
                <xsl:with-param name="value" select="normalize-space($value)"/>
                <xsl:with-param name="options" select="$options"/>
              </xsl:call-template>
            </fo:block>
          </fo:table-cell>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="choice-options">
    <xsl:param name="value"/>
    <xsl:param name="options"/>
    <xsl:if test="contains($options, '|')">
      <xsl:variable name="one" select="substring-before($options, '|')"/>
      <xsl:call-template name="box">
        <xsl:with-param name="on" select="$value = substring-before($one, ':')"/>
      </xsl:call-template>
      <xsl:text>&#xA0;</xsl:text>
      <xsl:value-of select="substring-after($one, ':')"/>
      <xsl:text>    </xsl:text>
      <xsl:call-template name="choice-options">
        <xsl:with-param name="value" select="$value"/>
        <xsl:with-param name="options" select="substring-after($options, '|')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== field tables (label: value rows) ===== -->
  <xsl:template name="fields">
    <xsl:param name="rows"/>
    <fo:table table-layout="fixed" width="100%" border-collapse="collapse" space-before="2mm"
        space-after="2mm" keep-together.within-page="always">
      <fo:table-column column-width="45mm"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <xsl:copy-of select="$rows"/>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="value" select="''"/>
    <!-- printed in a blank form too (what the form is for, not an answer) -->
    <xsl:param name="keep" select="false()"/>
    <fo:table-row keep-together.within-page="always">
      <fo:table-cell padding="1.8mm" border-bottom="0.5pt solid {$rule}" background-color="{$tint}">
        <fo:block font-weight="bold" font-size="9pt"><xsl:value-of select="$label"/></fo:block>
      </fo:table-cell>
      <fo:table-cell padding="1.8mm" border-bottom="0.5pt solid {$rule}">
        <xsl:choose>
          <!-- a value with lines to write on in it (a date still blank) keeps them -->
          <xsl:when test="normalize-space($value) != '' and ($keep or not($is-blank)) and
                          exsl:node-set($value)/fo:leader">
            <fo:block><xsl:copy-of select="$value"/></fo:block>
          </xsl:when>
          <xsl:when test="normalize-space($value) != '' and ($keep or not($is-blank))">
            <fo:block><xsl:value-of select="normalize-space($value)"/></fo:block>
          </xsl:when>
          <!-- room to write by hand -->
          <xsl:otherwise><fo:block-container height="{$write-line}"><fo:block/></fo:block-container></xsl:otherwise>
        </xsl:choose>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <!-- A header cell and a body cell for the grid tables. -->
  <xsl:template name="th">
    <xsl:param name="text"/>
    <fo:table-cell padding="1.5mm" border="0.5pt solid {$rule}" background-color="{$tint}">
      <fo:block font-weight="bold" font-size="9pt"><xsl:value-of select="$text"/></fo:block>
    </fo:table-cell>
  </xsl:template>

  <xsl:template name="td">
    <xsl:param name="text" select="''"/>
    <fo:table-cell padding="1.5mm" border="0.5pt solid {$rule}">
      <fo:block>
        <xsl:choose>
          <xsl:when test="normalize-space($text) != '' and not($is-blank)">
            <xsl:value-of select="normalize-space($text)"/>
          </xsl:when>
          <xsl:otherwise>&#xA0;</xsl:otherwise>
        </xsl:choose>
      </fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- A table row of empty cells, tall enough to write in. -->
  <xsl:template name="empty-rows">
    <xsl:param name="n"/>
    <xsl:param name="cols"/>
    <xsl:if test="$n &gt; 0">
      <fo:table-row height="{$write-line}">
        <xsl:call-template name="empty-cells">
          <xsl:with-param name="n" select="$cols"/>
        </xsl:call-template>
      </fo:table-row>
      <xsl:call-template name="empty-rows">
        <xsl:with-param name="n" select="$n - 1"/>
        <xsl:with-param name="cols" select="$cols"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="empty-cells">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <fo:table-cell padding="1.5mm" border="0.5pt solid {$rule}">
        <fo:block-container height="{$write-line}"><fo:block/></fo:block-container>
      </fo:table-cell>
      <xsl:call-template name="empty-cells">
        <xsl:with-param name="n" select="$n - 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Signature and date lines, with who signs under the first. -->
  <xsl:template name="sign-line">
    <xsl:param name="label"/>
    <xsl:param name="name" select="''"/>
    <xsl:param name="date" select="''"/>
    <xsl:param name="signed" select="''"/>
    <fo:table table-layout="fixed" width="100%" space-before="8mm" keep-together.within-page="always">
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="10mm"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <fo:table-row>
          <fo:table-cell border-bottom="0.75pt solid {$ink}" display-align="after">
            <fo:block font-size="11pt">
              <xsl:choose>
                <xsl:when test="normalize-space($signed) != '' and not($is-blank)">
                  <xsl:value-of select="normalize-space($signed)"/>
                </xsl:when>
                <xsl:otherwise>&#xA0;</xsl:otherwise>
              </xsl:choose>
            </fo:block>
          </fo:table-cell>
          <fo:table-cell><fo:block/></fo:table-cell>
          <fo:table-cell border-bottom="0.75pt solid {$ink}" display-align="after">
            <fo:block font-size="11pt">
              <xsl:choose>
                <xsl:when test="normalize-space($date) != '' and not($is-blank)">
                  <xsl:call-template name="date"><xsl:with-param name="d" select="$date"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>&#xA0;</xsl:otherwise>
              </xsl:choose>
            </fo:block>
          </fo:table-cell>
        </fo:table-row>
        <fo:table-row>
          <fo:table-cell padding-top="1pt">
            <fo:block font-size="8pt" color="{$muted}">
              <xsl:text>Signature of </xsl:text><xsl:value-of select="$label"/>
              <xsl:if test="normalize-space($name) != '' and not($is-blank)">
                <xsl:text>: </xsl:text><xsl:value-of select="normalize-space($name)"/>
              </xsl:if>
            </fo:block>
          </fo:table-cell>
          <fo:table-cell><fo:block/></fo:table-cell>
          <fo:table-cell padding-top="1pt">
            <fo:block font-size="8pt" color="{$muted}">Date</fo:block>
          </fo:table-cell>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- ===== words for values ===== -->
  <!-- 2026-01-12 → 12 January 2026 (anything else is printed as written). -->
  <!-- a date, or a short line to write one on when it is still blank -->
  <xsl:template name="date-or-line">
    <xsl:param name="d"/>
    <xsl:choose>
      <xsl:when test="normalize-space($d) = ''">
        <fo:leader leader-pattern="rule" leader-length="25mm" rule-thickness="0.5pt" color="{$rule}"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$d"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:variable name="s" select="normalize-space($d)"/>
    <xsl:variable name="m" select="number(substring($s, 6, 2))"/>
    <xsl:choose>
      <xsl:when test="string-length($s) = 10 and substring($s, 5, 1) = '-' and $m &gt;= 1 and $m &lt;= 12">
        <xsl:value-of select="number(substring($s, 9, 2))"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="substring-before(substring-after(
            '|01January|02February|03March|04April|05May|06June|07July|08August|09September|10October|11November|12December|',
            concat('|', substring($s, 6, 2))), '|')"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="substring($s, 1, 4)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="type-name">
    <xsl:param name="type"/>
    <xsl:choose>
      <xsl:when test="$type = 1">Universal Prevention</xsl:when>
      <xsl:when test="$type = 2">Early Concern / Early Help</xsl:when>
      <xsl:when test="$type = 3">Supported Learning / Workshops</xsl:when>
      <xsl:when test="$type = 4">Complex Engagement</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "Type 2: Early Concern / Early Help · Link level" -->
  <xsl:template name="type-and-level">
    <xsl:param name="type"/>
    <xsl:text>Type </xsl:text><xsl:value-of select="$type"/><xsl:text>: </xsl:text>
    <xsl:call-template name="type-name"><xsl:with-param name="type" select="$type"/></xsl:call-template>
    <xsl:text> · </xsl:text>
    <xsl:call-template name="level-name"><xsl:with-param name="type" select="$type"/></xsl:call-template>
    <xsl:text> level</xsl:text>
  </xsl:template>

  <xsl:template name="level-name">
    <xsl:param name="type"/>
    <xsl:choose>
      <xsl:when test="$type = 1 or $type = 2">Link</xsl:when>
      <xsl:when test="$type = 3 or $type = 4">Lead</xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="course-name">
    <xsl:param name="name"/>
    <xsl:choose>
      <xsl:when test="$name = 'introduction'">I Matter Introduction pathway</xsl:when>
      <xsl:when test="$name = 'foundations'">Level 1–2 Foundations with study support</xsl:when>
      <xsl:when test="$name = 'informed-practitioner'">Informed Practitioner</xsl:when>
      <xsl:when test="$name = 'link-training'">Link Training</xsl:when>
      <xsl:when test="$name = 'deep-dive'">Deep Dive</xsl:when>
      <xsl:when test="$name = 'lead-training'">Lead Training</xsl:when>
      <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="status-name">
    <xsl:param name="status"/>
    <xsl:choose>
      <xsl:when test="$status = 'planned'">Planned</xsl:when>
      <xsl:when test="$status = 'active'">Active</xsl:when>
      <xsl:when test="$status = 'paused'">Paused</xsl:when>
      <xsl:when test="$status = 'revisited'">Paused and revisited</xsl:when>
      <xsl:when test="$status = 'closed'">Closed</xsl:when>
      <xsl:when test="$status = 'not-started'">Not started</xsl:when>
      <xsl:when test="$status = 'in-progress'">In progress</xsl:when>
      <xsl:when test="$status = 'complete'">Complete</xsl:when>
      <xsl:otherwise><xsl:value-of select="$status"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="focus-category">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="$c = 'parent-child-communication'">Patterns in parent–child communication</xsl:when>
      <xsl:when test="$c = 'family-stress'">Stress and misunderstanding in family dynamics</xsl:when>
      <xsl:when test="$c = 'workplace-communication'">Workplace relational tension and communication clarity</xsl:when>
      <xsl:when test="$c = 'behavioural-responses'">Supporting early understanding of behavioural responses</xsl:when>
      <xsl:when test="$c = 'other'">Other relational focus</xsl:when>
      <xsl:when test="$c = 'crisis-intervention'">Crisis intervention (not appropriate for a Microproject)</xsl:when>
      <xsl:when test="$c = 'safeguarding-assessment'">Safeguarding assessment or decision-making (not appropriate for a Microproject)</xsl:when>
      <xsl:when test="$c = 'clinical-diagnosis'">Clinical diagnosis or treatment planning (not appropriate for a Microproject)</xsl:when>
      <xsl:when test="$c = 'acute-mental-health'">High-risk or acute mental health (not appropriate for a Microproject)</xsl:when>
      <xsl:when test="$c = 'legal-investigation'">Legal or disciplinary investigation (not appropriate for a Microproject)</xsl:when>
      <xsl:otherwise><xsl:value-of select="$c"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The organisation's logo, when one was given. -->
  <xsl:template name="logo">
    <xsl:if test="normalize-space($logo) != ''">
      <fo:block space-after="4mm">
        <fo:external-graphic src="{$logo}" content-height="18mm" fox:alt-text="{concat($organisation, ' logo')}"
            xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"/>
      </fo:block>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
