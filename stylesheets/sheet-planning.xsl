<?xml version="1.0" encoding="UTF-8"?>
<!-- sheet-planning.xsl: the Planning template: stage 3 (the plan and the priorities consult), the entry requirements, stage 4 (agreement and framing) and stage 5 (sessions and observations).
     Part of sheets.xsl (included there); the named templates and colours it
     uses are in common.xsl and sheets.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

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
    <fo:block font-size="9pt" font-style="italic" color="{$muted}" space-after="1mm"
        keep-with-next.within-page="always">
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
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Attended by'"/>
          <xsl:with-param name="value">
            <xsl:for-each select="$c/m:attendee">
              <xsl:variable name="role">
                <xsl:call-template name="attendee-role"><xsl:with-param name="r" select="@role"/></xsl:call-template>
              </xsl:variable>
              <xsl:if test="position() &gt; 1">; </xsl:if>
              <xsl:choose>
                <xsl:when test="normalize-space(.) = ''">
                  <!-- a name still to write: the role and a line for it -->
                  <xsl:value-of select="$role"/><xsl:text> </xsl:text>
                  <fo:leader leader-pattern="rule" leader-length="30mm" rule-thickness="0.5pt" color="{$rule}"/>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:value-of select="normalize-space(.)"/>
                  <xsl:if test="translate(normalize-space(.), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') != translate($role, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')">
                    <xsl:text> (</xsl:text><xsl:value-of select="$role"/><xsl:text>)</xsl:text>
                  </xsl:if>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
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
    <fo:block font-weight="bold" font-size="9pt" space-before="1mm">Learning Foundation</fo:block>
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
    <fo:block font-weight="bold" font-size="9pt" space-before="2mm" keep-with-next="always">Practice Readiness</fo:block>
    <xsl:call-template name="bullet"><xsl:with-param name="text" select="'Understanding of I Matter principles'"/></xsl:call-template>
    <xsl:call-template name="bullet"><xsl:with-param name="text" select="'Awareness of relational, non-clinical boundaries'"/></xsl:call-template>
    <xsl:call-template name="bullet"><xsl:with-param name="text" select="'Ability to reflect on practice in structured ways'"/></xsl:call-template>
    <fo:block font-weight="bold" font-size="9pt" space-before="2mm" keep-with-next="always">Licence Status</fo:block>
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
              <xsl:call-template name="date-or-line"><xsl:with-param name="d" select="$p/m:licence/m:valid-from"/></xsl:call-template>
              <xsl:text> to </xsl:text>
              <xsl:call-template name="date-or-line"><xsl:with-param name="d" select="$p/m:licence/m:valid-until"/></xsl:call-template>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Organisational approval under Enhanced Practice licence'"/>
          <xsl:with-param name="value">
            <xsl:if test="$p/m:approval">
              <xsl:value-of select="normalize-space($p/m:approval/m:granted-by)"/>
              <xsl:if test="normalize-space($p/m:approval/m:date) != ''">
                <xsl:if test="normalize-space($p/m:approval/m:granted-by) != ''">, </xsl:if>
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
      <!-- completed="" (a new pack's blank) is not done: an empty box and a line to write on -->
      <xsl:variable name="done" select="normalize-space($c/@completed) != '' and not($is-blank)"/>
      <xsl:call-template name="box"><xsl:with-param name="on" select="$done"/></xsl:call-template>
      <xsl:text> Completed </xsl:text>
      <xsl:call-template name="course-name"><xsl:with-param name="name" select="$name"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$done">
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
</xsl:stylesheet>
