<?xml version="1.0" encoding="UTF-8"?>
<!-- sheet-tracker.xsl: the progress and reflection tracker (enhanced for Type 4).
     Part of sheets.xsl (included there); the named templates and colours it
     uses are in common.xsl and sheets.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <!-- ===== Progress and reflection tracker ===== -->
  <xsl:template match="m:microproject" mode="tracker">
    <xsl:variable name="t" select="m:tracker"/>
    <xsl:variable name="enhanced" select="$t/@kind = 'enhanced' or number(m:type) = 4"/>
    <xsl:call-template name="sheet-heading">
      <xsl:with-param name="id" select="'tracker'"/>
      <xsl:with-param name="title">
        <xsl:choose>
          <xsl:when test="$enhanced">Progress and reflection tracker (enhanced)</xsl:when>
          <xsl:otherwise>Progress and reflection tracker</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="colour" select="$stage5"/>
      <xsl:with-param name="stage">
        <xsl:choose>
          <xsl:when test="number(m:type) = 4">Type 4: required enhanced tracker</xsl:when>
          <xsl:when test="number(m:type) = 1">Type 1: optional tracker</xsl:when>
          <xsl:otherwise>Type <xsl:value-of select="m:type"/>: recommended tracker</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="intro" select="'A simple tracker to support learning, guide conversations, and help capture learning priorities and progress.'"/>
    </xsl:call-template>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Learning priorities'"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="$t/m:priority and not($is-blank)">
        <xsl:for-each select="$t/m:priority">
          <fo:block space-before="1mm">
            <xsl:value-of select="position()"/><xsl:text>. </xsl:text><xsl:value-of select="normalize-space(.)"/>
          </fo:block>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <fo:table table-layout="fixed" width="100%" border-collapse="collapse">
          <fo:table-column column-width="9mm"/>
          <fo:table-column column-width="proportional-column-width(1)"/>
          <fo:table-body>
            <xsl:call-template name="priority-rows"><xsl:with-param name="n" select="1"/></xsl:call-template>
          </fo:table-body>
        </fo:table>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Progress and reflection'"/>
    </xsl:call-template>
    <fo:table table-layout="fixed" width="100%" border-collapse="collapse">
      <fo:table-column column-width="36mm"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Date'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Progress, and what was noticed'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:choose>
          <xsl:when test="$t/m:entry and not($is-blank)">
            <xsl:for-each select="$t/m:entry">
              <fo:table-row keep-together.within-page="always">
                <xsl:call-template name="td">
                  <xsl:with-param name="text">
                    <xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template>
                  </xsl:with-param>
                </xsl:call-template>
                <xsl:call-template name="td"><xsl:with-param name="text" select="."/></xsl:call-template>
              </fo:table-row>
            </xsl:for-each>
            <!-- room to go on by hand while the project runs -->
            <xsl:if test="normalize-space(m:status) != 'closed'">
              <xsl:call-template name="empty-rows">
                <xsl:with-param name="n" select="3"/>
                <xsl:with-param name="cols" select="2"/>
              </xsl:call-template>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="empty-rows">
              <xsl:with-param name="n">
                <xsl:choose>
                  <xsl:when test="$enhanced">12</xsl:when>
                  <xsl:otherwise>10</xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
              <xsl:with-param name="cols" select="2"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="priority-rows">
    <xsl:param name="n"/>
    <xsl:if test="$n &lt;= 4">
      <fo:table-row>
        <fo:table-cell padding="1.5mm" border-bottom="0.5pt solid {$rule}">
          <fo:block line-height="{$write-line}"><xsl:value-of select="$n"/>.</fo:block>
        </fo:table-cell>
        <fo:table-cell padding="1.5mm" border-bottom="0.5pt solid {$rule}">
          <fo:block-container height="{$write-line}"><fo:block/></fo:block-container>
        </fo:table-cell>
      </fo:table-row>
      <xsl:call-template name="priority-rows"><xsl:with-param name="n" select="$n + 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
