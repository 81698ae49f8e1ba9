<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  HTML report, the format "html": one self-contained file (the program
  passes reports/report.css as the parameter $css, inlined in <style>; no
  script, no external resource).  Every value from the results is written
  as text or attribute content, escaped by the serialiser; class names are
  chosen from fixed lists, never copied from the input.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:pactaudit:results:1"
    exclude-result-prefixes="r">

  <xsl:import href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:param name="css" select="''"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="pactaudit"/>
        <title>
          <xsl:text>pactaudit report</xsl:text>
          <xsl:if test="count($dossiers) = 1">
            <xsl:value-of select="concat(': ', normalize-space($dossiers/r:dossier/@path))"/>
          </xsl:if>
        </title>
        <style><xsl:value-of select="$css"/></style>
      </head>
      <body>
        <header>
          <h1>pactaudit report</h1>
          <p class="meta">
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="count($dossiers)"/>
              <xsl:with-param name="one" select="'dossier'"/>
            </xsl:call-template>
            <xsl:if test="$dossiers[1]/r:as-of">
              <xsl:value-of select="concat(', as of ', normalize-space($dossiers[1]/r:as-of))"/>
            </xsl:if>
            <xsl:if test="$dossiers[1]/r:rules/@version">
              <xsl:value-of select="concat(', rules ', $dossiers[1]/r:rules/@version)"/>
            </xsl:if>
          </p>
        </header>
        <main>
          <xsl:if test="count($dossiers) != 1">
            <table class="overview">
              <thead>
                <tr><th>Dossier</th><th>Verdict</th><th>Blockers</th><th>Errors</th><th>Warnings</th></tr>
              </thead>
              <tbody>
                <xsl:for-each select="$dossiers">
                  <xsl:variable name="open" select="r:finding[not(@in-force = 'false')][not(@status = 'waived'
                                                    or @status = 'baselined' or @status = 'needs-review')]"/>
                  <tr>
                    <td><a class="path" href="#dossier-{position()}"><xsl:value-of select="r:dossier/@path"/></a></td>
                    <td><xsl:call-template name="verdict-badge"/></td>
                    <td><xsl:value-of select="count($open[@severity = 'blocker'])"/></td>
                    <td><xsl:value-of select="count($open[@severity = 'error'])"/></td>
                    <td><xsl:value-of select="count($open[@severity = 'warning'])"/></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </xsl:if>
          <xsl:apply-templates select="$dossiers"/>
        </main>
        <footer>
          <xsl:text>Rendered by </xsl:text>
          <xsl:value-of select="concat($dossiers[1]/r:tool/@name, ' ', $dossiers[1]/r:tool/@version)"/>
          <xsl:text> from its results (urn:pactaudit:results:1). A check against rules, not legal advice.</xsl:text>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="verdict-badge">
    <xsl:variable name="v">
      <xsl:call-template name="verdict-word"/>
    </xsl:variable>
    <span class="badge verdict-{$v}"><xsl:value-of select="$v"/></span>
  </xsl:template>

  <xsl:template match="r:results">
    <section class="dossier" id="dossier-{position()}">
      <h2>
        <span class="path"><xsl:value-of select="r:dossier/@path"/></span>
        <xsl:call-template name="verdict-badge"/>
      </h2>
      <dl class="facts">
        <dt>Commit</dt>
        <dd>
          <xsl:choose>
            <xsl:when test="r:dossier/@commit"><code><xsl:value-of select="r:dossier/@commit"/></code></xsl:when>
            <xsl:otherwise>none</xsl:otherwise>
          </xsl:choose>
          <xsl:if test="r:dossier/@rev or r:dossier/@mode">
            <xsl:text> (</xsl:text>
            <xsl:value-of select="r:dossier/@rev"/>
            <xsl:if test="r:dossier/@rev and r:dossier/@mode">, </xsl:if>
            <xsl:value-of select="r:dossier/@mode"/>
            <xsl:text>)</xsl:text>
          </xsl:if>
        </dd>
        <dt>As of</dt><dd><xsl:value-of select="r:as-of"/></dd>
        <dt>Trust</dt><dd><xsl:value-of select="r:dossier/@trust"/></dd>
        <dt>Rules</dt>
        <dd>
          <xsl:value-of select="r:rules/@version"/>
          <xsl:if test="r:rules/@digest">
            <xsl:text> </xsl:text>
            <code title="SHA-256 of the rule packs"><xsl:value-of select="substring(r:rules/@digest, 1, 12)"/></code>
          </xsl:if>
        </dd>
      </dl>

      <div class="grid">
        <div>
          <h3>Systems</h3>
          <xsl:choose>
            <xsl:when test="r:system">
              <table class="systems">
                <thead><tr><th>System</th><th>Risk tier</th></tr></thead>
                <tbody>
                  <xsl:for-each select="r:system">
                    <tr>
                      <td><xsl:value-of select="@id"/></td>
                      <td>
                        <xsl:attribute name="class">
                          <xsl:choose>
                            <xsl:when test="@tier = 'prohibited'">tier tier-prohibited</xsl:when>
                            <xsl:when test="@tier = 'high'">tier tier-high</xsl:when>
                            <xsl:otherwise>tier</xsl:otherwise>
                          </xsl:choose>
                        </xsl:attribute>
                        <xsl:value-of select="@tier"/>
                      </td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </xsl:when>
            <xsl:otherwise><p>None.</p></xsl:otherwise>
          </xsl:choose>
        </div>
        <div>
          <h3>Models</h3>
          <xsl:choose>
            <xsl:when test="r:model">
              <table class="models">
                <thead><tr><th>Model</th><th>GPAI status</th></tr></thead>
                <tbody>
                  <xsl:for-each select="r:model">
                    <tr><td><xsl:value-of select="@id"/></td><td><xsl:value-of select="@gpai"/></td></tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </xsl:when>
            <xsl:otherwise><p>None.</p></xsl:otherwise>
          </xsl:choose>
        </div>
      </div>

      <h3>Signatures</h3>
      <xsl:choose>
        <xsl:when test="r:signature">
          <table class="signatures">
            <thead><tr><th>Status</th><th>Object</th><th>Kind</th><th>Fingerprint</th></tr></thead>
            <tbody>
              <xsl:for-each select="r:signature">
                <tr>
                  <td>
                    <xsl:attribute name="class">
                      <xsl:choose>
                        <xsl:when test="@status = 'good'">sig-good</xsl:when>
                        <xsl:otherwise>sig-bad</xsl:otherwise>
                      </xsl:choose>
                    </xsl:attribute>
                    <xsl:value-of select="@status"/>
                  </td>
                  <td><xsl:value-of select="@object"/></td>
                  <td><xsl:value-of select="@kind"/></td>
                  <td><code><xsl:value-of select="@fingerprint"/></code></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p>None.</p></xsl:otherwise>
      </xsl:choose>

      <h3>Findings</h3>
      <xsl:choose>
        <xsl:when test="r:finding[not(@in-force = 'false')]">
          <xsl:call-template name="findings-table">
            <xsl:with-param name="findings" select="r:finding[not(@in-force = 'false')]"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><p>None.</p></xsl:otherwise>
      </xsl:choose>

      <xsl:if test="r:finding[@in-force = 'false']">
        <h3>Not yet in force</h3>
        <xsl:call-template name="findings-table">
          <xsl:with-param name="findings" select="r:finding[@in-force = 'false']"/>
        </xsl:call-template>
      </xsl:if>

      <p class="summary">
        <xsl:call-template name="summary"/>
      </p>
    </section>
  </xsl:template>

  <xsl:template name="findings-table">
    <xsl:param name="findings"/>
    <table class="findings">
      <thead>
        <tr><th>Severity</th><th>Status</th><th>Rule</th><th>Location</th><th>Finding</th><th>Remedy</th><th>Waiver</th></tr>
      </thead>
      <tbody>
        <xsl:call-template name="rows">
          <xsl:with-param name="findings" select="$findings"/>
        </xsl:call-template>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="r:finding" mode="row">
    <tr>
      <xsl:if test="@status = 'waived' or @status = 'baselined'">
        <xsl:attribute name="class">suppressed</xsl:attribute>
      </xsl:if>
      <td>
        <span>
          <xsl:attribute name="class">
            <xsl:choose>
              <xsl:when test="@severity = 'blocker'">badge sev-blocker</xsl:when>
              <xsl:when test="@severity = 'error'">badge sev-error</xsl:when>
              <xsl:when test="@severity = 'warning'">badge sev-warning</xsl:when>
              <xsl:when test="@severity = 'info'">badge sev-info</xsl:when>
              <xsl:otherwise>badge</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:value-of select="@severity"/>
        </span>
      </td>
      <td>
        <xsl:value-of select="@status"/>
        <xsl:if test="@in-force = 'false'">
          <br/>
          <xsl:value-of select="concat('applies from ', @applies-from)"/>
        </xsl:if>
      </td>
      <td><code><xsl:value-of select="@rule"/></code></td>
      <td class="path"><xsl:call-template name="location"/></td>
      <td class="message">
        <xsl:value-of select="r:message"/>
        <xsl:if test="@ref">
          <xsl:text> </xsl:text>
          <span class="ref"><xsl:value-of select="concat('(', @ref, ')')"/></span>
        </xsl:if>
      </td>
      <td class="remedy"><xsl:value-of select="normalize-space(r:remedy)"/></td>
      <td class="waiver"><xsl:call-template name="waiver"/></td>
    </tr>
  </xsl:template>

</xsl:stylesheet>
