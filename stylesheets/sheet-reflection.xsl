<?xml version="1.0" encoding="UTF-8"?>
<!-- sheet-reflection.xsl: the Reflection framework and the Learning capture record: stage 6, and the Community Wheel connections.
     Part of sheets.xsl (included there); the named templates and colours it
     uses are in common.xsl and sheets.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <!-- ===== 4. Reflection framework (stage 6) ===== -->
  <xsl:template match="m:microproject" mode="reflection">
    <xsl:variable name="r" select="m:stages/m:reflect"/>
    <xsl:call-template name="sheet-heading">
      <xsl:with-param name="id" select="'reflection'"/>
      <xsl:with-param name="title" select="'Reflection framework'"/>
      <xsl:with-param name="colour" select="$stage6"/>
      <xsl:with-param name="stage">
        <xsl:call-template name="stage-line">
          <xsl:with-param name="n" select="6"/>
          <xsl:with-param name="name" select="'Reflect &amp; Record Learning'"/>
          <xsl:with-param name="stage" select="$r"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="intro" select="'Reflection is a core part of the practice model, not an optional add-on. Every Microproject must include:'"/>
    </xsl:call-template>
    <xsl:apply-templates select="$r" mode="reflection-questions">
      <xsl:with-param name="lines" select="4"/>
    </xsl:apply-templates>
    <xsl:if test="not($r)">
      <!-- nothing answered yet: the questions with room to write -->
      <xsl:apply-templates select="." mode="reflection-questions">
        <xsl:with-param name="lines" select="4"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <!-- The five reflection questions, for a <reflect> (also used by the portfolio). -->
  <xsl:template match="*" mode="reflection-questions">
    <xsl:param name="lines" select="$lines"/>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'What was noticed in relationships or communication?'"/>
      <xsl:with-param name="answer" select="m:noticed"/>
      <xsl:with-param name="lines" select="$lines"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'What changed (if anything) in understanding or response?'"/>
      <xsl:with-param name="answer" select="m:changed"/>
      <xsl:with-param name="lines" select="$lines"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'What felt helpful or unhelpful?'"/>
      <xsl:with-param name="answer" select="m:helped"/>
      <xsl:with-param name="lines" select="$lines"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'What learning emerged for future practice?'"/>
      <xsl:with-param name="answer" select="m:future-learning"/>
      <xsl:with-param name="lines" select="$lines"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Does anything require escalation or referral?'"/>
      <xsl:with-param name="answer" select="m:escalation"/>
      <xsl:with-param name="lines" select="3"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 5. Learning capture record ===== -->
  <xsl:template match="m:microproject" mode="learning">
    <xsl:variable name="lr" select="m:stages/m:reflect/m:learning-record"/>
    <xsl:call-template name="sheet-heading">
      <xsl:with-param name="id" select="'learning'"/>
      <xsl:with-param name="title" select="'Learning capture record'"/>
      <xsl:with-param name="colour" select="$stage6"/>
      <xsl:with-param name="stage">
        <xsl:text>Stage 6 of 6: complete the Microproject record</xsl:text>
        <xsl:if test="$lr/@date and not($is-blank)">
          <xsl:text> · recorded </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$lr/@date"/></xsl:call-template>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="intro" select="'Structured reflection on what was observed: identify patterns, shifts, and insights, and consider implications for future practice.'"/>
    </xsl:call-template>
    <xsl:apply-templates select="." mode="learning-questions"/>
    <xsl:apply-templates select="." mode="community"/>
  </xsl:template>

  <xsl:template match="m:microproject" mode="learning-questions">
    <xsl:param name="lines" select="5"/>
    <xsl:variable name="lr" select="m:stages/m:reflect/m:learning-record"/>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Patterns identified'"/>
      <xsl:with-param name="answer" select="$lr/m:patterns"/>
      <xsl:with-param name="lines" select="$lines"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Shifts in understanding or response'"/>
      <xsl:with-param name="answer" select="$lr/m:shifts"/>
      <xsl:with-param name="lines" select="$lines"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Insights, and implications for future practice'"/>
      <xsl:with-param name="answer" select="$lr/m:insights"/>
      <xsl:with-param name="lines" select="$lines"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="m:microproject" mode="community">
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Community Wheel and peer learning'"/>
    </xsl:call-template>
    <fo:block font-size="9pt" font-style="italic" color="{$muted}" space-after="1mm">All
      Microprojects connect back to monthly community sessions, peer learning, and ongoing
      access to support. How does the participant stay connected?</fo:block>
    <xsl:choose>
      <xsl:when test="m:community/m:connection and not($is-blank)">
        <xsl:call-template name="fields">
          <xsl:with-param name="rows">
            <xsl:for-each select="m:community/m:connection">
              <xsl:call-template name="field">
                <xsl:with-param name="label">
                  <xsl:choose>
                    <xsl:when test="@kind = 'community-wheel'">Community Wheel</xsl:when>
                    <xsl:when test="@kind = 'peer-learning'">Peer learning</xsl:when>
                    <xsl:when test="@kind = 'online-learning'">Online I Matter learning</xsl:when>
                    <xsl:otherwise>Other connection</xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
                <xsl:with-param name="value" select="."/>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="fields">
          <xsl:with-param name="rows">
            <xsl:call-template name="field"><xsl:with-param name="label" select="'Community Wheel'"/></xsl:call-template>
            <xsl:call-template name="field"><xsl:with-param name="label" select="'Peer learning'"/></xsl:call-template>
            <xsl:call-template name="field"><xsl:with-param name="label" select="'Online I Matter learning'"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
