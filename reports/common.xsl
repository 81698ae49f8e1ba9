<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  Templates shared by html.xsl, md.xsl and csv.xsl (imported by each).

  Input: one results document (urn:pactaudit:results:1) or a results-set
  of several, already sanitised by the program (no control or BiDi
  characters).  These stylesheets escape for their output format and never
  turn output escaping off.  Every recursive template splits its string
  in halves, so its depth grows with the logarithm of the length.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:pactaudit:results:1"
    xmlns:a="urn:pactaudit:allocation:1"
    exclude-result-prefixes="r a">

  <!-- Every dossier, whether the input is one <results> or a <results-set>. -->
  <xsl:variable name="dossiers" select="/r:results | /r:results-set/r:results"/>

  <!--
    The call's allocation plan (report \-\-plan): the program puts the plan
    (urn:pactaudit:allocation:1) as the last child of the top element, and
    each dossier's line of it (a:applicant) as the last child of its
    <results>.  Empty without a plan.
  -->
  <xsl:variable name="plan" select="/*/a:allocation"/>

  <!--
    The plan's line of the current <results>, when it is about the commit
    these results are of (a line for another commit is stale: not shown as
    this dossier's decision).
  -->
  <xsl:template name="plan-line-ok">
    <xsl:if test="a:applicant[not(@commit) and not(current()/r:dossier/@commit)
                  or @commit = current()/r:dossier/@commit]">yes</xsl:if>
  </xsl:template>

  <!--
    The decision cell of the current <results>: '' without a plan, else the
    decision (approve, reject, request-changes), "no decision", "not in the
    plan", or "plan for another commit".
  -->
  <xsl:template name="decision-word">
    <xsl:variable name="ok"><xsl:call-template name="plan-line-ok"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="not($plan)"/>
      <xsl:when test="not(a:applicant)">not in the plan</xsl:when>
      <xsl:when test="$ok != 'yes'">plan for another commit</xsl:when>
      <xsl:when test="a:applicant/@decision"><xsl:value-of select="a:applicant/@decision"/></xsl:when>
      <xsl:otherwise>no decision</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The GPU-hours granted to the current <results>: '' unless its plan line holds. -->
  <xsl:template name="granted">
    <xsl:variable name="ok"><xsl:call-template name="plan-line-ok"/></xsl:variable>
    <xsl:if test="$ok = 'yes'"><xsl:value-of select="a:applicant/@granted"/></xsl:if>
  </xsl:template>

  <!-- Characters that Markdown text must not carry unescaped. -->
  <xsl:variable name="md-special" select="'\`*_[]&lt;&gt;|~&amp;&#9;&#10;&#13;'"/>

  <!-- Characters that start a spreadsheet formula (ASCII and full-width forms). -->
  <xsl:variable name="csv-formula" select="'=+-@&#9;&#13;&#10;&#xFF1D;&#xFF0B;&#xFF0D;&#xFF20;'"/>

  <!--
    Apply the templates of mode "row" (defined by each format) to findings in
    the order the text format uses: severity, unresolved before waived and
    baselined, path, line, rule, then document order.  pre and post are
    handed to each row as they are (a format's cells of the dossier, made
    once: a row that looked back at its dossier through ../ would scan all
    its siblings, and the report would take quadratic time).
  -->
  <xsl:template name="rows">
    <xsl:param name="findings"/>
    <xsl:param name="pre" select="''"/>
    <xsl:param name="post" select="''"/>
    <xsl:apply-templates select="$findings" mode="row">
      <xsl:with-param name="pre" select="$pre"/>
      <xsl:with-param name="post" select="$post"/>
      <xsl:sort select="5 - 4 * (@severity = 'blocker') - 3 * (@severity = 'error')
                        - 2 * (@severity = 'warning') - 1 * (@severity = 'info')"
                data-type="number"/>
      <xsl:sort select="number(@status = 'waived' or @status = 'baselined')" data-type="number"/>
      <xsl:sort select="@path"/>
      <xsl:sort select="@line" data-type="number"/>
      <xsl:sort select="@rule"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- A line number if @line is one (digits only, at least 1), else nothing. -->
  <xsl:template name="line">
    <xsl:param name="line" select="@line"/>
    <xsl:if test="string-length($line) &gt; 0 and string-length($line) &lt; 19
                  and translate($line, '0123456789', '') = '' and number($line) &gt;= 1">
      <xsl:value-of select="number($line)"/>
    </xsl:if>
  </xsl:template>

  <!-- path:line, path, or nothing. -->
  <xsl:template name="location">
    <xsl:variable name="line">
      <xsl:call-template name="line"/>
    </xsl:variable>
    <xsl:value-of select="@path"/>
    <xsl:if test="@path and $line != ''">
      <xsl:value-of select="concat(':', $line)"/>
    </xsl:if>
  </xsl:template>

  <!--
    The waiver of the current finding on one line, as in the text format:
    "waived: REASON until DATE, self-declared (ID) by APPROVER: WHY", or
    "waiver expired|refused|untrusted: ..."; nothing without a waiver.
  -->
  <xsl:template name="waiver">
    <xsl:for-each select="r:waiver">
      <xsl:choose>
        <xsl:when test="@state = 'applied'">waived</xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('waiver ', @state, ', not applied')"/></xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="concat(': ', @reason)"/>
      <xsl:if test="@until"><xsl:value-of select="concat(' until ', @until)"/></xsl:if>
      <xsl:choose>
        <xsl:when test="@source = 'ledger'">, auditor's ledger</xsl:when>
        <xsl:otherwise>, self-declared</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@id"><xsl:value-of select="concat(' (', @id, ')')"/></xsl:if>
      <xsl:choose>
        <xsl:when test="@approver-name"><xsl:value-of select="concat(' by ', @approver-name)"/></xsl:when>
        <xsl:when test="@approver"><xsl:value-of select="concat(' by ', @approver)"/></xsl:when>
      </xsl:choose>
      <xsl:if test="r:justification"><xsl:value-of select="concat(': ', normalize-space(r:justification))"/></xsl:if>
      <xsl:if test="@problem"><xsl:value-of select="concat(' [', @problem, ']')"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- "1 error", "2 errors" -->
  <xsl:template name="count">
    <xsl:param name="n"/>
    <xsl:param name="one"/>
    <xsl:param name="many" select="concat($one, 's')"/>
    <xsl:value-of select="$n"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="$n = 1"><xsl:value-of select="$one"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$many"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Counts of one <results>, worded as in the text format. -->
  <xsl:template name="summary">
    <xsl:variable name="in-force" select="r:finding[not(@in-force = 'false')]"/>
    <xsl:variable name="open" select="$in-force[not(@status = 'waived' or @status = 'baselined'
                                      or @status = 'needs-review')]"/>
    <xsl:variable name="other" select="count($open[not(@severity = 'blocker' or @severity = 'error'
                                       or @severity = 'warning' or @severity = 'info')])"/>
    <xsl:call-template name="count">
      <xsl:with-param name="n" select="count($open[@severity = 'blocker'])"/>
      <xsl:with-param name="one" select="'blocker'"/>
    </xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="count">
      <xsl:with-param name="n" select="count($open[@severity = 'error'])"/>
      <xsl:with-param name="one" select="'error'"/>
    </xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="count">
      <xsl:with-param name="n" select="count($open[@severity = 'warning'])"/>
      <xsl:with-param name="one" select="'warning'"/>
    </xsl:call-template>
    <xsl:value-of select="concat(', ', count($open[@severity = 'info']), ' info')"/>
    <xsl:if test="$other &gt; 0">
      <xsl:value-of select="concat(', ', $other, ' other')"/>
    </xsl:if>
    <xsl:value-of select="concat(' open; ',
        count($in-force[@status = 'needs-review']), ' needs review, ',
        count($in-force[@status = 'waived']), ' waived, ',
        count($in-force[@status = 'baselined']), ' baselined, ',
        count(r:finding[@in-force = 'false']), ' not yet in force')"/>
  </xsl:template>

  <!-- One of eligible, needs-changes, ineligible, or "unknown" (for class names). -->
  <xsl:template name="verdict-word">
    <xsl:param name="v" select="normalize-space(r:verdict)"/>
    <xsl:choose>
      <xsl:when test="$v = 'eligible' or $v = 'needs-changes' or $v = 'ineligible'">
        <xsl:value-of select="$v"/>
      </xsl:when>
      <xsl:otherwise>unknown</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Markdown: a backslash before each special character; line breaks as <br>. -->
  <xsl:template name="md">
    <xsl:param name="s"/>
    <xsl:variable name="n" select="string-length($s)"/>
    <xsl:choose>
      <xsl:when test="translate($s, $md-special, '') = $s">
        <xsl:value-of select="$s"/>
      </xsl:when>
      <xsl:when test="$n &gt; 1">
        <xsl:call-template name="md">
          <xsl:with-param name="s" select="substring($s, 1, floor($n div 2))"/>
        </xsl:call-template>
        <xsl:call-template name="md">
          <xsl:with-param name="s" select="substring($s, floor($n div 2) + 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$s = '&#10;' or $s = '&#13;'">
        <xsl:text>&lt;br&gt;</xsl:text>
      </xsl:when>
      <xsl:when test="$s = '&#9;'">
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('\', $s)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    CSV: who applies for what, the last seven cells of a row (applicant,
    country, registry_id, call, machine, partition, gpu_hours), for the
    <results> in context; the row ends after them.
  -->
  <xsl:template name="csv-who">
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:applicant/@name)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:applicant/@country)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:applicant/@registry-id)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:request/@call)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:request/@machine)"/></xsl:call-template>
    <xsl:call-template name="csv"><xsl:with-param name="s" select="normalize-space(r:request/@partition)"/></xsl:call-template>
    <xsl:call-template name="csv">
      <xsl:with-param name="s" select="normalize-space(r:request/@gpu-hours)"/>
      <xsl:with-param name="last" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- CSV: double every quotation mark. -->
  <xsl:template name="csv-double-quotes">
    <xsl:param name="s"/>
    <xsl:variable name="n" select="string-length($s)"/>
    <xsl:choose>
      <xsl:when test="not(contains($s, '&quot;'))">
        <xsl:value-of select="$s"/>
      </xsl:when>
      <xsl:when test="$n &gt; 1">
        <xsl:call-template name="csv-double-quotes">
          <xsl:with-param name="s" select="substring($s, 1, floor($n div 2))"/>
        </xsl:call-template>
        <xsl:call-template name="csv-double-quotes">
          <xsl:with-param name="s" select="substring($s, floor($n div 2) + 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>""</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    CSV: one RFC 4180 field, always quoted; a cell that a spreadsheet would
    read as a formula (first character = + - @ tab CR LF, or their
    full-width forms) gets a leading apostrophe.
  -->
  <xsl:template name="csv">
    <xsl:param name="s"/>
    <xsl:param name="last" select="false()"/>
    <xsl:text>"</xsl:text>
    <xsl:if test="string-length($s) &gt; 0 and contains($csv-formula, substring($s, 1, 1))">
      <xsl:text>'</xsl:text>
    </xsl:if>
    <xsl:call-template name="csv-double-quotes">
      <xsl:with-param name="s" select="$s"/>
    </xsl:call-template>
    <xsl:text>"</xsl:text>
    <xsl:choose>
      <xsl:when test="$last"><xsl:text>&#13;&#10;</xsl:text></xsl:when>
      <xsl:otherwise><xsl:text>,</xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
