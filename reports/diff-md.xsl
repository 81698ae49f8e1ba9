<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  A diff of two results (urn:pactaudit:diff:1) as Markdown, the format "md"
  of `pactaudit diff` (for merge-request comments).  Every value goes
  through the "md" template of common.xsl, which escapes Markdown.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:pactaudit:diff:1"
    exclude-result-prefixes="d">

  <xsl:import href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="d" select="/d:diff"/>

  <xsl:template match="/">
    <xsl:text>## pactaudit diff&#10;&#10;</xsl:text>
    <xsl:text>Verdict: </xsl:text>
    <xsl:call-template name="md"><xsl:with-param name="s" select="string($d/d:old/@verdict)"/></xsl:call-template>
    <xsl:text> → </xsl:text>
    <xsl:call-template name="md"><xsl:with-param name="s" select="string($d/d:new/@verdict)"/></xsl:call-template>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:value-of select="concat('Findings: ', $d/d:findings/@new, ' new, ', $d/d:findings/@fixed,
        ' fixed, ', $d/d:findings/@unchanged, ' unchanged (', $d/d:findings/@changed,
        ' changed severity or status); ', $d/@failing, ' new at or above ', $d/@fail-on, '.&#10;&#10;')"/>
    <xsl:if test="$d/d:findings/d:finding">
      <xsl:text>| Change | Severity | Rule | Where | Message | Fingerprint |&#10;|---|---|---|---|---|---|&#10;</xsl:text>
      <xsl:for-each select="$d/d:findings/d:finding">
        <xsl:text>| </xsl:text><xsl:value-of select="@change"/>
        <xsl:text> | </xsl:text>
        <xsl:if test="@old-severity and @old-severity != @severity">
          <xsl:value-of select="concat(@old-severity, ' → ')"/>
        </xsl:if>
        <xsl:value-of select="@severity"/>
        <xsl:text> | </xsl:text>
        <xsl:call-template name="md"><xsl:with-param name="s" select="string(@rule)"/></xsl:call-template>
        <xsl:text> | </xsl:text>
        <xsl:call-template name="md"><xsl:with-param name="s" select="string(@path)"/></xsl:call-template>
        <xsl:if test="@line"><xsl:value-of select="concat(':', @line)"/></xsl:if>
        <xsl:text> | </xsl:text>
        <xsl:call-template name="md"><xsl:with-param name="s" select="string(d:message)"/></xsl:call-template>
        <xsl:text> | `</xsl:text><xsl:value-of select="substring(@fingerprint, 1, 12)"/>
        <xsl:text>` |&#10;</xsl:text>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:apply-templates select="$d/d:tiers | $d/d:signers | $d/d:commitments"/>
  </xsl:template>

  <xsl:template match="d:tiers | d:signers | d:commitments">
    <xsl:value-of select="concat('### ', local-name(), '&#10;&#10;')"/>
    <xsl:choose>
      <xsl:when test="@compared = 'false'">
        <xsl:text>Not compared: a side's dossier could not be read.&#10;&#10;</xsl:text>
      </xsl:when>
      <xsl:when test="not(*)">
        <xsl:text>No change.&#10;&#10;</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*">
          <xsl:value-of select="concat('- ', @change, ' ')"/>
          <xsl:call-template name="md"><xsl:with-param name="s" select="string(@key)"/></xsl:call-template>
          <xsl:if test="@label">
            <xsl:text> (</xsl:text>
            <xsl:call-template name="md"><xsl:with-param name="s" select="string(@label)"/></xsl:call-template>
            <xsl:text>)</xsl:text>
          </xsl:if>
          <xsl:text>: </xsl:text>
          <xsl:call-template name="md"><xsl:with-param name="s" select="string(@old)"/></xsl:call-template>
          <xsl:if test="@old and @new"><xsl:text> → </xsl:text></xsl:if>
          <xsl:call-template name="md"><xsl:with-param name="s" select="string(@new)"/></xsl:call-template>
          <xsl:text>&#10;</xsl:text>
        </xsl:for-each>
        <xsl:text>&#10;</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
