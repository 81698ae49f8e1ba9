<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  The board report, the format "html": one self-contained file for an
  allocation board.  First a call overview (who applies for what and how
  each stands, totals per machine, three inline SVG charts), then one
  collapsible section per applicant, then the rules cited.

  The program passes reports/report.css as $css and reports/report.js as
  $js (inlined), the SHA-256 of the script as $js-hash (base64, for the
  Content-Security-Policy), the generation time as $generated and, with
  \-\-auditor, who prepared the report as $auditor.  With \-\-plan, the
  allocation plan is in the input (see $plan in common.xsl): decisions,
  granted hours and capacity per machine are then shown, else "—".  The
  policy allows no load at all: default-src 'none'; the script only by its
  hash; inline style by 'unsafe-inline' (style attributes cannot be
  hashed in CSP level 2 browsers, and the bars of the charts are sized by
  SVG attributes, not by style, so no dossier string reaches CSS).  The
  report reads fully without the script: it only adds sorting and
  filtering, and opens every section before printing.

  Every value from the results is written as text or attribute content,
  escaped by the serialiser; class names are chosen from fixed lists.
  Every lookup across findings goes through xsl:key, so the time grows
  linearly with the findings (no scan per row).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:pactaudit:results:1"
    xmlns:a="urn:pactaudit:allocation:1"
    exclude-result-prefixes="r a">

  <xsl:import href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:param name="css" select="''"/>
  <xsl:param name="js" select="''"/>
  <xsl:param name="js-hash" select="''"/>
  <xsl:param name="generated" select="''"/>
  <xsl:param name="auditor" select="''"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="eurlex" select="'https://eur-lex.europa.eu/eli/reg/2024/1689/oj'"/>

  <!-- Dossiers by requested machine; findings in force by article, by rule. -->
  <xsl:key name="by-machine" match="r:results" use="normalize-space(r:request/@machine)"/>
  <xsl:key name="by-article" match="r:finding[not(@in-force = 'false')]"
      use="concat(substring-before(concat(@ref, ' '), ' '), ' ',
           substring-before(concat(translate(substring-after(@ref, ' '), '(,;', '   '), ' '), ' '))"/>
  <xsl:key name="by-rule" match="r:finding" use="@rule"/>
  <!-- The plan's partitions by machine, and its own lines (not their copies) by requested machine. -->
  <xsl:key name="cap-by-machine" match="a:capacity" use="@machine"/>
  <xsl:key name="line-by-machine" match="a:allocation/a:applicant"
      use="translate(@requested-machine, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>

  <xsl:variable name="in-force" select="$dossiers/r:finding[not(@in-force = 'false')]"/>
  <xsl:variable name="open" select="$in-force[not(@status = 'waived' or @status = 'baselined'
                                    or @status = 'needs-review')]"/>
  <xsl:variable name="calls" select="$dossiers/r:request/@call"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy">
          <xsl:attribute name="content">
            <xsl:text>default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'</xsl:text>
            <xsl:if test="$js-hash != ''">
              <xsl:value-of select="concat(&quot;; script-src 'sha256-&quot;, $js-hash, &quot;'&quot;)"/>
            </xsl:if>
          </xsl:attribute>
        </meta>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="pactaudit"/>
        <title>
          <xsl:call-template name="title"/>
        </title>
        <style><xsl:value-of select="$css"/></style>
      </head>
      <body>
        <header>
          <h1><xsl:call-template name="title"/></h1>
          <p class="meta">
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="count($dossiers)"/>
              <xsl:with-param name="one" select="'applicant'"/>
            </xsl:call-template>
            <xsl:if test="$dossiers[1]/r:as-of">
              <xsl:value-of select="concat(' · obligations as of ', normalize-space($dossiers[1]/r:as-of))"/>
            </xsl:if>
            <xsl:if test="$generated != ''">
              <xsl:value-of select="concat(' · generated ', $generated)"/>
            </xsl:if>
            <xsl:if test="$auditor != ''">
              <xsl:value-of select="concat(' · prepared by ', $auditor)"/>
            </xsl:if>
            <xsl:if test="$plan">
              <xsl:value-of select="concat(' · allocation plan of call ', $plan/@call)"/>
            </xsl:if>
            <xsl:value-of select="concat(' · ', $dossiers[1]/r:tool/@name, ' ', $dossiers[1]/r:tool/@version)"/>
            <xsl:if test="$dossiers[1]/r:rules/@version">
              <xsl:value-of select="concat(' · rules ', $dossiers[1]/r:rules/@version)"/>
            </xsl:if>
          </p>
        </header>
        <main>
          <xsl:call-template name="overview"/>
          <xsl:call-template name="charts"/>
          <h2 class="part">Applicants</h2>
          <xsl:apply-templates select="$dossiers"/>
          <xsl:call-template name="rules-cited"/>
        </main>
        <footer>
          <xsl:text>Rendered by </xsl:text>
          <xsl:value-of select="concat($dossiers[1]/r:tool/@name, ' ', $dossiers[1]/r:tool/@version)"/>
          <xsl:text> from its results (urn:pactaudit:results:1). A check against rules, not legal advice. </xsl:text>
          <xsl:choose>
            <xsl:when test="$plan">
              <xsl:value-of select="concat('Decisions, granted hours and capacity from the allocation plan of call ', $plan/@call, ' (urn:pactaudit:allocation:1).')"/>
            </xsl:when>
            <xsl:otherwise>Decisions and granted hours are shown as — until an allocation plan is given (report --plan).</xsl:otherwise>
          </xsl:choose>
        </footer>
        <xsl:if test="$js != ''">
          <script><xsl:value-of select="$js"/></script>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="title">
    <xsl:text>Board report</xsl:text>
    <xsl:choose>
      <xsl:when test="$calls and not($calls[. != $calls[1]])">
        <xsl:value-of select="concat(' — call ', normalize-space($calls[1]))"/>
      </xsl:when>
      <xsl:when test="count($dossiers) = 1">
        <xsl:value-of select="concat(' — ', normalize-space($dossiers/r:dossier/@path))"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- GPU-hours as a number, or 0 when absent or not a number. -->
  <xsl:template name="hours">
    <xsl:param name="h" select="r:request/@gpu-hours"/>
    <xsl:choose>
      <xsl:when test="string(number($h)) != 'NaN'"><xsl:value-of select="number($h)"/></xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="fmt-hours">
    <xsl:param name="h"/>
    <xsl:choose>
      <xsl:when test="string(number($h)) != 'NaN'"><xsl:value-of select="format-number($h, '#,##0')"/></xsl:when>
      <xsl:otherwise>—</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ the call overview ============ -->

  <xsl:template name="overview">
    <section class="overview" id="overview">
      <h2 class="part">Call overview</h2>
      <ul class="cards">
        <li><b><xsl:value-of select="count($dossiers)"/></b> applicants</li>
        <li><b>
          <xsl:call-template name="fmt-hours">
            <xsl:with-param name="h" select="sum($dossiers/r:request/@gpu-hours[string(number(.)) != 'NaN'])"/>
          </xsl:call-template>
        </b> GPU-hours requested</li>
        <li class="v-eligible"><b><xsl:value-of select="count($dossiers[normalize-space(r:verdict) = 'eligible'])"/></b> eligible</li>
        <li class="v-needs-changes"><b><xsl:value-of select="count($dossiers[normalize-space(r:verdict) = 'needs-changes'])"/></b> need changes</li>
        <li class="v-ineligible"><b><xsl:value-of select="count($dossiers[normalize-space(r:verdict) = 'ineligible'])"/></b> ineligible</li>
        <xsl:if test="$plan">
          <li><b><xsl:value-of select="$plan/a:totals/@funded"/></b> funded</li>
          <li><b>
            <xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="$plan/a:totals/@granted"/></xsl:call-template>
          </b> of <xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="$plan/a:totals/@gpu-hours"/></xsl:call-template>
          GPU-hours granted</li>
        </xsl:if>
      </ul>
      <div class="table-wrap">
        <table class="applicants sortable" id="applicants">
          <thead>
            <tr>
              <th scope="col">Applicant</th>
              <th scope="col">Country</th>
              <th scope="col">Machine</th>
              <th scope="col" class="num">Requested GPU-h</th>
              <th scope="col">Tiers</th>
              <th scope="col">Verdict</th>
              <th scope="col" class="num">Blockers</th>
              <th scope="col" class="num">Errors</th>
              <th scope="col" class="num">Warnings</th>
              <th scope="col">Decision</th>
              <th scope="col" class="num">Granted GPU-h</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$dossiers">
              <xsl:variable name="o" select="r:finding[not(@in-force = 'false')][not(@status = 'waived'
                                             or @status = 'baselined' or @status = 'needs-review')]"/>
              <xsl:variable name="h"><xsl:call-template name="hours"/></xsl:variable>
              <xsl:variable name="v"><xsl:call-template name="verdict-word"/></xsl:variable>
              <tr data-verdict="{$v}">
                <td>
                  <a href="#dossier-{position()}"><xsl:call-template name="applicant-name"/></a>
                  <xsl:if test="r:applicant/@registry-id">
                    <span class="sub id"><xsl:value-of select="r:applicant/@registry-id"/></span>
                  </xsl:if>
                </td>
                <td><xsl:value-of select="r:applicant/@country"/></td>
                <td>
                  <span class="id"><xsl:value-of select="r:request/@machine"/></span>
                  <xsl:if test="r:request/@partition">
                    <span class="sub id"><xsl:value-of select="r:request/@partition"/></span>
                  </xsl:if>
                </td>
                <td class="num" data-sort="{$h}">
                  <xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="r:request/@gpu-hours"/></xsl:call-template>
                </td>
                <td><xsl:call-template name="tiers"/></td>
                <td data-sort="{3 * ($v = 'ineligible') + 2 * ($v = 'needs-changes') + 1 * ($v = 'eligible')}">
                  <xsl:call-template name="verdict-badge"/>
                </td>
                <td class="num"><xsl:value-of select="count($o[@severity = 'blocker'])"/></td>
                <td class="num"><xsl:value-of select="count($o[@severity = 'error'])"/></td>
                <td class="num"><xsl:value-of select="count($o[@severity = 'warning'])"/></td>
                <xsl:call-template name="decision-cells"/>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <h3>Requested GPU-hours per machine</h3>
      <div class="table-wrap">
        <table class="machines">
          <thead>
            <tr>
              <th scope="col">Machine</th><th scope="col" class="num">Applicants</th>
              <th scope="col" class="num">Requested GPU-h</th>
              <th scope="col" class="num">of which eligible</th>
              <th scope="col" class="num">Granted GPU-h</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$dossiers[generate-id() = generate-id(key('by-machine', normalize-space(r:request/@machine))[1])]">
              <xsl:sort select="normalize-space(r:request/@machine)"/>
              <xsl:variable name="m" select="key('by-machine', normalize-space(r:request/@machine))"/>
              <tr>
                <td class="id">
                  <xsl:choose>
                    <xsl:when test="normalize-space(r:request/@machine) != ''"><xsl:value-of select="normalize-space(r:request/@machine)"/></xsl:when>
                    <xsl:otherwise>(none stated)</xsl:otherwise>
                  </xsl:choose>
                </td>
                <td class="num"><xsl:value-of select="count($m)"/></td>
                <td class="num">
                  <xsl:call-template name="fmt-hours">
                    <xsl:with-param name="h" select="sum($m/r:request/@gpu-hours[string(number(.)) != 'NaN'])"/>
                  </xsl:call-template>
                </td>
                <td class="num">
                  <xsl:call-template name="fmt-hours">
                    <xsl:with-param name="h" select="sum($m[normalize-space(r:verdict) = 'eligible']/r:request/@gpu-hours[string(number(.)) != 'NaN'])"/>
                  </xsl:call-template>
                </td>
                <xsl:call-template name="granted-sum"><xsl:with-param name="of" select="$m"/></xsl:call-template>
              </tr>
            </xsl:for-each>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All machines</th>
              <td class="num"><xsl:value-of select="count($dossiers)"/></td>
              <td class="num">
                <xsl:call-template name="fmt-hours">
                  <xsl:with-param name="h" select="sum($dossiers/r:request/@gpu-hours[string(number(.)) != 'NaN'])"/>
                </xsl:call-template>
              </td>
              <td class="num">
                <xsl:call-template name="fmt-hours">
                  <xsl:with-param name="h" select="sum($dossiers[normalize-space(r:verdict) = 'eligible']/r:request/@gpu-hours[string(number(.)) != 'NaN'])"/>
                </xsl:call-template>
              </td>
              <xsl:call-template name="granted-sum"><xsl:with-param name="of" select="$dossiers"/></xsl:call-template>
            </tr>
          </tfoot>
        </table>
      </div>
      <xsl:if test="$plan">
        <xsl:call-template name="capacity"/>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- The decision and granted cells of an overview row (the current <results>). -->
  <xsl:template name="decision-cells">
    <xsl:variable name="d"><xsl:call-template name="decision-word"/></xsl:variable>
    <xsl:variable name="g"><xsl:call-template name="granted"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$d = ''">
        <td class="pending">—</td>
        <td class="num pending" data-sort="0">—</td>
      </xsl:when>
      <xsl:otherwise>
        <td>
          <xsl:attribute name="class">
            <xsl:choose>
              <xsl:when test="$d = 'approve'">decision decision-approve</xsl:when>
              <xsl:when test="$d = 'reject'">decision decision-reject</xsl:when>
              <xsl:when test="$d = 'request-changes'">decision decision-changes</xsl:when>
              <xsl:otherwise>decision pending</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:value-of select="$d"/>
          <xsl:if test="$g != '' and a:applicant/@outcome != 'granted'">
            <xsl:text> </xsl:text><span class="sub"><xsl:value-of select="a:applicant/@outcome"/></span>
          </xsl:if>
        </td>
        <xsl:choose>
          <xsl:when test="$g != ''">
            <td class="num" data-sort="{number($g)}">
              <xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="$g"/></xsl:call-template>
              <xsl:if test="a:applicant/@outcome = 'granted'">
                <xsl:text> </xsl:text>
                <span class="sub id"><xsl:value-of select="concat(a:applicant/@machine, '/', a:applicant/@partition)"/></span>
              </xsl:if>
            </td>
          </xsl:when>
          <xsl:otherwise><td class="num pending" data-sort="0">—</td></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The GPU-hours granted to a set of <results> by the plan (lines for their commits only). -->
  <xsl:template name="granted-sum">
    <xsl:param name="of"/>
    <xsl:choose>
      <xsl:when test="$plan">
        <td class="num">
          <xsl:call-template name="fmt-hours">
            <xsl:with-param name="h"><xsl:call-template name="granted-of"><xsl:with-param name="of" select="$of"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </td>
      </xsl:when>
      <xsl:otherwise><td class="num pending">—</td></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    The sum of the "granted" template over a set of <results>, split in
    halves (depth log n, time n log n): XPath 1.0 cannot sum a value that
    depends on each line's own <results>.
  -->
  <xsl:template name="granted-of">
    <xsl:param name="of"/>
    <xsl:variable name="n" select="count($of)"/>
    <xsl:choose>
      <xsl:when test="$n = 0">0</xsl:when>
      <xsl:when test="$n = 1">
        <xsl:for-each select="$of">
          <xsl:variable name="g"><xsl:call-template name="granted"/></xsl:variable>
          <xsl:value-of select="number(concat('0', $g))"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="h" select="floor($n div 2)"/>
        <xsl:variable name="x">
          <xsl:call-template name="granted-of"><xsl:with-param name="of" select="$of[position() &lt;= $h]"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="y">
          <xsl:call-template name="granted-of"><xsl:with-param name="of" select="$of[position() &gt; $h]"/></xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="$x + $y"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The call's capacity per machine and partition, from the plan. -->
  <xsl:template name="capacity">
    <h3>Capacity of the call (allocation plan)</h3>
    <div class="table-wrap">
      <table class="capacity">
        <thead>
          <tr>
            <th scope="col">Machine</th><th scope="col">Partition</th>
            <th scope="col" class="num">GPUs per node</th>
            <th scope="col" class="num">Capacity GPU-h</th>
            <th scope="col" class="num">Granted GPU-h</th>
            <th scope="col" class="num">Node-hours granted</th>
            <th scope="col" class="num">Left GPU-h</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$plan/a:capacity">
            <tr>
              <td class="id"><xsl:value-of select="@machine"/></td>
              <td class="id"><xsl:value-of select="@partition"/></td>
              <td class="num"><xsl:value-of select="@gpus-per-node"/></td>
              <td class="num"><xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="@gpu-hours"/></xsl:call-template></td>
              <td class="num"><xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="@granted"/></xsl:call-template></td>
              <td class="num"><xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="@granted-node-hours"/></xsl:call-template></td>
              <td class="num"><xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="@left"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="3">The call</th>
            <td class="num"><xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="$plan/a:totals/@gpu-hours"/></xsl:call-template></td>
            <td class="num"><xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="$plan/a:totals/@granted"/></xsl:call-template></td>
            <td class="num"><xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="sum($plan/a:capacity/@granted-node-hours)"/></xsl:call-template></td>
            <td class="num"><xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="$plan/a:totals/@left"/></xsl:call-template></td>
          </tr>
        </tfoot>
      </table>
    </div>
  </xsl:template>

  <xsl:template name="applicant-name">
    <xsl:choose>
      <xsl:when test="normalize-space(r:applicant/@name) != ''"><xsl:value-of select="r:applicant/@name"/></xsl:when>
      <xsl:otherwise><span class="path"><xsl:value-of select="r:dossier/@path"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The distinct tiers of a dossier's systems, most severe first. -->
  <xsl:template name="tiers">
    <xsl:for-each select="(r:system[@tier = 'prohibited'])[1] | (r:system[@tier = 'high'])[1]
                          | (r:system[@tier = 'limited'])[1] | (r:system[@tier = 'minimal'])[1]">
      <xsl:sort select="4 * (@tier = 'minimal') + 3 * (@tier = 'limited') + 2 * (@tier = 'high')" data-type="number"/>
      <span>
        <xsl:attribute name="class">
          <xsl:choose>
            <xsl:when test="@tier = 'prohibited'">tier tier-prohibited</xsl:when>
            <xsl:when test="@tier = 'high'">tier tier-high</xsl:when>
            <xsl:otherwise>tier</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:value-of select="@tier"/>
      </span>
      <xsl:if test="position() != last()"><xsl:text> </xsl:text></xsl:if>
    </xsl:for-each>
    <xsl:if test="r:model[@gpai = 'systemic'] or r:system[@gpai = 'systemic']">
      <xsl:text> </xsl:text><span class="tier tier-high">GPAI systemic</span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="verdict-badge">
    <xsl:variable name="v">
      <xsl:call-template name="verdict-word"/>
    </xsl:variable>
    <span class="badge verdict-{$v}"><xsl:value-of select="$v"/></span>
  </xsl:template>

  <!-- The Decision fact of an applicant's section, from the plan. -->
  <xsl:template name="decision-facts">
    <xsl:variable name="d"><xsl:call-template name="decision-word"/></xsl:variable>
    <xsl:variable name="l" select="a:applicant"/>
    <xsl:choose>
      <xsl:when test="$d = ''"><dd class="pending">— (no allocation plan given)</dd></xsl:when>
      <xsl:when test="not($l)"><dd class="pending">not in the allocation plan of call <xsl:value-of select="$plan/@call"/></dd></xsl:when>
      <xsl:when test="$d = 'plan for another commit'">
        <dd class="pending">
          <xsl:text>the allocation plan is about commit </xsl:text>
          <code title="{$l/@commit}"><xsl:value-of select="substring($l/@commit, 1, 12)"/></code>
          <xsl:text>, not the commit of these results</xsl:text>
        </dd>
      </xsl:when>
      <xsl:otherwise>
        <dd>
          <b><xsl:value-of select="$d"/></b>
          <xsl:if test="$l/@decision-commit">
            <xsl:text> (ledger commit </xsl:text>
            <code title="{$l/@decision-commit}"><xsl:value-of select="substring($l/@decision-commit, 1, 12)"/></code>
            <xsl:text>)</xsl:text>
          </xsl:if>
          <xsl:value-of select="concat('; rank ', $l/@rank, ', score ', $l/@score, ', ')"/>
          <xsl:value-of select="$l/@outcome"/>
          <xsl:text>: </xsl:text>
          <xsl:value-of select="$l/a:why"/>
          <xsl:if test="$l/a:trace/@kind = 'finding' and $l/a:trace/@ref">
            <xsl:value-of select="concat(' (', $l/a:trace/@kind, ' ')"/>
            <code title="{$l/a:trace/@ref}"><xsl:value-of select="substring($l/a:trace/@ref, 1, 12)"/></code>
            <xsl:text>)</xsl:text>
          </xsl:if>
        </dd>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ charts (inline SVG, sized by attributes) ============ -->

  <xsl:template name="charts">
    <section class="charts" aria-label="Charts">
      <xsl:if test="$plan">
        <xsl:call-template name="capacity-chart"/>
      </xsl:if>
      <figure>
        <figcaption>Requested GPU-hours per machine</figcaption>
        <xsl:variable name="groups" select="$dossiers[generate-id() = generate-id(key('by-machine', normalize-space(r:request/@machine))[1])]"/>
        <xsl:variable name="max">
          <xsl:for-each select="$groups">
            <xsl:sort select="sum(key('by-machine', normalize-space(r:request/@machine))/r:request/@gpu-hours[string(number(.)) != 'NaN'])"
                data-type="number" order="descending"/>
            <xsl:if test="position() = 1">
              <xsl:value-of select="sum(key('by-machine', normalize-space(r:request/@machine))/r:request/@gpu-hours[string(number(.)) != 'NaN'])"/>
            </xsl:if>
          </xsl:for-each>
        </xsl:variable>
        <svg viewBox="0 0 360 {8 + 26 * count($groups)}" width="100%" role="img">
          <title>Requested GPU-hours per machine</title>
          <xsl:for-each select="$groups">
            <xsl:sort select="normalize-space(r:request/@machine)"/>
            <xsl:variable name="sum" select="sum(key('by-machine', normalize-space(r:request/@machine))/r:request/@gpu-hours[string(number(.)) != 'NaN'])"/>
            <xsl:call-template name="bar">
              <xsl:with-param name="i" select="position() - 1"/>
              <xsl:with-param name="label" select="normalize-space(r:request/@machine)"/>
              <xsl:with-param name="value" select="$sum"/>
              <xsl:with-param name="max" select="$max"/>
              <xsl:with-param name="cls" select="'bar-hours'"/>
            </xsl:call-template>
          </xsl:for-each>
        </svg>
      </figure>
      <figure>
        <figcaption>Verdicts across the call</figcaption>
        <xsl:variable name="ne" select="count($dossiers[normalize-space(r:verdict) = 'eligible'])"/>
        <xsl:variable name="nn" select="count($dossiers[normalize-space(r:verdict) = 'needs-changes'])"/>
        <xsl:variable name="ni" select="count($dossiers[normalize-space(r:verdict) = 'ineligible'])"/>
        <xsl:variable name="vmax" select="($ne &gt;= $nn and $ne &gt;= $ni) * $ne + ($nn &gt; $ne and $nn &gt;= $ni) * $nn
                                          + ($ni &gt; $ne and $ni &gt; $nn) * $ni"/>
        <svg viewBox="0 0 360 86" width="100%" role="img">
          <title>Verdicts across the call</title>
          <xsl:call-template name="bar">
            <xsl:with-param name="i" select="0"/><xsl:with-param name="label" select="'eligible'"/>
            <xsl:with-param name="value" select="$ne"/><xsl:with-param name="max" select="$vmax"/>
            <xsl:with-param name="cls" select="'bar-eligible'"/>
          </xsl:call-template>
          <xsl:call-template name="bar">
            <xsl:with-param name="i" select="1"/><xsl:with-param name="label" select="'needs-changes'"/>
            <xsl:with-param name="value" select="$nn"/><xsl:with-param name="max" select="$vmax"/>
            <xsl:with-param name="cls" select="'bar-needs-changes'"/>
          </xsl:call-template>
          <xsl:call-template name="bar">
            <xsl:with-param name="i" select="2"/><xsl:with-param name="label" select="'ineligible'"/>
            <xsl:with-param name="value" select="$ni"/><xsl:with-param name="max" select="$vmax"/>
            <xsl:with-param name="cls" select="'bar-ineligible'"/>
          </xsl:call-template>
        </svg>
      </figure>
      <figure>
        <figcaption>Open findings per article (in force, top 10)</figcaption>
        <xsl:variable name="arts" select="$open[@ref][generate-id() = generate-id(key('by-article',
            concat(substring-before(concat(@ref, ' '), ' '), ' ', substring-before(concat(translate(substring-after(@ref, ' '), '(,;', '   '), ' '), ' ')))[1])]"/>
        <xsl:variable name="amax">
          <xsl:for-each select="$arts">
            <xsl:sort select="count(key('by-article', concat(substring-before(concat(@ref, ' '), ' '), ' ', substring-before(concat(translate(substring-after(@ref, ' '), '(,;', '   '), ' '), ' '))))"
                data-type="number" order="descending"/>
            <xsl:if test="position() = 1">
              <xsl:value-of select="count(key('by-article', concat(substring-before(concat(@ref, ' '), ' '), ' ', substring-before(concat(translate(substring-after(@ref, ' '), '(,;', '   '), ' '), ' '))))"/>
            </xsl:if>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="shown" select="count($arts[position() &lt;= 10])"/>
        <svg viewBox="0 0 360 {8 + 26 * $shown}" width="100%" role="img">
          <title>Open findings per article</title>
          <xsl:for-each select="$arts">
            <xsl:sort select="count(key('by-article', concat(substring-before(concat(@ref, ' '), ' '), ' ', substring-before(concat(translate(substring-after(@ref, ' '), '(,;', '   '), ' '), ' '))))"
                data-type="number" order="descending"/>
            <xsl:sort select="@ref"/>
            <xsl:if test="position() &lt;= 10">
              <xsl:variable name="art" select="concat(substring-before(concat(@ref, ' '), ' '), ' ', substring-before(concat(translate(substring-after(@ref, ' '), '(,;', '   '), ' '), ' '))"/>
              <xsl:call-template name="bar">
                <xsl:with-param name="i" select="position() - 1"/>
                <xsl:with-param name="label" select="$art"/>
                <xsl:with-param name="value" select="count(key('by-article', $art)[not(@status = 'waived' or @status = 'baselined' or @status = 'needs-review')])"/>
                <xsl:with-param name="max" select="$amax"/>
                <xsl:with-param name="cls" select="'bar-findings'"/>
              </xsl:call-template>
            </xsl:if>
          </xsl:for-each>
        </svg>
      </figure>
    </section>
  </xsl:template>

  <!--
    Requested against available GPU-hours per machine of the call: two
    bars per machine, the requests of the plan's lines for it (machine
    names compared without regard to ASCII case, as the plan does) and the
    capacity of its partitions.
  -->
  <xsl:template name="capacity-chart">
    <xsl:variable name="machines" select="$plan/a:capacity[generate-id() = generate-id(key('cap-by-machine', @machine)[1])]"/>
    <xsl:variable name="cmax">
      <xsl:for-each select="$machines">
        <xsl:sort select="sum(key('cap-by-machine', @machine)/@gpu-hours)" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="sum(key('cap-by-machine', @machine)/@gpu-hours)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="rmax">
      <xsl:for-each select="$machines">
        <xsl:sort select="sum(key('line-by-machine', translate(@machine, $upper, $lower))/@requested)"
            data-type="number" order="descending"/>
        <xsl:if test="position() = 1">
          <xsl:value-of select="sum(key('line-by-machine', translate(@machine, $upper, $lower))/@requested)"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="max" select="($cmax &gt;= $rmax) * $cmax + ($rmax &gt; $cmax) * $rmax"/>
    <figure>
      <figcaption>Requested against available GPU-hours per machine of the call</figcaption>
      <svg viewBox="0 0 360 {8 + 52 * count($machines)}" width="100%" role="img">
        <title>Requested against available GPU-hours per machine</title>
        <xsl:for-each select="$machines">
          <xsl:call-template name="bar">
            <xsl:with-param name="i" select="2 * position() - 2"/>
            <xsl:with-param name="label" select="string(@machine)"/>
            <xsl:with-param name="value" select="sum(key('line-by-machine', translate(@machine, $upper, $lower))/@requested)"/>
            <xsl:with-param name="max" select="$max"/>
            <xsl:with-param name="cls" select="'bar-hours'"/>
          </xsl:call-template>
          <xsl:call-template name="bar">
            <xsl:with-param name="i" select="2 * position() - 1"/>
            <xsl:with-param name="label" select="'available'"/>
            <xsl:with-param name="value" select="sum(key('cap-by-machine', @machine)/@gpu-hours)"/>
            <xsl:with-param name="max" select="$max"/>
            <xsl:with-param name="cls" select="'bar-capacity'"/>
          </xsl:call-template>
        </xsl:for-each>
      </svg>
    </figure>
  </xsl:template>

  <!-- One horizontal bar of a chart: label, bar, value. -->
  <xsl:template name="bar">
    <xsl:param name="i"/>
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="max"/>
    <xsl:param name="cls"/>
    <xsl:variable name="w">
      <xsl:choose>
        <xsl:when test="number($max) &gt; 0 and number($value) &gt; 0"><xsl:value-of select="round(150 * $value div $max) + 1"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <text x="0" y="{22 + 26 * $i}" class="lbl">
      <xsl:choose>
        <xsl:when test="string-length($label) &gt; 15"><xsl:value-of select="concat(substring($label, 1, 14), '…')"/></xsl:when>
        <xsl:when test="$label = ''">(none)</xsl:when>
        <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
      </xsl:choose>
    </text>
    <rect x="112" y="{8 + 26 * $i}" width="{$w}" height="18" rx="2" class="{$cls}"/>
    <text x="{118 + $w}" y="{22 + 26 * $i}" class="val">
      <xsl:value-of select="format-number($value, '#,##0')"/>
    </text>
  </xsl:template>

  <!-- ============ one section per applicant ============ -->

  <xsl:template match="r:results">
    <xsl:variable name="v"><xsl:call-template name="verdict-word"/></xsl:variable>
    <details class="dossier" id="dossier-{position()}" open="open">
      <summary>
        <span class="name"><xsl:call-template name="applicant-name"/></span>
        <xsl:call-template name="verdict-badge"/>
        <span class="sub">
          <xsl:value-of select="r:applicant/@country"/>
          <xsl:if test="r:request/@machine">
            <xsl:value-of select="concat(' · ', r:request/@machine)"/>
          </xsl:if>
          <xsl:if test="r:request/@gpu-hours">
            <xsl:text> · </xsl:text>
            <xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="r:request/@gpu-hours"/></xsl:call-template>
            <xsl:text> GPU-h</xsl:text>
          </xsl:if>
        </span>
      </summary>
      <dl class="facts">
        <dt>Applicant</dt>
        <dd>
          <xsl:value-of select="r:applicant/@name"/>
          <xsl:if test="r:applicant/@country"><xsl:value-of select="concat(' (', r:applicant/@country, ')')"/></xsl:if>
          <xsl:if test="r:applicant/@registry-id">
            <xsl:text>, registry id </xsl:text><span class="id"><xsl:value-of select="r:applicant/@registry-id"/></span>
          </xsl:if>
        </dd>
        <dt>Request</dt>
        <dd>
          <xsl:if test="r:request/@call"><xsl:value-of select="concat('call ', r:request/@call, ', ')"/></xsl:if>
          <span class="id"><xsl:value-of select="r:request/@machine"/></span>
          <xsl:if test="r:request/@partition">
            <xsl:text> / </xsl:text><span class="id"><xsl:value-of select="r:request/@partition"/></span>
          </xsl:if>
          <xsl:text>, </xsl:text>
          <xsl:call-template name="fmt-hours"><xsl:with-param name="h" select="r:request/@gpu-hours"/></xsl:call-template>
          <xsl:text> GPU-hours</xsl:text>
        </dd>
        <dt>Dossier</dt>
        <dd>
          <span class="path"><xsl:value-of select="r:dossier/@path"/></span>
          <xsl:if test="r:dossier/@commit">
            <xsl:text> at </xsl:text><code title="{r:dossier/@commit}"><xsl:value-of select="substring(r:dossier/@commit, 1, 12)"/></code>
          </xsl:if>
          <xsl:if test="r:dossier/@rev or r:dossier/@mode">
            <xsl:text> (</xsl:text>
            <xsl:value-of select="r:dossier/@rev"/>
            <xsl:if test="r:dossier/@rev and r:dossier/@mode">, </xsl:if>
            <xsl:value-of select="r:dossier/@mode"/>
            <xsl:text>)</xsl:text>
          </xsl:if>
        </dd>
        <dt>Trust</dt><dd><xsl:value-of select="r:dossier/@trust"/></dd>
        <dt>As of</dt><dd><xsl:value-of select="r:as-of"/></dd>
        <dt>Rules</dt>
        <dd>
          <xsl:value-of select="r:rules/@version"/>
          <xsl:if test="r:rules/@digest">
            <xsl:text> </xsl:text>
            <code title="SHA-256 of the rule packs"><xsl:value-of select="substring(r:rules/@digest, 1, 12)"/></code>
          </xsl:if>
        </dd>
        <dt>Decision</dt>
        <xsl:call-template name="decision-facts"/>
      </dl>

      <h3>Systems</h3>
      <xsl:choose>
        <xsl:when test="r:system">
          <div class="table-wrap">
            <table class="systems">
              <thead><tr><th scope="col">System</th><th scope="col">Risk tier</th><th scope="col">GPAI</th><th scope="col">Purpose</th></tr></thead>
              <tbody>
                <xsl:for-each select="r:system">
                  <tr>
                    <td class="id"><xsl:value-of select="@id"/></td>
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
                    <td><xsl:value-of select="@gpai"/></td>
                    <td><xsl:value-of select="@purpose"/></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise><p>None.</p></xsl:otherwise>
      </xsl:choose>

      <xsl:if test="r:model">
        <h3>Models</h3>
        <div class="table-wrap">
          <table class="models">
            <thead><tr><th scope="col">Model</th><th scope="col">GPAI status</th></tr></thead>
            <tbody>
              <xsl:for-each select="r:model">
                <tr><td class="id"><xsl:value-of select="@id"/></td><td><xsl:value-of select="@gpai"/></td></tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:if>

      <h3>Findings</h3>
      <p class="summary"><xsl:call-template name="summary"/></p>
      <xsl:variable name="main" select="r:finding[not(@in-force = 'false')][@severity != 'info']"/>
      <xsl:variable name="folded" select="r:finding[@in-force = 'false' or @severity = 'info']"/>
      <xsl:if test="$main">
        <xsl:call-template name="findings-table">
          <xsl:with-param name="findings" select="$main"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$folded">
        <details class="folded">
          <summary>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="count($folded)"/>
              <xsl:with-param name="one" select="'info finding'"/>
            </xsl:call-template>
            <xsl:text> (including obligations not yet in force)</xsl:text>
          </summary>
          <xsl:call-template name="findings-table">
            <xsl:with-param name="findings" select="$folded"/>
          </xsl:call-template>
        </details>
      </xsl:if>

      <xsl:if test="r:signature">
        <details class="folded">
          <summary>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="count(r:signature)"/>
              <xsl:with-param name="one" select="'signature'"/>
            </xsl:call-template>
            <xsl:value-of select="concat(' checked, ', count(r:signature[@status = 'good']), ' good')"/>
          </summary>
          <div class="table-wrap">
            <table class="signatures">
              <thead><tr><th scope="col">Status</th><th scope="col">Object</th><th scope="col">Kind</th><th scope="col">Fingerprint</th></tr></thead>
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
                    <td class="path"><xsl:value-of select="@object"/></td>
                    <td><xsl:value-of select="@kind"/></td>
                    <td><code><xsl:value-of select="@fingerprint"/></code></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </details>
      </xsl:if>
    </details>
  </xsl:template>

  <xsl:template name="findings-table">
    <xsl:param name="findings"/>
    <div class="table-wrap">
      <table class="findings">
        <thead>
          <tr><th scope="col">Severity</th><th scope="col">Status</th><th scope="col">Rule</th><th scope="col">Article</th><th scope="col">Location</th><th scope="col">Finding</th><th scope="col">Remedy</th><th scope="col">Waiver</th></tr>
        </thead>
        <tbody>
          <xsl:call-template name="rows">
            <xsl:with-param name="findings" select="$findings"/>
          </xsl:call-template>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- The EUR-Lex address of a reference of the AI Act, or nothing. -->
  <xsl:template name="eurlex">
    <xsl:param name="ref" select="@ref"/>
    <xsl:variable name="head" select="substring-before(concat(translate(substring-after($ref, ' '), '(,;', '   '), ' '), ' ')"/>
    <xsl:if test="not(contains($ref, '/')) and $head != ''
                  and translate($head, '0123456789IVXL', '') = ''">
      <xsl:choose>
        <xsl:when test="starts-with($ref, 'Art. ')"><xsl:value-of select="concat($eurlex, '#art_', $head)"/></xsl:when>
        <xsl:when test="starts-with($ref, 'Annex ')"><xsl:value-of select="concat($eurlex, '#anx_', $head)"/></xsl:when>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template match="r:finding" mode="row">
    <tr>
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="@status = 'waived' or @status = 'baselined'">suppressed</xsl:when>
          <xsl:otherwise>finding</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
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
      <td class="id"><a href="#rule-{@rule}"><code><xsl:value-of select="@rule"/></code></a></td>
      <td class="ref">
        <xsl:variable name="url"><xsl:call-template name="eurlex"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="$url != ''"><a href="{$url}" rel="noreferrer"><xsl:value-of select="@ref"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="@ref"/></xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="path"><xsl:call-template name="location"/></td>
      <td class="message"><xsl:value-of select="r:message"/></td>
      <td class="remedy"><xsl:value-of select="normalize-space(r:remedy)"/></td>
      <td class="waiver"><xsl:call-template name="waiver"/></td>
    </tr>
  </xsl:template>

  <!-- ============ the rules cited, each once (xsl:key, not a scan) ============ -->

  <xsl:template name="rules-cited">
    <xsl:variable name="first" select="$dossiers/r:finding[generate-id() = generate-id(key('by-rule', @rule)[1])]"/>
    <xsl:if test="$first">
      <section class="rules" id="rules">
        <h2 class="part">Rules cited</h2>
        <p class="sub">Each rule's text: <code>pactaudit rules show RULE</code>.</p>
        <div class="table-wrap">
          <table class="rules-cited">
            <thead><tr><th scope="col">Rule</th><th scope="col">Article</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Applicants</th></tr></thead>
            <tbody>
              <xsl:for-each select="$first">
                <xsl:sort select="@rule"/>
                <xsl:variable name="all" select="key('by-rule', @rule)"/>
                <tr id="rule-{@rule}">
                  <td class="id"><code><xsl:value-of select="@rule"/></code></td>
                  <td class="ref">
                    <xsl:variable name="url"><xsl:call-template name="eurlex"/></xsl:variable>
                    <xsl:choose>
                      <xsl:when test="$url != ''"><a href="{$url}" rel="noreferrer"><xsl:value-of select="@ref"/></a></xsl:when>
                      <xsl:otherwise><xsl:value-of select="@ref"/></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="num"><xsl:value-of select="count($all)"/></td>
                  <td class="num"><xsl:value-of select="count($all/..)"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
