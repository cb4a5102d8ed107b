<?xml version="1.0" encoding="UTF-8"?>
<!-- pack.xsl: a Microproject pack (or, with blank=1, a blank one) → XSL-FO:
     a cover, the six sheets of the standard pack in the guide's order, and
     the progress and reflection tracker when the pack has one.

     To customise, write your own stylesheet that imports this one
     (<xsl:import href="impack:pack.xsl"/>) and override a named template
     or a mode; see samples/custom/. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <xsl:import href="sheets.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:if test="$doc = 'closure' or $doc = 'portfolio'">
      <xsl:message terminate="yes">this stylesheet prints Microproject packs, not <xsl:value-of select="substring('closure checklists', 1, 18 * ($doc = 'closure'))"/><xsl:value-of select="substring('portfolios', 1, 10 * ($doc = 'portfolio'))"/>: give --xsl a stylesheet that imports impack:<xsl:value-of select="$doc"/>.xsl (or leave --xsl out).</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="m:microproject" mode="pack"/>
  </xsl:template>

  <!-- The sheets this pack prints, as (id, title) pairs, in order. -->
  <xsl:template match="m:microproject" mode="sheet-list">
    <s id="planning">Planning template</s>
    <s id="focus">Focus definition sheet</s>
    <s id="safety">Safety check prompts</s>
    <s id="reflection">Reflection framework</s>
    <s id="learning">Learning capture record</s>
    <s id="closure">Closure checklist</s>
    <xsl:if test="m:tracker[@kind != 'none'] or $is-blank">
      <s id="tracker">Progress and reflection tracker</s>
    </xsl:if>
  </xsl:template>

  <xsl:template match="m:microproject" mode="pack">
    <xsl:variable name="sheets-rtf">
      <xsl:apply-templates select="." mode="sheet-list"/>
    </xsl:variable>
    <xsl:variable name="sheets" select="exsl:node-set($sheets-rtf)/*"
        xmlns:exsl="http://exslt.org/common"/>
    <xsl:call-template name="document">
      <xsl:with-param name="title">
        <xsl:apply-templates select="." mode="doc-title"/>
      </xsl:with-param>
      <xsl:with-param name="author" select="normalize-space(m:practitioner/m:name)"/>
      <xsl:with-param name="header">
        <xsl:apply-templates select="." mode="header-text"/>
      </xsl:with-param>
      <xsl:with-param name="bookmarks">
        <xsl:for-each select="$sheets">
          <xsl:call-template name="bookmark">
            <xsl:with-param name="id" select="@id"/>
            <xsl:with-param name="title" select="."/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:with-param>
      <xsl:with-param name="body">
        <xsl:apply-templates select="." mode="cover">
          <xsl:with-param name="kind">
            <xsl:choose>
              <xsl:when test="$is-blank">Microproject pack (blank)</xsl:when>
              <xsl:otherwise>Microproject pack</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="contents">
            <xsl:call-template name="contents">
              <xsl:with-param name="sheets" select="$sheets"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:apply-templates>
        <xsl:variable name="pack" select="."/>
        <xsl:for-each select="$sheets">
          <xsl:variable name="id" select="@id"/>
          <xsl:choose>
            <xsl:when test="$id = 'planning'"><xsl:apply-templates select="$pack" mode="planning"/></xsl:when>
            <xsl:when test="$id = 'focus'"><xsl:apply-templates select="$pack" mode="focus"/></xsl:when>
            <xsl:when test="$id = 'safety'"><xsl:apply-templates select="$pack" mode="safety"/></xsl:when>
            <xsl:when test="$id = 'reflection'"><xsl:apply-templates select="$pack" mode="reflection"/></xsl:when>
            <xsl:when test="$id = 'learning'"><xsl:apply-templates select="$pack" mode="learning"/></xsl:when>
            <xsl:when test="$id = 'closure'"><xsl:apply-templates select="$pack" mode="closure"/></xsl:when>
            <xsl:when test="$id = 'tracker'"><xsl:apply-templates select="$pack" mode="tracker"/></xsl:when>
          </xsl:choose>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The list of sheets on the cover, with page numbers. -->
  <xsl:template name="contents">
    <xsl:param name="sheets"/>
    <fo:block space-before="6mm" space-after="4mm">
      <fo:block font-weight="bold" font-size="11pt" color="{$accent}" space-after="1.5mm">In this pack</fo:block>
      <xsl:for-each select="$sheets">
        <fo:block text-align-last="justify" space-before="1mm">
          <fo:basic-link internal-destination="{@id}">
            <xsl:value-of select="."/>
            <fo:leader leader-pattern="dots" leader-pattern-width="4pt" padding-left="3pt" padding-right="3pt" color="{$rule}"/>
            <fo:page-number-citation ref-id="{@id}"/>
          </fo:basic-link>
        </fo:block>
      </xsl:for-each>
    </fo:block>
  </xsl:template>
</xsl:stylesheet>
