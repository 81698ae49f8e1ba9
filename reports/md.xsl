<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  Markdown report (GitHub-flavoured tables), the format "md".
  Every value from the results goes through the "md" template of
  common.xsl after normalize-space(), so no cell can break its table row
  and no value turns into markup.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:pactaudit:results:1"
    xmlns:a="urn:pactaudit:allocation:1"
    exclude-result-prefixes="r a">

  <xsl:import href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="auditor" select="''"/>

  <!-- A cell with s, or "—" when s is empty. -->
  <xsl:template name="cell-or-dash">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="normalize-space($s) != ''">
        <xsl:call-template name="cell"><xsl:with-param name="s" select="$s"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:text> — |</xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A table cell: " value |" -->
  <xsl:template name="cell">
    <xsl:param name="s"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="md">
      <xsl:with-param name="s" select="normalize-space($s)"/>
    </xsl:call-template>
    <xsl:text> |</xsl:text>
  </xsl:template>

  <!-- A list item "- Label: value" (nothing when value is empty). -->
  <xsl:template name="item">
    <xsl:param name="label"/>
    <xsl:param name="s"/>
    <xsl:if test="normalize-space($s) != ''">
      <xsl:value-of select="concat('- ', $label, ': ')"/>
      <xsl:call-template name="md">
        <xsl:with-param name="s" select="normalize-space($s)"/>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="/">
    <xsl:text># pactaudit report&#10;&#10;</xsl:text>
    <xsl:if test="$auditor != '' or $plan">
      <xsl:call-template name="item">
        <xsl:with-param name="label" select="'Prepared by'"/>
        <xsl:with-param name="s" select="$auditor"/>
      </xsl:call-template>
      <xsl:call-template name="item">
        <xsl:with-param name="label" select="'Allocation plan'"/>
        <xsl:with-param name="s">
          <xsl:if test="$plan">
            <xsl:value-of select="concat('call ', $plan/@call, ': ', $plan/a:totals/@funded, ' of ',
                                  $plan/a:totals/@applicants, ' applicants funded, ', $plan/a:totals/@granted,
                                  ' of ', $plan/a:totals/@gpu-hours, ' GPU-hours granted, ', $plan/a:totals/@left, ' left')"/>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:if test="count($dossiers) != 1">
      <xsl:text>| Dossier | Applicant | Country | Machine | GPU-hours | Verdict | Blockers | Errors | Warnings | Decision | Granted |&#10;</xsl:text>
      <xsl:text>|---|---|---|---|--:|---|--:|--:|--:|---|--:|&#10;</xsl:text>
      <xsl:for-each select="$dossiers">
        <xsl:variable name="open" select="r:finding[not(@in-force = 'false')][not(@status = 'waived'
                                          or @status = 'baselined' or @status = 'needs-review')]"/>
        <xsl:text>|</xsl:text>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="r:dossier/@path"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="r:applicant/@name"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="r:applicant/@country"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="r:request/@machine"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="r:request/@gpu-hours"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="r:verdict"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="count($open[@severity = 'blocker'])"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="count($open[@severity = 'error'])"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="count($open[@severity = 'warning'])"/></xsl:call-template>
        <xsl:call-template name="cell-or-dash">
          <xsl:with-param name="s"><xsl:call-template name="decision-word"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="cell-or-dash">
          <xsl:with-param name="s"><xsl:call-template name="granted"/></xsl:with-param>
        </xsl:call-template>
        <xsl:text>&#10;</xsl:text>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:if test="$plan/a:capacity">
      <xsl:text>| Machine | Partition | Capacity GPU-h | Granted GPU-h | Node-hours granted | Left GPU-h |&#10;</xsl:text>
      <xsl:text>|---|---|--:|--:|--:|--:|&#10;</xsl:text>
      <xsl:for-each select="$plan/a:capacity">
        <xsl:text>|</xsl:text>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="@machine"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="@partition"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="@gpu-hours"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="@granted"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="@granted-node-hours"/></xsl:call-template>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="@left"/></xsl:call-template>
        <xsl:text>&#10;</xsl:text>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:apply-templates select="$dossiers"/>
  </xsl:template>

  <xsl:template match="r:results">
    <xsl:text>## Dossier </xsl:text>
    <xsl:call-template name="md">
      <xsl:with-param name="s" select="normalize-space(r:dossier/@path)"/>
    </xsl:call-template>
    <xsl:text>&#10;&#10;</xsl:text>

    <xsl:variable name="verdict">
      <xsl:call-template name="verdict-word"/>
    </xsl:variable>
    <xsl:value-of select="concat('- Verdict: **', $verdict, '**&#10;')"/>
    <xsl:call-template name="item">
      <xsl:with-param name="label" select="'Applicant'"/>
      <xsl:with-param name="s">
        <xsl:value-of select="r:applicant/@name"/>
        <xsl:if test="r:applicant/@country"><xsl:value-of select="concat(' (', r:applicant/@country, ')')"/></xsl:if>
        <xsl:if test="r:applicant/@registry-id"><xsl:value-of select="concat(', registry id ', r:applicant/@registry-id)"/></xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="item">
      <xsl:with-param name="label" select="'Request'"/>
      <xsl:with-param name="s">
        <xsl:if test="r:request">
          <xsl:if test="r:request/@call"><xsl:value-of select="concat('call ', r:request/@call, ', ')"/></xsl:if>
          <xsl:value-of select="r:request/@machine"/>
          <xsl:if test="r:request/@partition"><xsl:value-of select="concat(' / ', r:request/@partition)"/></xsl:if>
          <xsl:if test="r:request/@gpu-hours"><xsl:value-of select="concat(', ', r:request/@gpu-hours, ' GPU-hours')"/></xsl:if>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="item">
      <xsl:with-param name="label" select="'Decision'"/>
      <xsl:with-param name="s">
        <xsl:variable name="d"><xsl:call-template name="decision-word"/></xsl:variable>
        <xsl:value-of select="$d"/>
        <xsl:if test="$d != '' and a:applicant/a:why and a:applicant/@commit = r:dossier/@commit
                      or $d != '' and a:applicant/a:why and not(a:applicant/@commit) and not(r:dossier/@commit)">
          <xsl:value-of select="concat(' — ', a:applicant/@outcome, ': ', a:applicant/a:why)"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="item">
      <xsl:with-param name="label" select="'Commit'"/>
      <xsl:with-param name="s">
        <xsl:choose>
          <xsl:when test="r:dossier/@commit"><xsl:value-of select="r:dossier/@commit"/></xsl:when>
          <xsl:otherwise>none</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="r:dossier/@rev or r:dossier/@mode">
          <xsl:text> (</xsl:text>
          <xsl:value-of select="r:dossier/@rev"/>
          <xsl:if test="r:dossier/@rev and r:dossier/@mode">, </xsl:if>
          <xsl:value-of select="r:dossier/@mode"/>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="item">
      <xsl:with-param name="label" select="'As of'"/>
      <xsl:with-param name="s" select="r:as-of"/>
    </xsl:call-template>
    <xsl:call-template name="item">
      <xsl:with-param name="label" select="'Trust'"/>
      <xsl:with-param name="s" select="r:dossier/@trust"/>
    </xsl:call-template>
    <xsl:call-template name="item">
      <xsl:with-param name="label" select="'Rules'"/>
      <xsl:with-param name="s" select="concat(r:rules/@version, ' (', r:tool/@name, ' ', r:tool/@version, ')')"/>
    </xsl:call-template>
    <xsl:text>&#10;### Systems&#10;&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="r:system">
        <xsl:text>| System | Tier | Purpose |&#10;|---|---|---|&#10;</xsl:text>
        <xsl:for-each select="r:system">
          <xsl:text>|</xsl:text>
          <xsl:call-template name="cell"><xsl:with-param name="s" select="@id"/></xsl:call-template>
          <xsl:call-template name="cell"><xsl:with-param name="s" select="@tier"/></xsl:call-template>
          <xsl:call-template name="cell"><xsl:with-param name="s" select="@purpose"/></xsl:call-template>
          <xsl:text>&#10;</xsl:text>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>None.&#10;</xsl:otherwise>
    </xsl:choose>

    <xsl:text>&#10;### Models&#10;&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="r:model">
        <xsl:text>| Model | GPAI |&#10;|---|---|&#10;</xsl:text>
        <xsl:for-each select="r:model">
          <xsl:text>|</xsl:text>
          <xsl:call-template name="cell"><xsl:with-param name="s" select="@id"/></xsl:call-template>
          <xsl:call-template name="cell"><xsl:with-param name="s" select="@gpai"/></xsl:call-template>
          <xsl:text>&#10;</xsl:text>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>None.&#10;</xsl:otherwise>
    </xsl:choose>

    <xsl:text>&#10;### Signatures&#10;&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="r:signature">
        <xsl:text>| Status | Object | Kind | Fingerprint |&#10;|---|---|---|---|&#10;</xsl:text>
        <xsl:for-each select="r:signature">
          <xsl:text>|</xsl:text>
          <xsl:call-template name="cell"><xsl:with-param name="s" select="@status"/></xsl:call-template>
          <xsl:call-template name="cell"><xsl:with-param name="s" select="@object"/></xsl:call-template>
          <xsl:call-template name="cell"><xsl:with-param name="s" select="@kind"/></xsl:call-template>
          <xsl:call-template name="cell"><xsl:with-param name="s" select="@fingerprint"/></xsl:call-template>
          <xsl:text>&#10;</xsl:text>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>None.&#10;</xsl:otherwise>
    </xsl:choose>

    <xsl:text>&#10;### Findings&#10;&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="r:finding[not(@in-force = 'false')]">
        <xsl:text>| Severity | Status | Rule | Location | Message | Reference | Remedy | Waiver |&#10;</xsl:text>
        <xsl:text>|---|---|---|---|---|---|---|---|&#10;</xsl:text>
        <xsl:call-template name="rows">
          <xsl:with-param name="findings" select="r:finding[not(@in-force = 'false')]"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>None.&#10;</xsl:otherwise>
    </xsl:choose>

    <xsl:if test="r:finding[@in-force = 'false']">
      <xsl:text>&#10;### Not yet in force&#10;&#10;</xsl:text>
      <xsl:text>| Severity | Status | Rule | Location | Message | Reference | Applies from | Waiver |&#10;</xsl:text>
      <xsl:text>|---|---|---|---|---|---|---|---|&#10;</xsl:text>
      <xsl:call-template name="rows">
        <xsl:with-param name="findings" select="r:finding[@in-force = 'false']"/>
      </xsl:call-template>
    </xsl:if>

    <xsl:text>&#10;**Summary:** </xsl:text>
    <xsl:call-template name="summary"/>
    <xsl:value-of select="concat('; verdict: ', $verdict, '&#10;')"/>
    <xsl:if test="position() != last()">
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="r:finding" mode="row">
    <xsl:text>|</xsl:text>
    <xsl:call-template name="cell"><xsl:with-param name="s" select="@severity"/></xsl:call-template>
    <xsl:call-template name="cell"><xsl:with-param name="s" select="@status"/></xsl:call-template>
    <xsl:call-template name="cell"><xsl:with-param name="s" select="@rule"/></xsl:call-template>
    <xsl:call-template name="cell">
      <xsl:with-param name="s"><xsl:call-template name="location"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="cell"><xsl:with-param name="s" select="r:message"/></xsl:call-template>
    <xsl:call-template name="cell"><xsl:with-param name="s" select="@ref"/></xsl:call-template>
    <xsl:choose>
      <xsl:when test="@in-force = 'false'">
        <xsl:call-template name="cell"><xsl:with-param name="s" select="@applies-from"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="cell"><xsl:with-param name="s" select="r:remedy"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="cell">
      <xsl:with-param name="s"><xsl:call-template name="waiver"/></xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
