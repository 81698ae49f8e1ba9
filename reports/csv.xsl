<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  CSV report, the format "csv": RFC 4180 (every field quoted, quotes
  doubled, CRLF line ends), a header row, then one row per finding of
  every dossier in the order of the text format, each with who applies
  for what.  Values are on one line (normalize-space), and a field that a
  spreadsheet would read as a formula starts with an apostrophe (see the
  "csv" template).  The dossier's own cells are made once per dossier and
  handed to each row, so no row looks back at its dossier (linear time).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:pactaudit:results:1"
    exclude-result-prefixes="r">

  <xsl:import href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:text>"dossier","commit","as_of","verdict","rule","severity","status","in_force","applies_from","path","line","ref","message","remedy","fingerprint","waiver","waiver_source","waiver_reason","waiver_until","waiver_approver","waiver_justification","applicant","country","registry_id","call","machine","partition","gpu_hours"&#13;&#10;</xsl:text>
    <xsl:for-each select="$dossiers">
      <xsl:variable name="pre">
        <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:dossier/@path)"/></xsl:call-template>
        <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:dossier/@commit)"/></xsl:call-template>
        <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:as-of)"/></xsl:call-template>
        <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:verdict)"/></xsl:call-template>
      </xsl:variable>
      <xsl:variable name="post">
        <xsl:call-template name="csv-who"/>
      </xsl:variable>
      <xsl:call-template name="rows">
        <xsl:with-param name="findings" select="r:finding"/>
        <xsl:with-param name="pre" select="string($pre)"/>
        <xsl:with-param name="post" select="string($post)"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="r:finding" mode="row">
    <xsl:param name="pre"/>
    <xsl:param name="post"/>
    <xsl:value-of select="$pre"/>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(@rule)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(@severity)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(@status)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="string(not(@in-force = 'false'))"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(@applies-from)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(@path)"/></xsl:call-template>
    <xsl:call-template name="csv">
      <xsl:with-param name="s"><xsl:call-template name="line"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(@ref)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:message)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:remedy)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(@fingerprint)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:waiver/@state)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:waiver/@source)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:waiver/@reason)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:waiver/@until)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:waiver/@approver)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:waiver/r:justification)"/></xsl:call-template>
    <xsl:value-of select="$post"/>
  </xsl:template>

</xsl:stylesheet>
