<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  CSV report, the format "csv-applicants": one row per dossier (the call
  overview of the board report), RFC 4180 like csv.xsl, with the same
  protection against spreadsheet formulas.  Decision and granted hours
  come from the allocation plan (report \-\-plan) and are empty without one;
  the decision says "not in the plan" or "plan for another commit" when
  the plan has no line for these results.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:pactaudit:results:1"
    exclude-result-prefixes="r">

  <xsl:import href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:text>"dossier","commit","as_of","verdict","tiers","purposes","blockers","errors","warnings","needs_review","waived","decision","granted_gpu_hours","applicant","country","registry_id","call","machine","partition","gpu_hours"&#13;&#10;</xsl:text>
    <xsl:for-each select="$dossiers">
      <xsl:variable name="o" select="r:finding[not(@in-force = 'false')][not(@status = 'waived'
                                     or @status = 'baselined' or @status = 'needs-review')]"/>
      <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:dossier/@path)"/></xsl:call-template>
      <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:dossier/@commit)"/></xsl:call-template>
      <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:as-of)"/></xsl:call-template>
      <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:verdict)"/></xsl:call-template>
      <xsl:call-template name="csv">
        <xsl:with-param name="s">
          <xsl:for-each select="r:system">
            <xsl:value-of select="concat(normalize-space(@id), '=', normalize-space(@tier))"/>
            <xsl:if test="position() != last()">; </xsl:if>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="csv">
        <xsl:with-param name="s">
          <xsl:for-each select="r:system[@purpose]">
            <xsl:value-of select="concat(normalize-space(@id), ': ', normalize-space(@purpose))"/>
            <xsl:if test="position() != last()"> | </xsl:if>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="csv"><xsl:with-param name="s" select="count($o[@severity = 'blocker'])"/></xsl:call-template>
      <xsl:call-template name="csv"><xsl:with-param name="s" select="count($o[@severity = 'error'])"/></xsl:call-template>
      <xsl:call-template name="csv"><xsl:with-param name="s" select="count($o[@severity = 'warning'])"/></xsl:call-template>
      <xsl:call-template name="csv"><xsl:with-param name="s" select="count(r:finding[not(@in-force = 'false')][@status = 'needs-review'])"/></xsl:call-template>
      <xsl:call-template name="csv"><xsl:with-param name="s" select="count(r:finding[not(@in-force = 'false')][@status = 'waived'])"/></xsl:call-template>
      <xsl:call-template name="csv">
        <xsl:with-param name="s"><xsl:call-template name="decision-word"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="csv">
        <xsl:with-param name="s"><xsl:call-template name="granted"/></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="csv-who"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
