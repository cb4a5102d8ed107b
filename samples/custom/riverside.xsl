<?xml version="1.0" encoding="UTF-8"?>
<!-- riverside.xsl: a customisation layer, the way DocBook users make one.
     It imports impack's pack stylesheet and changes only what it needs:
     the school's colour, its own running header, and a note on the cover.
     How to use it: see README.md beside this file.

     Everything in stylesheets/common.xsl and sheet-*.xsl can be overridden
     like this: a top-level variable or parameter, a named template, or a
     sheet's mode (planning, focus, safety, reflection, learning, closure,
     tracker). The same works with impack:closure.xsl and
     impack:portfolio.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <!-- impack: names one of impack's own stylesheets, wherever it is installed -->
  <xsl:import href="impack:pack.xsl"/>

  <!-- the school's colour for headings -->
  <xsl:variable name="accent" select="'#6b2d5c'"/>

  <!-- the organisation, unless the organisation parameter is given -->
  <xsl:param name="organisation" select="'Riverside Primary School'"/>

  <!-- our own running header: the school's name and the data-protection note -->
  <xsl:template name="running-header">
    <xsl:param name="text"/>
    <fo:block font-size="8pt" color="{$muted}" text-align-last="justify"
        border-bottom="0.5pt solid {$accent}" padding-bottom="2pt">
      <xsl:value-of select="$organisation"/>
      <xsl:text> · </xsl:text>
      <xsl:copy-of select="$text"/>
      <fo:leader leader-pattern="space"/>
      <fo:inline font-weight="bold" color="{$alert}">Confidential: keep in the locked cabinet</fo:inline>
    </fo:block>
  </xsl:template>

  <!-- a note at the foot of the cover (cover-extra is empty in impack's own) -->
  <xsl:template match="m:microproject" mode="cover-extra">
    <fo:block space-before="4mm" font-size="9pt" text-align="center" color="{$accent}">Riverside
      keeps Microproject packs for one year after closure, then shreds them.</fo:block>
  </xsl:template>
</xsl:stylesheet>
