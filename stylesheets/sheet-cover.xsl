<?xml version="1.0" encoding="UTF-8"?>
<!-- sheet-cover.xsl: the cover, the running header's text, the alert for a paused project or an open concern, and the stage line under each sheet's name.
     Part of sheets.xsl (included there); the named templates and colours it
     uses are in common.xsl and sheets.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <!-- The project line in the running header. -->
  <xsl:template match="m:microproject" mode="header-text">
    <xsl:if test="$is-blank">
      <xsl:text>Microproject Type </xsl:text><xsl:value-of select="m:type"/>
      <xsl:text> · Project </xsl:text>
      <fo:leader leader-pattern="rule" leader-length="28mm" rule-thickness="0.5pt" color="{$muted}"/>
      <xsl:text> · Participant code </xsl:text>
      <fo:leader leader-pattern="rule" leader-length="20mm" rule-thickness="0.5pt" color="{$muted}"/>
    </xsl:if>
    <xsl:if test="not($is-blank)">
    <xsl:text>Microproject </xsl:text>
    <xsl:value-of select="@id"/>
    <xsl:if test="normalize-space(m:participant[1]/m:code) != '' and not($is-blank)">
      <xsl:text> · Participant </xsl:text>
      <xsl:value-of select="normalize-space(m:participant[1]/m:code)"/>
    </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template match="m:microproject" mode="doc-title">
    <xsl:choose>
      <xsl:when test="$is-blank">
        <xsl:text>Microproject pack: Type </xsl:text><xsl:value-of select="m:type"/>
        <xsl:text> (blank)</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>Microproject pack </xsl:text><xsl:value-of select="@id"/>
        <xsl:if test="normalize-space(m:title)">
          <xsl:text>: </xsl:text><xsl:value-of select="normalize-space(m:title)"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== cover ===== -->
  <xsl:template match="m:microproject" mode="cover">
    <xsl:param name="kind" select="'Microproject pack'"/>
    <xsl:param name="contents"/>
    <fo:block>
      <fo:marker marker-class-name="sheet">Cover</fo:marker>
      <xsl:call-template name="logo"/>
      <xsl:if test="normalize-space($organisation)">
        <fo:block font-size="11pt" color="{$muted}" space-after="2mm"><xsl:value-of select="$organisation"/></fo:block>
      </xsl:if>
      <xsl:if test="$draft = '1'">
        <fo:block font-size="26pt" font-weight="bold" color="{$alert}" border="2pt solid {$alert}"
            text-align="center" space-after="4mm">DRAFT: not ready to use</fo:block>
      </xsl:if>
      <fo:block font-size="10pt" font-weight="bold" color="{$muted}" letter-spacing="0.5pt">I MATTER LEARNING SYSTEM</fo:block>
      <fo:block role="H1" font-size="26pt" font-weight="bold" color="{$accent}" line-height="1.15"
          space-before="1mm"><xsl:value-of select="$kind"/></fo:block>
      <fo:block font-size="14pt" space-before="2mm" space-after="6mm">
        <xsl:choose>
          <xsl:when test="normalize-space(m:title) and not($is-blank)"><xsl:value-of select="normalize-space(m:title)"/></xsl:when>
          <xsl:otherwise>
            <xsl:text>Type </xsl:text><xsl:value-of select="m:type"/><xsl:text>: </xsl:text>
            <xsl:call-template name="type-name"><xsl:with-param name="type" select="m:type"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </fo:block>
      <xsl:apply-templates select="." mode="alerts"/>
      <xsl:call-template name="fields">
        <xsl:with-param name="rows">
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Project'"/>
            <xsl:with-param name="value" select="@id"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Type and level'"/>
            <xsl:with-param name="keep" select="true()"/>
            <xsl:with-param name="value">
              <xsl:call-template name="type-and-level"><xsl:with-param name="type" select="m:type"/></xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Participant code'"/>
            <xsl:with-param name="value">
              <xsl:value-of select="normalize-space(m:participant[1]/m:code)"/>
              <xsl:apply-templates select="m:participant[1]/m:kind" mode="kind"/>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Practitioner'"/>
            <xsl:with-param name="value">
              <xsl:value-of select="normalize-space(m:practitioner/m:name)"/>
              <xsl:for-each select="m:practitioner/m:role | m:practitioner/m:organisation">
                <xsl:if test="normalize-space(.)">
                  <xsl:text>, </xsl:text><xsl:value-of select="normalize-space(.)"/>
                </xsl:if>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Start date'"/>
            <xsl:with-param name="value">
              <xsl:call-template name="date"><xsl:with-param name="d" select="m:start"/></xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Planned end date'"/>
            <xsl:with-param name="value">
              <xsl:call-template name="date"><xsl:with-param name="d" select="m:planned-end"/></xsl:call-template>
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
      <xsl:if test="$is-blank">
        <fo:block font-size="9pt" color="{$muted}" space-before="1mm">Status: ☐ Planned ☐ Active ☐ Paused ☐ Paused and revisited ☐ Closed</fo:block>
      </xsl:if>
      <xsl:copy-of select="$contents"/>
      <xsl:call-template name="guide-box">
        <xsl:with-param name="title" select="'Microproject Practice is a learning-in-action, non-clinical practice model.'"/>
        <xsl:with-param name="items">
          <fo:block>It is not a therapy or treatment model, a diagnostic process, a crisis
            intervention service or a safeguarding decision-making authority. Where concerns
            arise, appropriate statutory, clinical, or safeguarding pathways must always be
            followed in line with host organisation procedures.</fo:block>
        </xsl:with-param>
      </xsl:call-template>
      <fo:block font-style="italic" text-align="center" color="{$muted}" space-before="6mm">“We cannot
        do everything, but we can each do something.” (The Candle Principle)</fo:block>
      <xsl:apply-templates select="." mode="cover-extra"/>
    </fo:block>
  </xsl:template>

  <!-- Nothing by default: a customisation layer adds to the cover here. -->
  <xsl:template match="*" mode="cover-extra"/>

  <!-- Nothing in the pack (its cover says it all); the closure checklist
     printed on its own puts the project in brief here. -->
  <xsl:template match="*" mode="closure-top"/>

  <!-- " (a parent)": who the participant is -->
  <xsl:template match="m:kind" mode="kind">
    <xsl:variable name="k" select="normalize-space(.)"/>
    <xsl:choose>
      <xsl:when test="$k = 'parent'"> (parent)</xsl:when>
      <xsl:when test="$k = 'family'"> (family)</xsl:when>
      <xsl:when test="$k = 'staff'"> (member of staff)</xsl:when>
      <xsl:when test="$k = 'community-member'"> (community member)</xsl:when>
      <xsl:when test="$k = 'other'"> (other)</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A paused project, or an open safeguarding concern, is shown first. -->
  <xsl:template match="m:microproject" mode="alerts">
    <xsl:param name="see" select="' (see Safety check prompts)'"/>
    <xsl:variable name="paused" select="normalize-space(m:status) = 'paused'"/>
    <xsl:variable name="open" select="m:safeguarding/m:concern[@status = 'open']"/>
    <xsl:if test="($paused or $open) and not($is-blank)">
      <fo:block border="1.5pt solid {$alert}" background-color="{$alert-tint}" padding="3mm"
          space-after="5mm" keep-together.within-page="always">
        <fo:block font-size="12pt" font-weight="bold" color="{$alert}" role="H2">
          <xsl:choose>
            <xsl:when test="$paused and $open">This Microproject is paused: a safeguarding concern is open</xsl:when>
            <xsl:when test="$paused">This Microproject is paused</xsl:when>
            <xsl:otherwise>A safeguarding concern is open</xsl:otherwise>
          </xsl:choose>
        </fo:block>
        <fo:block space-before="1.5mm">Follow the host organisation's safeguarding pathway.
          Where concerns arise, appropriate statutory, clinical, or safeguarding pathways must
          always be followed in line with host organisation procedures. Pause Microproject
          activity if risk escalates, and seek supervision or consultation when
          uncertain.</fo:block>
        <xsl:for-each select="$open">
          <fo:block space-before="1.5mm" font-size="9pt">
            <xsl:text>Concern raised </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="@raised"/></xsl:call-template>
            <xsl:choose>
              <xsl:when test="m:referral">
                <xsl:text>; referred </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="d" select="m:referral/@date"/></xsl:call-template>
                <xsl:value-of select="$see"/><xsl:text>.</xsl:text>
              </xsl:when>
              <xsl:otherwise>; no referral is recorded yet.</xsl:otherwise>
            </xsl:choose>
          </fo:block>
        </xsl:for-each>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <!-- "Stage 3 of 6: Plan the Microproject · Complete, 12 November 2025" -->
  <xsl:template name="stage-line">
    <xsl:param name="n"/>
    <xsl:param name="name"/>
    <xsl:param name="stage" select="/.."/>
    <xsl:text>Stage </xsl:text><xsl:value-of select="$n"/><xsl:text> of 6: </xsl:text>
    <xsl:value-of select="$name"/>
    <xsl:if test="$stage and not($is-blank)">
      <xsl:text> · </xsl:text>
      <xsl:call-template name="status-name"><xsl:with-param name="status" select="$stage/@status"/></xsl:call-template>
      <xsl:if test="$stage/@date">
        <xsl:text>, </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$stage/@date"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
