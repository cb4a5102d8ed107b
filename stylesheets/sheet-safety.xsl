<?xml version="1.0" encoding="UTF-8"?>
<!-- sheet-safety.xsl: the Safety check prompts: stage 2 and any safeguarding concern.
     Part of sheets.xsl (included there); the named templates and colours it
     uses are in common.xsl and sheets.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <!-- ===== 3. Safety check prompts (stage 2) ===== -->
  <xsl:template match="m:microproject" mode="safety">
    <xsl:variable name="s" select="m:stages/m:safety-check"/>
    <xsl:call-template name="sheet-heading">
      <xsl:with-param name="id" select="'safety'"/>
      <xsl:with-param name="title" select="'Safety check prompts'"/>
      <xsl:with-param name="colour" select="$stage2"/>
      <xsl:with-param name="stage">
        <xsl:call-template name="stage-line">
          <xsl:with-param name="n" select="2"/>
          <xsl:with-param name="name" select="'Check Suitability &amp; Safety'"/>
          <xsl:with-param name="stage" select="$s"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="intro" select="'Assess whether this is appropriate for Microproject work.'"/>
    </xsl:call-template>
    <fo:block font-weight="bold" space-before="1mm">Consider complexity, vulnerability, and risk factors.</fo:block>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Complexity'"/>
      <xsl:with-param name="answer" select="$s/m:complexity"/>
      <xsl:with-param name="lines" select="3"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Vulnerability'"/>
      <xsl:with-param name="answer" select="$s/m:vulnerability"/>
      <xsl:with-param name="lines" select="3"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Risk factors'"/>
      <xsl:with-param name="answer" select="$s/m:risk"/>
      <xsl:with-param name="lines" select="3"/>
    </xsl:call-template>
    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'Confirm no safeguarding or clinical escalation is required.'"/>
      <xsl:with-param name="value" select="$s/m:escalation-needed"/>
      <xsl:with-param name="options" select="'no:Confirmed|yes:Escalation needed: pause|'"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Seek advice if uncertain: what advice was sought?'"/>
      <xsl:with-param name="answer" select="$s/m:advice-sought"/>
      <xsl:with-param name="lines" select="2"/>
    </xsl:call-template>

    <xsl:call-template name="guide-box">
      <xsl:with-param name="colour" select="$alert"/>
      <xsl:with-param name="background" select="$alert-tint"/>
      <xsl:with-param name="title" select="'Safeguarding &amp; Escalation: practitioners must always'"/>
      <xsl:with-param name="items">
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'remain alert to safeguarding concerns'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'follow organisational or statutory safeguarding procedures immediately where needed'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'pause Microproject activity if risk escalates'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'seek supervision or consultation when uncertain'"/></xsl:call-template>
        <fo:block space-before="1mm" font-style="italic">Microprojects do not replace professional safeguarding responsibility.</fo:block>
      </xsl:with-param>
    </xsl:call-template>

    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Safeguarding concerns'"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="m:safeguarding/m:concern and not($is-blank)">
        <xsl:for-each select="m:safeguarding/m:concern">
          <fo:block font-weight="bold" space-before="2mm" keep-with-next="always"
              color="{$alert}">
            <xsl:text>Concern </xsl:text><xsl:value-of select="position()"/>
            <xsl:text>: </xsl:text>
            <xsl:choose>
              <xsl:when test="@status = 'open'">open</xsl:when>
              <xsl:otherwise>resolved</xsl:otherwise>
            </xsl:choose>
            <xsl:if test="@raised">
              <xsl:text>, raised </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="d" select="@raised"/></xsl:call-template>
            </xsl:if>
          </fo:block>
          <xsl:call-template name="question">
            <xsl:with-param name="label" select="'What was the concern?'"/>
            <xsl:with-param name="answer" select="m:summary"/>
            <xsl:with-param name="lines" select="2"/>
          </xsl:call-template>
          <xsl:call-template name="question">
            <xsl:with-param name="label">
              <xsl:text>Referral through the host organisation’s procedure</xsl:text>
              <xsl:if test="m:referral/@date">
                <xsl:text>, </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="d" select="m:referral/@date"/></xsl:call-template>
              </xsl:if>
            </xsl:with-param>
            <xsl:with-param name="answer" select="m:referral"/>
            <xsl:with-param name="lines" select="2"/>
          </xsl:call-template>
          <xsl:if test="m:resolved or @status = 'resolved'">
            <xsl:call-template name="question">
              <xsl:with-param name="label">
                <xsl:text>How it was resolved</xsl:text>
                <xsl:if test="m:resolved/@date">
                  <xsl:text>, </xsl:text>
                  <xsl:call-template name="date"><xsl:with-param name="d" select="m:resolved/@date"/></xsl:call-template>
                </xsl:if>
              </xsl:with-param>
              <xsl:with-param name="answer" select="m:resolved"/>
              <xsl:with-param name="lines" select="2"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$is-blank">
        <xsl:call-template name="question">
          <xsl:with-param name="label" select="'Was a safeguarding concern raised? What was it, and when?'"/>
          <xsl:with-param name="lines" select="2"/>
        </xsl:call-template>
        <xsl:call-template name="question">
          <xsl:with-param name="label" select="'Referral through the host organisation’s procedure (date and to whom)'"/>
          <xsl:with-param name="lines" select="2"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <fo:block color="{$muted}">No safeguarding concern is recorded.</fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
