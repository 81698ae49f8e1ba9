<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  A diff of two results (urn:pactaudit:diff:1) as one self-contained HTML
  page, the format "html" of `pactaudit diff`: report.css inlined as $css,
  a Content-Security-Policy that allows no external load and no script;
  every value written as text or attribute content, escaped by the
  serialiser; class names from fixed lists only.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:pactaudit:diff:1"
    exclude-result-prefixes="d">

  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:param name="css" select="''"/>

  <xsl:variable name="d" select="/d:diff"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta http-equiv="Content-Security-Policy"
            content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="pactaudit"/>
        <title>pactaudit diff</title>
        <style><xsl:value-of select="$css"/></style>
      </head>
      <body>
        <header>
          <h1>pactaudit diff</h1>
          <p class="meta">
            <xsl:value-of select="concat($d/d:old/@path, ' ', substring($d/d:old/@commit, 1, 12),
                ' → ', $d/d:new/@path, ' ', substring($d/d:new/@commit, 1, 12))"/>
          </p>
          <p>
            <xsl:value-of select="concat('Verdict: ', $d/d:old/@verdict, ' → ', $d/d:new/@verdict,
                '. Findings: ', $d/d:findings/@new, ' new, ', $d/d:findings/@fixed, ' fixed, ',
                $d/d:findings/@unchanged, ' unchanged (', $d/d:findings/@changed, ' changed); ',
                $d/@failing, ' new at or above ', $d/@fail-on, '.')"/>
          </p>
        </header>
        <main>
          <table class="overview">
            <thead>
              <tr><th>Change</th><th>Severity</th><th>Rule</th><th>Where</th><th>Message</th><th>Fingerprint</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="$d/d:findings/d:finding">
                <tr>
                  <xsl:attribute name="class">
                    <xsl:choose>
                      <xsl:when test="@change = 'new'">new</xsl:when>
                      <xsl:when test="@change = 'fixed'">fixed</xsl:when>
                      <xsl:otherwise>changed</xsl:otherwise>
                    </xsl:choose>
                  </xsl:attribute>
                  <td><xsl:value-of select="@change"/></td>
                  <td>
                    <xsl:if test="@old-severity and @old-severity != @severity">
                      <xsl:value-of select="concat(@old-severity, ' → ')"/>
                    </xsl:if>
                    <xsl:value-of select="@severity"/>
                  </td>
                  <td><xsl:value-of select="@rule"/></td>
                  <td><xsl:value-of select="@path"/><xsl:if test="@line">:<xsl:value-of select="@line"/></xsl:if></td>
                  <td><xsl:value-of select="d:message"/></td>
                  <td><code><xsl:value-of select="@fingerprint"/></code></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          <xsl:apply-templates select="$d/d:tiers | $d/d:signers | $d/d:commitments"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="d:tiers | d:signers | d:commitments">
    <h2><xsl:value-of select="local-name()"/></h2>
    <xsl:choose>
      <xsl:when test="@compared = 'false'"><p>Not compared: a side's dossier could not be read.</p></xsl:when>
      <xsl:when test="not(*)"><p>No change.</p></xsl:when>
      <xsl:otherwise>
        <ul>
          <xsl:for-each select="*">
            <li>
              <xsl:value-of select="concat(@change, ' ', @key)"/>
              <xsl:if test="@label"><xsl:value-of select="concat(' (', @label, ')')"/></xsl:if>
              <xsl:text>: </xsl:text>
              <xsl:value-of select="@old"/>
              <xsl:if test="@old and @new"> → </xsl:if>
              <xsl:value-of select="@new"/>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
