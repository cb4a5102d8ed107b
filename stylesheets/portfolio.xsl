<?xml version="1.0" encoding="UTF-8"?>
<!-- portfolio.xsl: a certification portfolio → XSL-FO: cover, practitioner and
     level sought, pathways with dates, a summary of the projects, each
     project's reflections and learning, peer learning, the boundaries
     statement and the declaration. The packs are read with document().
     A participant is shown by code only: nothing here reads a participant's
     <name>. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:m="urn:impack:microproject:1"
    exclude-result-prefixes="m">

  <xsl:import href="sheets.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:if test="$doc != '' and $doc != 'portfolio'">
      <xsl:message terminate="yes">this stylesheet prints certification portfolios, not packs: give --xsl a stylesheet that imports impack:pack.xsl or impack:closure.xsl.</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="m:portfolio"/>
  </xsl:template>

  <xsl:template match="m:portfolio">
    <xsl:variable name="packs" select="document(m:projects/m:project/@href, .)/m:microproject"/>
    <xsl:call-template name="document">
      <xsl:with-param name="title">
        <xsl:choose>
          <xsl:when test="normalize-space(m:title)"><xsl:value-of select="normalize-space(m:title)"/></xsl:when>
          <xsl:otherwise>Microproject Practice Certification portfolio</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="author" select="normalize-space(m:practitioner/m:name)"/>
      <xsl:with-param name="header">
        <xsl:text>Certification portfolio · </xsl:text>
        <xsl:value-of select="normalize-space(m:practitioner/m:name)"/>
      </xsl:with-param>
      <xsl:with-param name="bookmarks">
        <xsl:call-template name="bookmark"><xsl:with-param name="id" select="'pathways'"/><xsl:with-param name="title" select="'Learning pathways'"/></xsl:call-template>
        <xsl:call-template name="bookmark"><xsl:with-param name="id" select="'projects'"/><xsl:with-param name="title" select="'Microprojects'"/></xsl:call-template>
        <xsl:for-each select="$packs">
          <xsl:call-template name="bookmark">
            <xsl:with-param name="id" select="concat('project-', position())"/>
            <xsl:with-param name="title" select="concat('Microproject ', @id)"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:call-template name="bookmark"><xsl:with-param name="id" select="'boundaries'"/><xsl:with-param name="title" select="'Peer learning and boundaries'"/></xsl:call-template>
        <xsl:call-template name="bookmark"><xsl:with-param name="id" select="'declaration'"/><xsl:with-param name="title" select="'Declaration'"/></xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="body">
        <xsl:apply-templates select="." mode="cover"/>
        <xsl:apply-templates select="." mode="pathways"/>
        <xsl:apply-templates select="." mode="summary">
          <xsl:with-param name="packs" select="$packs"/>
        </xsl:apply-templates>
        <xsl:for-each select="$packs">
          <xsl:apply-templates select="." mode="portfolio-project">
            <xsl:with-param name="n" select="position()"/>
          </xsl:apply-templates>
        </xsl:for-each>
        <xsl:apply-templates select="." mode="boundaries"/>
        <xsl:apply-templates select="." mode="declaration"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="level-word">
    <xsl:param name="l"/>
    <xsl:choose>
      <xsl:when test="$l = 'lead'">Lead</xsl:when>
      <xsl:otherwise>Link</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="m:portfolio" mode="cover">
    <xsl:variable name="p" select="m:practitioner"/>
    <fo:block>
      <fo:marker marker-class-name="sheet">Cover</fo:marker>
      <xsl:call-template name="logo"/>
      <xsl:if test="normalize-space($organisation)">
        <fo:block font-size="11pt" color="{$muted}" space-after="2mm"><xsl:value-of select="$organisation"/></fo:block>
      </xsl:if>
      <fo:block font-size="10pt" font-weight="bold" color="{$muted}" letter-spacing="0.5pt">I MATTER LEARNING SYSTEM</fo:block>
      <fo:block role="H1" font-size="26pt" font-weight="bold" color="{$accent}" line-height="1.15"
          space-before="1mm">Certification portfolio</fo:block>
      <fo:block font-size="14pt" space-before="2mm" space-after="8mm">
        <xsl:text>Microproject Practice Certification: </xsl:text>
        <xsl:call-template name="level-word"><xsl:with-param name="l" select="m:level-sought"/></xsl:call-template>
        <xsl:text> level</xsl:text>
      </fo:block>
      <xsl:call-template name="fields">
        <xsl:with-param name="rows">
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Practitioner'"/>
            <xsl:with-param name="value" select="$p/m:name"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Role'"/>
            <xsl:with-param name="value" select="$p/m:role"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Organisation'"/>
            <xsl:with-param name="value" select="$p/m:organisation"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Level sought'"/>
            <xsl:with-param name="value">
              <xsl:call-template name="level-word"><xsl:with-param name="l" select="m:level-sought"/></xsl:call-template>
              <xsl:text> practitioner certification</xsl:text>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Microproject Practitioner Licence'"/>
            <xsl:with-param name="value">
              <xsl:if test="$p/m:licence">
                <xsl:call-template name="level-word"><xsl:with-param name="l" select="$p/m:licence/m:level"/></xsl:call-template>
                <xsl:text> level, valid </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="d" select="$p/m:licence/m:valid-from"/></xsl:call-template>
                <xsl:text> to </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="d" select="$p/m:licence/m:valid-until"/></xsl:call-template>
              </xsl:if>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Organisational approval'"/>
            <xsl:with-param name="value">
              <xsl:value-of select="normalize-space($p/m:approval/m:granted-by)"/>
              <xsl:if test="$p/m:approval/m:date">
                <xsl:text>, </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="d" select="$p/m:approval/m:date"/></xsl:call-template>
              </xsl:if>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Microprojects'"/>
            <xsl:with-param name="value" select="count(m:projects/m:project)"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="guide-box">
        <xsl:with-param name="title" select="'What the certification recognises'"/>
        <xsl:with-param name="items">
          <xsl:call-template name="bullet"><xsl:with-param name="text" select="'completion of relevant I Matter learning pathways (e.g. Introduction and Level 1–2 Foundations)'"/></xsl:call-template>
          <xsl:call-template name="bullet"><xsl:with-param name="text" select="'safe, structured application of learning through 3 individual Microprojects'"/></xsl:call-template>
          <xsl:call-template name="bullet"><xsl:with-param name="text" select="'reflective practice using guided prompts and learning capture tools'"/></xsl:call-template>
          <xsl:call-template name="bullet"><xsl:with-param name="text" select="'engagement in at least one peer learning or reflective discussion space'"/></xsl:call-template>
          <xsl:call-template name="bullet"><xsl:with-param name="text" select="'appropriate understanding of boundaries, including non-clinical scope and escalation awareness'"/></xsl:call-template>
          <fo:block space-before="1mm" font-style="italic">It is not a clinical qualification, and not a pass/fail competency test.</fo:block>
        </xsl:with-param>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <xsl:template match="m:portfolio" mode="pathways">
    <xsl:call-template name="sheet-heading">
      <xsl:with-param name="id" select="'pathways'"/>
      <xsl:with-param name="title" select="'Learning pathways'"/>
      <xsl:with-param name="intro" select="'Completion of relevant I Matter learning pathways, with dates.'"/>
    </xsl:call-template>
    <fo:table table-layout="fixed" width="100%" border-collapse="collapse">
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="36mm"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Pathway'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Completed'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Notes'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="m:pathways/m:pathway">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="td">
              <xsl:with-param name="text">
                <xsl:call-template name="course-name"><xsl:with-param name="name" select="@name"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="td">
              <xsl:with-param name="text">
                <xsl:call-template name="date"><xsl:with-param name="d" select="@completed"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="td"><xsl:with-param name="text" select="."/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <xsl:if test="not(m:pathways/m:pathway)">
          <xsl:call-template name="empty-rows">
            <xsl:with-param name="n" select="4"/>
            <xsl:with-param name="cols" select="3"/>
          </xsl:call-template>
        </xsl:if>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- One row a project: the participant by code only. -->
  <xsl:template match="m:portfolio" mode="summary">
    <xsl:param name="packs"/>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="id" select="'projects'"/>
      <xsl:with-param name="title" select="'Microprojects'"/>
    </xsl:call-template>
    <fo:block font-size="9pt" font-style="italic" color="{$muted}" space-after="1.5mm">Each
      Microproject involves one participant, shown here by code only.</fo:block>
    <fo:table table-layout="fixed" width="100%" border-collapse="collapse" font-size="9pt">
      <fo:table-column column-width="27mm"/>
      <fo:table-column column-width="28mm"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="30mm"/>
      <fo:table-column column-width="15mm"/>
      <fo:table-column column-width="21mm"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Project'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Type'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Focus'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Dates'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Status'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Participant'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$packs">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="td"><xsl:with-param name="text" select="@id"/></xsl:call-template>
            <xsl:call-template name="td">
              <xsl:with-param name="text">
                <xsl:value-of select="m:type"/><xsl:text>: </xsl:text>
                <xsl:call-template name="type-name"><xsl:with-param name="type" select="m:type"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <fo:table-cell padding="1.5mm" border="0.5pt solid {$rule}">
              <!-- one area a line, each with a bullet when there are several -->
              <xsl:variable name="several" select="count(m:focus-areas/m:focus) &gt; 1"/>
              <xsl:for-each select="m:focus-areas/m:focus">
                <fo:block>
                  <xsl:if test="$several">
                    <xsl:attribute name="start-indent">3mm</xsl:attribute>
                    <xsl:attribute name="text-indent">-3mm</xsl:attribute>
                    <xsl:text>•&#x00A0;</xsl:text>
                  </xsl:if>
                  <xsl:call-template name="focus-category"><xsl:with-param name="c" select="@category"/></xsl:call-template>
                </fo:block>
              </xsl:for-each>
              <xsl:if test="not(m:focus-areas/m:focus)"><fo:block/></xsl:if>
            </fo:table-cell>
            <xsl:call-template name="td">
              <xsl:with-param name="text">
                <xsl:call-template name="date"><xsl:with-param name="d" select="m:start"/></xsl:call-template>
                <xsl:text> to </xsl:text>
                <xsl:choose>
                  <xsl:when test="m:closure/@date">
                    <xsl:call-template name="date"><xsl:with-param name="d" select="m:closure/@date"/></xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="date"><xsl:with-param name="d" select="m:planned-end"/></xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="td">
              <xsl:with-param name="text">
                <xsl:call-template name="status-name"><xsl:with-param name="status" select="normalize-space(m:status)"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="td"><xsl:with-param name="text" select="m:participant[1]/m:code"/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <xsl:if test="not($packs)">
          <xsl:call-template name="empty-rows">
            <xsl:with-param name="n" select="3"/>
            <xsl:with-param name="cols" select="6"/>
          </xsl:call-template>
        </xsl:if>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- A project's reflections and learning. -->
  <xsl:template match="m:microproject" mode="portfolio-project">
    <xsl:param name="n"/>
    <xsl:call-template name="sheet-heading">
      <xsl:with-param name="id" select="concat('project-', $n)"/>
      <xsl:with-param name="title" select="concat('Microproject ', $n, ': ', @id)"/>
      <xsl:with-param name="colour" select="$stage6"/>
      <xsl:with-param name="stage">
        <xsl:text>Type </xsl:text><xsl:value-of select="m:type"/><xsl:text>: </xsl:text>
        <xsl:call-template name="type-name"><xsl:with-param name="type" select="m:type"/></xsl:call-template>
        <xsl:text> · participant </xsl:text><xsl:value-of select="normalize-space(m:participant[1]/m:code)"/>
        <xsl:text> · </xsl:text>
        <xsl:call-template name="status-name"><xsl:with-param name="status" select="normalize-space(m:status)"/></xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="intro" select="normalize-space(m:title)"/>
    </xsl:call-template>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Focus'"/>
    </xsl:call-template>
    <xsl:for-each select="m:focus-areas/m:focus">
      <fo:block font-weight="bold" space-before="1.5mm" keep-with-next="always">
        <xsl:call-template name="focus-category"><xsl:with-param name="c" select="@category"/></xsl:call-template>
      </fo:block>
      <xsl:call-template name="answer"><xsl:with-param name="text" select="normalize-space(.)"/></xsl:call-template>
    </xsl:for-each>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Reflection'"/>
    </xsl:call-template>
    <xsl:apply-templates select="m:stages/m:reflect" mode="reflection-questions">
      <xsl:with-param name="lines" select="3"/>
    </xsl:apply-templates>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Learning capture record'"/>
    </xsl:call-template>
    <xsl:apply-templates select="." mode="learning-questions">
      <xsl:with-param name="lines" select="3"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="m:portfolio" mode="boundaries">
    <xsl:call-template name="sheet-heading">
      <xsl:with-param name="id" select="'boundaries'"/>
      <xsl:with-param name="title" select="'Peer learning and boundaries'"/>
    </xsl:call-template>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Peer learning or reflective discussion spaces attended'"/>
    </xsl:call-template>
    <fo:table table-layout="fixed" width="100%" border-collapse="collapse">
      <fo:table-column column-width="36mm"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'Date'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="text" select="'What it was'"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="m:peer-learning/m:attended">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="td">
              <xsl:with-param name="text">
                <xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="td"><xsl:with-param name="text" select="."/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <xsl:if test="not(m:peer-learning/m:attended)">
          <xsl:call-template name="empty-rows">
            <xsl:with-param name="n" select="3"/>
            <xsl:with-param name="cols" select="2"/>
          </xsl:call-template>
        </xsl:if>
      </fo:table-body>
    </fo:table>
    <xsl:call-template name="section-heading">
      <xsl:with-param name="title" select="'Boundaries'"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Non-clinical scope: how my Microprojects stay within it'"/>
      <xsl:with-param name="answer" select="m:boundaries/m:non-clinical-scope"/>
    </xsl:call-template>
    <xsl:call-template name="question">
      <xsl:with-param name="label" select="'Escalation awareness: what I do when a concern arises'"/>
      <xsl:with-param name="answer" select="m:boundaries/m:escalation-awareness"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="m:portfolio" mode="declaration">
    <xsl:call-template name="section-heading">
      <xsl:with-param name="id" select="'declaration'"/>
      <xsl:with-param name="title" select="'Declaration'"/>
    </xsl:call-template>
    <fo:block keep-with-next="always">I declare that the Microprojects in this portfolio were
      carried out by me, within non-clinical boundaries, following the host organisation's
      procedures; that each participant is identified by code only; and that the reflections
      and learning recorded here are my own.</fo:block>
    <!-- the line is left for the signature by hand; the name is printed under it -->
    <xsl:call-template name="sign-line">
      <xsl:with-param name="label" select="'the practitioner'"/>
      <xsl:with-param name="name">
        <xsl:choose>
          <xsl:when test="normalize-space(m:declaration/m:signed)"><xsl:value-of select="m:declaration/m:signed"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="m:practitioner/m:name"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="date" select="m:declaration/m:date"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
