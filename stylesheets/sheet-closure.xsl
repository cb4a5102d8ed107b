<?xml version="1.0" encoding="UTF-8"?>
<!-- sheet-closure.xsl: the Closure checklist: the five criteria, the stage summary and the sign-off.
     Part of sheets.xsl (included there); the named templates and colours it
     uses are in common.xsl and sheets.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <!-- ===== 6. Closure checklist ===== -->
  <xsl:template match="m:microproject" mode="closure">
    <xsl:variable name="c" select="m:closure"/>
    <xsl:call-template name="sheet-heading">
      <xsl:with-param name="id" select="'closure'"/>
      <xsl:with-param name="title" select="'Closure checklist'"/>
      <xsl:with-param name="colour" select="$accent"/>
      <xsl:with-param name="stage">
        <xsl:text>Closure of a Microproject</xsl:text>
        <xsl:if test="$c/@date and not($is-blank)">
          <xsl:text> · </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$c/@date"/></xsl:call-template>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="intro" select="'A Microproject is considered complete when all five of these hold. Microprojects may also be paused or paused and revisited if needed.'"/>
    </xsl:call-template>
    <xsl:apply-templates select="." mode="closure-top"/>
    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'Planned focus has been explored.'"/>
      <xsl:with-param name="value" select="$c/m:focus-explored"/>
    </xsl:call-template>
    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'Reflection has been completed.'"/>
      <xsl:with-param name="value" select="$c/m:reflection-completed"/>
    </xsl:call-template>
    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'Learning has been recorded.'"/>
      <xsl:with-param name="value" select="$c/m:learning-recorded"/>
    </xsl:call-template>
    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'No outstanding safety concerns remain.'"/>
      <xsl:with-param name="value" select="$c/m:no-outstanding-concerns"/>
    </xsl:call-template>
    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'The participant understands closure has occurred.'"/>
      <xsl:with-param name="value" select="$c/m:participant-understands"/>
    </xsl:call-template>

    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Stage summary'"/>
    </xsl:call-template>
    <fo:table table-layout="fixed" width="100%" border-collapse="collapse" space-before="1mm">
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-column column-width="proportional-column-width(1.5)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Stage'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Status'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Date'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:call-template name="stage-row"><xsl:with-param name="n" select="1"/><xsl:with-param name="name" select="'Identify the Focus'"/><xsl:with-param name="s" select="m:stages/m:identify"/></xsl:call-template>
        <xsl:call-template name="stage-row"><xsl:with-param name="n" select="2"/><xsl:with-param name="name" select="'Check Suitability &amp; Safety'"/><xsl:with-param name="s" select="m:stages/m:safety-check"/></xsl:call-template>
        <xsl:call-template name="stage-row"><xsl:with-param name="n" select="3"/><xsl:with-param name="name" select="'Plan the Microproject'"/><xsl:with-param name="s" select="m:stages/m:plan"/></xsl:call-template>
        <xsl:call-template name="stage-row"><xsl:with-param name="n" select="4"/><xsl:with-param name="name" select="'Agreement &amp; Framing'"/><xsl:with-param name="s" select="m:stages/m:agreement"/></xsl:call-template>
        <xsl:call-template name="stage-row"><xsl:with-param name="n" select="5"/><xsl:with-param name="name" select="'Apply Learning in Context'"/><xsl:with-param name="s" select="m:stages/m:apply"/></xsl:call-template>
        <xsl:call-template name="stage-row"><xsl:with-param name="n" select="6"/><xsl:with-param name="name" select="'Reflect &amp; Record Learning'"/><xsl:with-param name="s" select="m:stages/m:reflect"/></xsl:call-template>
      </fo:table-body>
    </fo:table>

    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Sign-off'"/>
    </xsl:call-template>
    <xsl:call-template name="sign-line">
      <xsl:with-param name="label" select="'Practitioner'"/>
      <xsl:with-param name="name" select="m:practitioner/m:name"/>
    </xsl:call-template>
    <xsl:call-template name="sign-line">
      <xsl:with-param name="label" select="'Supervisor or Lead Professional'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="stage-row">
    <xsl:param name="n"/>
    <xsl:param name="name"/>
    <xsl:param name="s"/>
    <fo:table-row>
      <xsl:call-template name="td"><xsl:with-param name="text" select="concat($n, '. ', $name)"/></xsl:call-template>
      <fo:table-cell padding="1.5mm" border="0.5pt solid {$rule}">
        <fo:block>
          <xsl:choose>
            <xsl:when test="$is-blank">
              <xsl:call-template name="box"/><xsl:text> complete</xsl:text>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="box"><xsl:with-param name="on" select="$s/@status = 'complete'"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:call-template name="status-name"><xsl:with-param name="status" select="$s/@status"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </fo:table-cell>
      <xsl:call-template name="td">
        <xsl:with-param name="text">
          <xsl:call-template name="date"><xsl:with-param name="d" select="$s/@date"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </fo:table-row>
  </xsl:template>
</xsl:stylesheet>
