<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  The allocation plan (urn:pactaudit:allocation:1) as CSV, the format
  "csv" of `pactaudit allocate`: RFC 4180 (every field quoted, CRLF), a
  header row, then one row per applicant in rank order.  Fields a
  spreadsheet would read as a formula start with an apostrophe (the "csv"
  template of common.xsl).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:a="urn:pactaudit:allocation:1"
    exclude-result-prefixes="a">

  <xsl:import href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:text>"call","rank","name","dossier","commit","verdict","decision","decision_commit","outcome","score","verdict_score","findings_score","signatures_score","requested_machine","requested","wanted","granted","machine","partition","node_hours","account","trace_kind","trace","why"&#13;&#10;</xsl:text>
    <xsl:for-each select="/a:allocation/a:applicant">
      <xsl:call-template name="f"><xsl:with-param name="s" select="/a:allocation/@call"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@rank"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@name"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@dossier"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@commit"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@verdict"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@decision"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@decision-commit"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@outcome"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@score"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="a:sub[@of = 'verdict']/@value"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="a:sub[@of = 'findings']/@value"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="a:sub[@of = 'signatures']/@value"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@requested-machine"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@requested"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@wanted"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@granted"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@machine"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@partition"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@node-hours"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="@account"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="a:trace/@kind"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="s" select="a:trace/@ref"/></xsl:call-template>
      <xsl:call-template name="f">
        <xsl:with-param name="s" select="a:why"/>
        <xsl:with-param name="last" select="true()"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="f">
    <xsl:param name="s"/>
    <xsl:param name="last" select="false()"/>
    <xsl:call-template name="csv">
      <xsl:with-param name="s" select="normalize-space($s)"/>
      <xsl:with-param name="last" select="$last"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
