<?xml version="1.0" encoding="UTF-8"?>
<!-- sheet-focus.xsl: the Focus definition sheet: stage 1 and the focus areas.
     Part of sheets.xsl (included there); the named templates and colours it
     uses are in common.xsl and sheets.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <!-- ===== 2. Focus definition sheet (stage 1) ===== -->
  <xsl:template match="m:microproject" mode="focus">
    <xsl:variable name="s" select="m:stages/m:identify"/>
    <xsl:call-template name="sheet-heading">
      <xsl:with-param name="id" select="'focus'"/>
      <xsl:with-param name="title" select="'Focus definition sheet'"/>
      <xsl:with-param name="colour" select="$stage1"/>
      <xsl:with-param name="stage">
        <xsl:call-template name="stage-line">
          <xsl:with-param name="n" select="1"/>
          <xsl:with-param name="name" select="'Identify the Focus'"/>
          <xsl:with-param name="stage" select="$s"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="intro" select="'A Microproject involves 1–3 focus areas, individuals, or situations, and focuses on understanding, communication, and relational patterns.'"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Define the situation or relational pattern.'"/>
      <xsl:with-param name="answer" select="$s/m:situation"/>
      <xsl:with-param name="lines" select="5"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Clarify what is being explored'"/>
      <xsl:with-param name="hint" select="'not “fixed”'"/>
      <xsl:with-param name="answer" select="$s/m:exploring"/>
    </xsl:call-template>

    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Focus areas (1–3)'"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="m:focus-areas/m:focus and not($is-blank)">
        <xsl:for-each select="m:focus-areas/m:focus">
          <fo:block font-weight="bold" space-before="2.5mm" keep-with-next="always">
            <xsl:text>Focus </xsl:text><xsl:value-of select="position()"/><xsl:text>: </xsl:text>
            <xsl:call-template name="focus-category"><xsl:with-param name="c" select="@category"/></xsl:call-template>
          </fo:block>
          <xsl:call-template name="answer"><xsl:with-param name="text" select="normalize-space(.)"/></xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="blank-focus"><xsl:with-param name="n" select="1"/></xsl:call-template>
        <xsl:call-template name="blank-focus"><xsl:with-param name="n" select="2"/></xsl:call-template>
        <xsl:call-template name="blank-focus"><xsl:with-param name="n" select="3"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'Confirm it fits Microproject scope.'"/>
      <xsl:with-param name="value" select="$s/m:scope-confirmed"/>
    </xsl:call-template>
    <xsl:call-template name="guide-box">
      <xsl:with-param name="colour" select="$stage1"/>
      <xsl:with-param name="title" select="'Appropriate focus examples'"/>
      <xsl:with-param name="items">
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'patterns in parent–child communication'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'stress and misunderstanding in family dynamics'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'workplace relational tension and communication clarity'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'supporting early understanding of behavioural responses'"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="guide-box">
      <xsl:with-param name="colour" select="$alert"/>
      <xsl:with-param name="background" select="$alert-tint"/>
      <xsl:with-param name="title" select="'Not appropriate for Microprojects (follow the host organisation’s pathway instead)'"/>
      <xsl:with-param name="items">
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'crisis intervention situations'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'safeguarding assessment or decision-making'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'clinical diagnosis or treatment planning'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'high-risk or acute mental health presentations'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'legal or disciplinary investigations'"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="blank-focus">
    <xsl:param name="n"/>
    <fo:block font-weight="bold" space-before="3mm" keep-with-next="always">
      <xsl:text>Focus </xsl:text><xsl:value-of select="$n"/>
      <xsl:if test="$n &gt; 1"><fo:inline font-weight="normal" font-style="italic" color="{$muted}"> (if any)</fo:inline></xsl:if>
    </fo:block>
    <fo:block font-size="8pt" keep-with-next="always" space-before="1mm">
      <xsl:call-template name="box"/> parent–child communication
      <xsl:call-template name="box"/> family stress
      <xsl:call-template name="box"/> workplace communication
      <xsl:call-template name="box"/> behavioural responses
      <xsl:call-template name="box"/> other
    </fo:block>
    <xsl:call-template name="write-in"><xsl:with-param name="lines" select="2"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
