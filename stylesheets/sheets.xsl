<?xml version="1.0" encoding="UTF-8"?>
<!-- sheets.xsl: the sheets of the standard Microproject pack, in the words of
     the Microproject Practice Guide. Each sheet is a template in its own mode
     that matches <microproject>, so pack.xsl and closure.xsl print the same
     sheet and a customisation layer can replace one sheet by overriding its
     mode. An unanswered question gets ruled write-in space; yes/no items
     print as ☐ or ☑. The participant is shown by code only.
     Each sheet is in a file of its own (sheet-*.xsl), included here. -->
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

  <!-- the sheets, one file each -->
  <xsl:include href="sheet-cover.xsl"/>
  <xsl:include href="sheet-planning.xsl"/>
  <xsl:include href="sheet-focus.xsl"/>
  <xsl:include href="sheet-safety.xsl"/>
  <xsl:include href="sheet-reflection.xsl"/>
  <xsl:include href="sheet-closure.xsl"/>
  <xsl:include href="sheet-tracker.xsl"/>
</xsl:stylesheet>
