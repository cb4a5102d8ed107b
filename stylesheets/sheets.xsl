<?xml version="1.0" encoding="UTF-8"?>
<!-- sheets.xsl: the sheets of the standard Microproject pack, in the words of
     the Microproject Practice Guide. Each sheet is a template in its own mode
     that matches <microproject>, so pack.xsl and closure.xsl print the same
     sheet and a customisation layer can replace one sheet by overriding its
     mode. An unanswered question gets ruled write-in space; yes/no items
     print as ☐ or ☑. The participant is shown by code only. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <xsl:import href="common.xsl"/>

  <!-- stage colours, as the guide marks the six steps -->
  <xsl:variable name="stage1" select="'#2f6fb5'"/>
  <xsl:variable name="stage2" select="'#d9a400'"/>
  <xsl:variable name="stage3" select="'#2e8b57'"/>
  <xsl:variable name="stage4" select="'#e07b24'"/>
  <xsl:variable name="stage5" select="'#7b4fa0'"/>
  <xsl:variable name="stage6" select="'#8b5a2b'"/>

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
              <xsl:text>Type </xsl:text><xsl:value-of select="m:type"/><xsl:text>: </xsl:text>
              <xsl:call-template name="type-name"><xsl:with-param name="type" select="m:type"/></xsl:call-template>
              <xsl:text> · </xsl:text>
              <xsl:call-template name="level-name"><xsl:with-param name="type" select="m:type"/></xsl:call-template>
              <xsl:text> level</xsl:text>
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
        <fo:block font-size="13pt" font-weight="bold" color="{$alert}" role="H2">
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

  <!-- ===== 1. Planning template (stages 3, 4 and 5) ===== -->
  <xsl:template match="m:microproject" mode="planning">
    <xsl:variable name="plan" select="m:stages/m:plan"/>
    <xsl:variable name="type" select="number(m:type)"/>
    <xsl:call-template name="sheet-heading">
      <xsl:with-param name="id" select="'planning'"/>
      <xsl:with-param name="title" select="'Planning template'"/>
      <xsl:with-param name="colour" select="$stage3"/>
      <xsl:with-param name="stage">
        <xsl:call-template name="stage-line">
          <xsl:with-param name="n" select="3"/>
          <xsl:with-param name="name" select="'Plan the Microproject'"/>
          <xsl:with-param name="stage" select="$plan"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="intro" select="'Using the Microproject Planning Framework. A Microproject is clearly defined at the start, time-limited and bounded, and focuses on understanding, communication and relational patterns.'"/>
    </xsl:call-template>

    <xsl:call-template name="fields">
      <xsl:with-param name="rows">
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
      </xsl:with-param>
    </xsl:call-template>

    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'What is being explored?'"/>
      <xsl:with-param name="answer" select="$plan/m:exploring"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Who is involved?'"/>
      <xsl:with-param name="hint" select="'max 1–3 focus areas'"/>
      <xsl:with-param name="answer" select="$plan/m:involved"/>
      <xsl:with-param name="lines" select="3"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'What learning lens is being applied?'"/>
      <xsl:with-param name="answer" select="$plan/m:learning-lens"/>
      <xsl:with-param name="lines" select="3"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'What “success” means in terms of understanding'"/>
      <xsl:with-param name="hint" select="'not outcome fixing'"/>
      <xsl:with-param name="answer" select="$plan/m:success"/>
    </xsl:call-template>

    <xsl:if test="$type &gt;= 2 or $plan/m:consult">
      <xsl:apply-templates select="." mode="consult"/>
    </xsl:if>
    <xsl:apply-templates select="." mode="readiness"/>
    <xsl:apply-templates select="." mode="agreement"/>
    <xsl:apply-templates select="." mode="apply"/>
  </xsl:template>

  <xsl:template match="m:microproject" mode="consult">
    <xsl:variable name="c" select="m:stages/m:plan/m:consult"/>
    <xsl:variable name="type" select="number(m:type)"/>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title">
        <xsl:choose>
          <xsl:when test="$type = 4">Structured priorities consult</xsl:when>
          <xsl:otherwise>Priorities consult</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <fo:block font-size="9pt" font-style="italic" color="{$muted}" space-after="1mm">
      <xsl:choose>
        <xsl:when test="$type = 2">Type 2: a short priorities consult, attended by Link staff and a Lead Plus.</xsl:when>
        <xsl:when test="$type = 3">Type 3: a priorities consult with the Lead, or a delegated Lead Plus.</xsl:when>
        <xsl:when test="$type = 4">Type 4: a structured priorities consult with the Lead and the I Matter programme lead.</xsl:when>
        <xsl:otherwise>A priorities consult is not needed for Type 1.</xsl:otherwise>
      </xsl:choose>
    </fo:block>
    <xsl:call-template name="fields">
      <xsl:with-param name="rows">
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Date of the consult'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="date"><xsl:with-param name="d" select="$c/@date"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:choose>
          <xsl:when test="$c/m:attendee and not($is-blank)">
            <xsl:for-each select="$c/m:attendee">
              <xsl:call-template name="field">
                <xsl:with-param name="label">
                  <xsl:if test="position() = 1">Attended by</xsl:if>
                </xsl:with-param>
                <xsl:with-param name="value">
                  <xsl:value-of select="normalize-space(.)"/>
                  <xsl:text> (</xsl:text>
                  <xsl:call-template name="attendee-role"><xsl:with-param name="r" select="@role"/></xsl:call-template>
                  <xsl:text>)</xsl:text>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="field"><xsl:with-param name="label" select="'Attended by'"/></xsl:call-template>
            <xsl:call-template name="field"><xsl:with-param name="label" select="''"/></xsl:call-template>
            <xsl:call-template name="field"><xsl:with-param name="label" select="''"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Learning priorities agreed at the consult'"/>
      <xsl:with-param name="answer" select="$c/m:priorities"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="attendee-role">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="$r = 'link-staff'">Link staff</xsl:when>
      <xsl:when test="$r = 'lead'">Lead</xsl:when>
      <xsl:when test="$r = 'lead-plus'">Lead Plus</xsl:when>
      <xsl:when test="$r = 'programme-lead'">I Matter programme lead</xsl:when>
      <xsl:when test="$r = 'participant'">participant</xsl:when>
      <xsl:when test="$r = 'pcn-link-staff'">PCN Link staff</xsl:when>
      <xsl:otherwise>other</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Entry requirements (readiness to practice) -->
  <xsl:template match="m:microproject" mode="readiness">
    <xsl:variable name="p" select="m:practitioner"/>
    <xsl:variable name="type" select="number(m:type)"/>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Entry requirements (readiness to practice)'"/>
    </xsl:call-template>
    <fo:block font-size="9pt" font-style="italic" color="{$muted}" space-after="1mm">Before
      starting a Microproject, practitioners must have:</fo:block>
    <fo:block font-weight="bold" font-size="9.5pt" space-before="1mm">Learning Foundation</fo:block>
    <xsl:call-template name="course-row"><xsl:with-param name="name" select="'introduction'"/></xsl:call-template>
    <xsl:call-template name="course-row"><xsl:with-param name="name" select="'foundations'"/></xsl:call-template>
    <xsl:choose>
      <xsl:when test="$type &lt;= 2">
        <xsl:call-template name="course-row"><xsl:with-param name="name" select="'informed-practitioner'"/></xsl:call-template>
        <xsl:call-template name="course-row"><xsl:with-param name="name" select="'link-training'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="course-row"><xsl:with-param name="name" select="'deep-dive'"/></xsl:call-template>
        <xsl:call-template name="course-row"><xsl:with-param name="name" select="'lead-training'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <fo:block font-weight="bold" font-size="9.5pt" space-before="2mm" keep-with-next="always">Practice Readiness</fo:block>
    <xsl:call-template name="bullet"><xsl:with-param name="text" select="'Understanding of I Matter principles'"/></xsl:call-template>
    <xsl:call-template name="bullet"><xsl:with-param name="text" select="'Awareness of relational, non-clinical boundaries'"/></xsl:call-template>
    <xsl:call-template name="bullet"><xsl:with-param name="text" select="'Ability to reflect on practice in structured ways'"/></xsl:call-template>
    <fo:block font-weight="bold" font-size="9.5pt" space-before="2mm" keep-with-next="always">Licence Status</fo:block>
    <xsl:call-template name="fields">
      <xsl:with-param name="rows">
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Microproject Practitioner Licence'"/>
          <xsl:with-param name="value">
            <xsl:if test="$p/m:licence">
              <xsl:choose>
                <xsl:when test="$p/m:licence/m:level = 'lead'">Lead</xsl:when>
                <xsl:otherwise>Link</xsl:otherwise>
              </xsl:choose>
              <xsl:text> level, valid </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="d" select="$p/m:licence/m:valid-from"/></xsl:call-template>
              <xsl:text> to </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="d" select="$p/m:licence/m:valid-until"/></xsl:call-template>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Organisational approval under Enhanced Practice licence'"/>
          <xsl:with-param name="value">
            <xsl:if test="$p/m:approval">
              <xsl:value-of select="normalize-space($p/m:approval/m:granted-by)"/>
              <xsl:if test="$p/m:approval/m:date">
                <xsl:text>, </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="d" select="$p/m:approval/m:date"/></xsl:call-template>
              </xsl:if>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <!-- courses the pack lists beyond what the type needs -->
    <xsl:for-each select="$p/m:training/m:course[normalize-space(.) != '']">
      <fo:block font-size="9pt" color="{$muted}">
        <xsl:call-template name="course-name"><xsl:with-param name="name" select="@name"/></xsl:call-template>
        <xsl:text>: </xsl:text><xsl:value-of select="normalize-space(.)"/>
      </fo:block>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="course-row">
    <xsl:param name="name"/>
    <xsl:variable name="c" select="m:practitioner/m:training/m:course[@name = $name][1]"/>
    <fo:block space-before="0.8mm">
      <xsl:call-template name="box"><xsl:with-param name="on" select="boolean($c/@completed)"/></xsl:call-template>
      <xsl:text> Completed </xsl:text>
      <xsl:call-template name="course-name"><xsl:with-param name="name" select="$name"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$c/@completed and not($is-blank)">
          <xsl:text> on </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$c/@completed"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:text>   on </xsl:text>
          <fo:leader leader-pattern="rule" leader-length="35mm" rule-thickness="0.5pt" color="{$rule}"/>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <!-- Stage 4 -->
  <xsl:template match="m:microproject" mode="agreement">
    <xsl:variable name="a" select="m:stages/m:agreement"/>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title">
        <xsl:call-template name="stage-line">
          <xsl:with-param name="n" select="4"/>
          <xsl:with-param name="name" select="'Agreement &amp; Framing'"/>
          <xsl:with-param name="stage" select="$a"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'Ensure participants understand the purpose.'"/>
      <xsl:with-param name="value" select="$a/m:purpose-understood"/>
    </xsl:call-template>
    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'Clarify that this is a learning process.'"/>
      <xsl:with-param name="value" select="$a/m:learning-process-clarified"/>
    </xsl:call-template>
    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'Agree boundaries and expectations.'"/>
      <xsl:with-param name="value" select="$a/m:boundaries-agreed"/>
    </xsl:call-template>
    <xsl:call-template name="choice">
      <xsl:with-param name="label" select="'Confirm voluntary participation where applicable.'"/>
      <xsl:with-param name="value" select="$a/m:voluntary"/>
      <xsl:with-param name="options" select="'yes:Yes|no:No|not-applicable:Not applicable|'"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Notes on the agreement'"/>
      <xsl:with-param name="answer" select="$a/m:notes"/>
      <xsl:with-param name="lines" select="3"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Stage 5 -->
  <xsl:template match="m:microproject" mode="apply">
    <xsl:variable name="ap" select="m:stages/m:apply"/>
    <xsl:variable name="type" select="number(m:type)"/>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title">
        <xsl:call-template name="stage-line">
          <xsl:with-param name="n" select="5"/>
          <xsl:with-param name="name" select="'Apply Learning in Context'"/>
          <xsl:with-param name="stage" select="$ap"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="guide-box">
      <xsl:with-param name="colour" select="$stage5"/>
      <xsl:with-param name="title" select="'In this stage:'"/>
      <xsl:with-param name="items">
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'use I Matter concepts in real-life interactions'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'support clearer communication and reflection'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'observe changes in understanding and response patterns'"/></xsl:call-template>
        <xsl:call-template name="bullet"><xsl:with-param name="text" select="'remain within non-clinical role boundaries'"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$type &gt;= 3 or $ap/m:sessions/m:session">
      <fo:block font-weight="bold" space-before="2mm" keep-with-next="always">
        <xsl:choose>
          <xsl:when test="$type = 4">Sessions: 6 core support sessions, and any additional structured backup sessions</xsl:when>
          <xsl:when test="$type = 3">Sessions: 6 structured sessions (group or 1:1)</xsl:when>
          <xsl:otherwise>Sessions</xsl:otherwise>
        </xsl:choose>
      </fo:block>
      <fo:table table-layout="fixed" width="100%" border-collapse="collapse" space-before="1.5mm">
        <fo:table-column column-width="9mm"/>
        <fo:table-column column-width="33mm"/>
        <fo:table-column column-width="28mm"/>
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-header>
          <fo:table-row>
            <xsl:call-template name="th"><xsl:with-param name="text" select="'No.'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="text" select="'Date'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="text" select="'Kind and format'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="text" select="'What the session covered'"/></xsl:call-template>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body>
          <xsl:choose>
            <xsl:when test="$ap/m:sessions/m:session and not($is-blank)">
              <xsl:for-each select="$ap/m:sessions/m:session">
                <fo:table-row keep-together.within-page="always">
                  <xsl:call-template name="td"><xsl:with-param name="text" select="position()"/></xsl:call-template>
                  <xsl:call-template name="td">
                    <xsl:with-param name="text">
                      <xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template>
                    </xsl:with-param>
                  </xsl:call-template>
                  <xsl:call-template name="td">
                    <xsl:with-param name="text">
                      <xsl:choose>
                        <xsl:when test="@kind = 'core'">Core</xsl:when>
                        <xsl:when test="@kind = 'backup'">Backup</xsl:when>
                        <xsl:otherwise>Structured</xsl:otherwise>
                      </xsl:choose>
                      <xsl:choose>
                        <xsl:when test="@format = 'group'">, group</xsl:when>
                        <xsl:when test="@format = 'one-to-one'">, 1:1</xsl:when>
                        <xsl:when test="@format = 'online'">, online</xsl:when>
                      </xsl:choose>
                    </xsl:with-param>
                  </xsl:call-template>
                  <xsl:call-template name="td"><xsl:with-param name="text" select="."/></xsl:call-template>
                </fo:table-row>
              </xsl:for-each>
              <!-- room for the sessions still to come -->
              <xsl:if test="$ap/@status != 'complete' and $type &gt;= 3">
                <xsl:call-template name="numbered-rows">
                  <xsl:with-param name="from" select="count($ap/m:sessions/m:session) + 1"/>
                  <xsl:with-param name="to">
                    <!-- Type 3: up to 6; Type 4: the core sessions still to come
                         and a row for a backup session -->
                    <xsl:variable name="left" select="6 - count($ap/m:sessions/m:session[@kind = 'core'])"/>
                    <xsl:choose>
                      <xsl:when test="$type = 4">
                        <xsl:value-of select="count($ap/m:sessions/m:session) + ($left &gt; 0) * $left + 1"/>
                      </xsl:when>
                      <xsl:otherwise>6</xsl:otherwise>
                    </xsl:choose>
                  </xsl:with-param>
                </xsl:call-template>
              </xsl:if>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="numbered-rows">
                <xsl:with-param name="from" select="1"/>
                <xsl:with-param name="to">
                  <xsl:choose>
                    <xsl:when test="$type = 4">8</xsl:when>
                    <xsl:otherwise>6</xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </fo:table-body>
      </fo:table>
    </xsl:if>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'What changes in understanding and response patterns were observed?'"/>
      <xsl:with-param name="answer" select="$ap/m:observations"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="numbered-rows">
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:if test="$from &lt;= $to">
      <fo:table-row>
        <fo:table-cell padding="1.5mm" border="0.5pt solid {$rule}">
          <fo:block line-height="{$write-line}"><xsl:value-of select="$from"/></fo:block>
        </fo:table-cell>
        <xsl:call-template name="empty-cells"><xsl:with-param name="n" select="3"/></xsl:call-template>
      </fo:table-row>
      <xsl:call-template name="numbered-rows">
        <xsl:with-param name="from" select="$from + 1"/>
        <xsl:with-param name="to" select="$to"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

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
    <fo:block font-size="8.5pt" keep-with-next="always" space-before="1mm">
      <xsl:call-template name="box"/> parent–child communication
      <xsl:call-template name="box"/> family stress
      <xsl:call-template name="box"/> workplace communication
      <xsl:call-template name="box"/> behavioural responses
      <xsl:call-template name="box"/> other
    </fo:block>
    <xsl:call-template name="write-in"><xsl:with-param name="lines" select="2"/></xsl:call-template>
  </xsl:template>

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
          <fo:block line-height="{$write-line}">&#xA0;</fo:block>
        </fo:table-cell>
      </fo:table-row>
      <xsl:call-template name="priority-rows"><xsl:with-param name="n" select="$n + 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
