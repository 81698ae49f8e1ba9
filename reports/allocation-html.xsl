<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  The allocation plan (urn:pactaudit:allocation:1) as one self-contained
  HTML page, the format "html" of `pactaudit allocate`: the program passes
  reports/report.css as $css (inlined); a Content-Security-Policy allows no
  external load and no script.  Every value is written as text or
  attribute content, escaped by the serialiser; class names come from
  fixed lists, never from the input.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:a="urn:pactaudit:allocation:1"
    exclude-result-prefixes="a">

  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:param name="css" select="''"/>

  <xsl:variable name="plan" select="/a:allocation"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta http-equiv="Content-Security-Policy"
            content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="pactaudit"/>
        <title><xsl:value-of select="concat('Allocation plan: call ', $plan/@call)"/></title>
        <style><xsl:value-of select="$css"/></style>
      </head>
      <body>
        <header>
          <h1><xsl:value-of select="concat('Allocation plan: call ', $plan/@call)"/></h1>
          <p class="meta">
            <xsl:value-of select="concat($plan/a:totals/@funded, ' of ', $plan/a:totals/@applicants,
                ' applicants funded; ', $plan/a:totals/@granted, ' of ', $plan/a:totals/@gpu-hours,
                ' GPU-hours granted, ', $plan/a:totals/@left, ' left')"/>
          </p>
        </header>
        <main>
          <h2>Capacity</h2>
          <table class="overview">
            <thead>
              <tr><th>Machine</th><th>Partition</th><th>GPUs per node</th><th>GPU-hours</th>
                <th>Granted</th><th>Node-hours granted</th><th>Left</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="$plan/a:capacity">
                <tr>
                  <td><xsl:value-of select="@machine"/></td>
                  <td><xsl:value-of select="@partition"/></td>
                  <td><xsl:value-of select="@gpus-per-node"/></td>
                  <td><xsl:value-of select="@gpu-hours"/></td>
                  <td><xsl:value-of select="@granted"/></td>
                  <td><xsl:value-of select="@granted-node-hours"/></td>
                  <td><xsl:value-of select="@left"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          <h2>Applicants in rank order</h2>
          <table class="overview">
            <thead>
              <tr><th>Rank</th><th>Applicant</th><th>Verdict</th><th>Decision</th><th>Score</th>
                <th>Requested</th><th>Granted</th><th>Where</th><th>Why</th><th>Trace</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="$plan/a:applicant">
                <tr>
                  <xsl:attribute name="class">
                    <xsl:choose>
                      <xsl:when test="@outcome = 'granted'">granted</xsl:when>
                      <xsl:otherwise>excluded</xsl:otherwise>
                    </xsl:choose>
                  </xsl:attribute>
                  <td><xsl:value-of select="@rank"/></td>
                  <td><xsl:value-of select="@name"/><br/><code><xsl:value-of select="@dossier"/></code></td>
                  <td><xsl:value-of select="@verdict"/></td>
                  <td><xsl:value-of select="@decision"/></td>
                  <td>
                    <xsl:attribute name="title">
                      <xsl:for-each select="a:sub">
                        <xsl:value-of select="concat(@of, ' ', @value, ' x ', @weight, ' = ', @points)"/>
                        <xsl:if test="position() != last()">; </xsl:if>
                      </xsl:for-each>
                    </xsl:attribute>
                    <xsl:value-of select="@score"/>
                  </td>
                  <td><xsl:value-of select="@requested"/></td>
                  <td><xsl:value-of select="@granted"/></td>
                  <td>
                    <xsl:if test="@machine">
                      <xsl:value-of select="concat(@machine, '/', @partition, ' (', @node-hours, ' node-hours)')"/>
                    </xsl:if>
                  </td>
                  <td><xsl:value-of select="a:why"/></td>
                  <td>
                    <xsl:if test="a:trace">
                      <xsl:value-of select="a:trace/@kind"/>
                      <xsl:if test="a:trace/@ref">
                        <xsl:text> </xsl:text><code><xsl:value-of select="a:trace/@ref"/></code>
                      </xsl:if>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          <h2>Scoring</h2>
          <p>
            <xsl:text>Score = </xsl:text>
            <xsl:for-each select="$plan/a:policy/a:weight">
              <xsl:value-of select="concat(@value, ' x ', @of)"/>
              <xsl:if test="position() != last()"> + </xsl:if>
            </xsl:for-each>
            <xsl:text>; each sub-score 0 to 100: verdict (eligible 100, needs-changes 50),
              findings (100 less 20 per open error and 5 per open warning),
              signatures (the share of good signatures).  Ties: fewer GPU-hours wanted
              first, then the dossier identity.</xsl:text>
          </p>
        </main>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
