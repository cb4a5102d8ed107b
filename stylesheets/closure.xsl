<?xml version="1.0" encoding="UTF-8"?>
<!-- closure.xsl: the closure checklist of a Microproject on its own: the
     project in brief, the five closure criteria with their state, the stage
     summary and the sign-off lines. The sheet is the pack's own (sheets.xsl). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <xsl:import href="sheets.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:if test="$doc != '' and $doc != 'closure'">
      <xsl:message terminate="yes">this stylesheet prints closure checklists: use it with --doc closure.</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="m:microproject" mode="closure-document"/>
  </xsl:template>

  <xsl:template match="m:microproject" mode="closure-document">
    <xsl:call-template name="document">
      <xsl:with-param name="masters" select="'sheet'"/>
      <xsl:with-param name="title">
        <xsl:text>Closure checklist: Microproject </xsl:text><xsl:value-of select="@id"/>
      </xsl:with-param>
      <xsl:with-param name="author" select="normalize-space(m:practitioner/m:name)"/>
      <xsl:with-param name="header">
        <xsl:apply-templates select="." mode="header-text"/>
      </xsl:with-param>
      <xsl:with-param name="bookmarks">
        <xsl:call-template name="bookmark">
          <xsl:with-param name="id" select="'closure'"/>
          <xsl:with-param name="title" select="'Closure checklist'"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="body">
        <xsl:apply-templates select="." mode="closure"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The project in brief, at the top of the checklist. -->
  <xsl:template match="m:microproject" mode="closure-top">
    <xsl:apply-templates select="." mode="alerts">
      <xsl:with-param name="see" select="''"/>
    </xsl:apply-templates>
    <xsl:call-template name="fields">
      <xsl:with-param name="rows">
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Project'"/>
          <xsl:with-param name="value">
            <xsl:value-of select="@id"/>
            <xsl:if test="normalize-space(m:title)">
              <xsl:text>: </xsl:text><xsl:value-of select="normalize-space(m:title)"/>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Type and level'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="type-and-level"><xsl:with-param name="type" select="m:type"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Participant code'"/>
          <xsl:with-param name="value" select="m:participant[1]/m:code"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Dates'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="date"><xsl:with-param name="d" select="m:start"/></xsl:call-template>
            <xsl:text> to </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="m:planned-end"/></xsl:call-template>
            <xsl:text> (planned)</xsl:text>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Status'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="status-name"><xsl:with-param name="status" select="normalize-space(m:status)"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
