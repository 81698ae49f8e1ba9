<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!--
  The coverage and vocabulary manual pages (mdoc), generated from the rule packs:
    xsltproc -stringparam packs "/abs/rules/a.xml /abs/rules/b.xml ..." \
             -stringparam date "November 1, 2026" [-stringparam page vocabulary] \
             rules/coverage.xsl rules/vocab/provisions.xml
  scripts/gen-coverage.sh runs it; tests/style/coverage.sh checks the committed pages.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:k="urn:pactaudit:rules:1"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="k str exsl">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="packs" select="''"/>
  <xsl:param name="date" select="'January 1, 2026'"/>
  <xsl:param name="page" select="'coverage'"/>
  <xsl:param name="vocabdir" select="''"/>

  <xsl:variable name="prov" select="/k:vocab/k:term"/>
  <!--
    The rules as the loader sees them: a rule with use-case= gets the term's
    ref (of the form "Art. 5(1)(a)", which the loader checks) as its first
    <ref> and the term's applies-from as its <applies>.
  -->
  <xsl:variable name="rules-tree">
    <xsl:for-each select="document(str:tokenize($packs, ' '))/k:pack/k:rule">
      <xsl:copy>
        <xsl:copy-of select="@*"/>
        <xsl:if test="@use-case">
          <xsl:variable name="t" select="document('vocab/use-cases.xml', .)/k:vocab/k:term[@id = current()/@use-case]"/>
          <xsl:variable name="a" select="substring-after($t/@ref, 'Art. ')"/>
          <xsl:variable name="rest" select="substring-after($a, ')(')"/>
          <k:ref act="2024/1689">
            <xsl:attribute name="article">
              <xsl:value-of select="substring-before(concat($a, '('), '(')"/>
            </xsl:attribute>
            <xsl:if test="contains($a, '(')">
              <xsl:attribute name="paragraph">
                <xsl:value-of select="substring-before(substring-after($a, '('), ')')"/>
              </xsl:attribute>
            </xsl:if>
            <xsl:if test="$rest != ''">
              <xsl:attribute name="point"><xsl:value-of select="substring-before($rest, ')')"/></xsl:attribute>
            </xsl:if>
          </k:ref>
          <k:applies from="{$t/@applies-from}"/>
        </xsl:if>
        <xsl:copy-of select="node()"/>
      </xsl:copy>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="rules" select="exsl:node-set($rules-tree)/k:rule"/>

  <!-- ============================================================ text helpers -->

  <!-- a text line: \& first so nothing is read as a request; backslashes escaped -->
  <xsl:template name="line">
    <xsl:param name="s"/>
    <xsl:text>\&amp;</xsl:text>
    <xsl:call-template name="sentences"><xsl:with-param name="s" select="normalize-space($s)"/></xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- a new sentence (". " and a capital letter) starts a new line, as mdoc wants -->
  <xsl:template name="sentences">
    <xsl:param name="s"/>
    <xsl:param name="done" select="''"/>
    <xsl:variable name="before" select="substring-before($s, '. ')"/>
    <xsl:variable name="after" select="substring-after($s, '. ')"/>
    <xsl:choose>
      <xsl:when test="not(contains($s, '. '))">
        <xsl:call-template name="esc"><xsl:with-param name="s" select="concat($done, $s)"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="contains('ABCDEFGHIJKLMNOPQRSTUVWXYZ', substring($after, 1, 1)) and substring($after, 1, 1) != ''
          and not(substring($before, string-length($before) - 3) = ' Art' or $before = 'Art')">
        <xsl:call-template name="esc"><xsl:with-param name="s" select="concat($done, $before, '.')"/></xsl:call-template>
        <xsl:text>&#10;\&amp;</xsl:text>
        <xsl:call-template name="sentences"><xsl:with-param name="s" select="$after"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="sentences">
          <xsl:with-param name="s" select="$after"/>
          <xsl:with-param name="done" select="concat($done, $before, '. ')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="esc">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '\')">
        <xsl:value-of select="substring-before($s, '\')"/>
        <xsl:text>\e</xsl:text>
        <xsl:call-template name="esc"><xsl:with-param name="s" select="substring-after($s, '\')"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($s, '&quot;')">
        <xsl:value-of select="substring-before($s, '&quot;')"/>
        <xsl:text>\(dq</xsl:text>
        <xsl:call-template name="esc"><xsl:with-param name="s" select="substring-after($s, '&quot;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Art. 5(1)(a)", "Art. 6(3), subparagraph 3", "Annex III point 4(a)", "Annex I Section A" -->
  <xsl:template name="refname">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="$r/@act = 'policy'">
        <xsl:value-of select="$r/@doc"/>
      </xsl:when>
      <xsl:when test="$r/@act = 'ai-pact'">
        <xsl:value-of select="concat('AI Pact commitment ', $r/@commitment)"/>
      </xsl:when>
      <xsl:when test="$r/@article">
        <xsl:value-of select="concat('Art. ', $r/@article)"/>
        <xsl:if test="$r/@paragraph"><xsl:value-of select="concat('(', $r/@paragraph, ')')"/></xsl:if>
        <xsl:if test="$r/@point">
          <xsl:choose>
            <xsl:when test="contains($r/@point, '(')">
              <xsl:value-of select="concat('(', substring-before($r/@point, '('), ')(', substring-after($r/@point, '('))"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="concat('(', $r/@point, ')')"/></xsl:otherwise>
          </xsl:choose>
        </xsl:if>
        <xsl:if test="$r/@subparagraph"><xsl:value-of select="concat(', subparagraph ', $r/@subparagraph)"/></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('Annex ', $r/@annex)"/>
        <xsl:if test="$r/@section"><xsl:value-of select="concat(' Section ', $r/@section)"/></xsl:if>
        <xsl:if test="$r/@point"><xsl:value-of select="concat(' point ', $r/@point)"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$r/@act and $r/@act != '2024/1689' and $r/@act != 'ai-pact'">
      <xsl:value-of select="concat(' (', $r/@act, ')')"/>
    </xsl:if>
  </xsl:template>

  <!-- one rule as a list item: id, severity, phase, date, title -->
  <xsl:template name="rule-item">
    <xsl:param name="r"/>
    <xsl:text>.It&#10;</xsl:text>
    <xsl:call-template name="line">
      <xsl:with-param name="s">
        <xsl:value-of select="concat($r/@id, ' (', $r/@severity, ', ', $r/@phase)"/>
        <xsl:if test="not($r/@phase)">obligation</xsl:if>
        <xsl:value-of select="concat(', from ', $r/k:applies/@from)"/>
        <xsl:if test="$r/k:applies/@until"><xsl:value-of select="concat(' until ', $r/k:applies/@until)"/></xsl:if>
        <xsl:if test="$r/@heuristic = 'true'">, heuristic</xsl:if>
        <xsl:value-of select="concat('): ', $r/k:title)"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="header">
    <xsl:param name="name"/>
    <xsl:param name="desc"/>
    <xsl:text>.\" SPDX-License-Identifier: GPL-3.0-or-later&#10;</xsl:text>
    <xsl:text>.\" Generated by scripts/gen-coverage.sh from rules/*.xml and rules/vocab/*.xml: do not edit.&#10;</xsl:text>
    <xsl:value-of select="concat('.Dd ', $date, '&#10;')"/>
    <xsl:value-of select="concat('.Dt ', translate($name, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), ' 7&#10;')"/>
    <xsl:text>.Os&#10;.Sh NAME&#10;</xsl:text>
    <xsl:value-of select="concat('.Nm ', $name, '&#10;')"/>
    <xsl:value-of select="concat('.Nd ', $desc, '&#10;')"/>
  </xsl:template>

  <!-- ============================================================ pages -->

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$page = 'vocabulary'"><xsl:call-template name="vocabulary"/></xsl:when>
      <xsl:when test="$page = 'unlisted'"><xsl:call-template name="unlisted"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="coverage"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="coverage">
    <xsl:call-template name="header">
      <xsl:with-param name="name" select="'pactaudit-coverage'"/>
      <xsl:with-param name="desc" select="'which provisions of the AI Act the rule packs check'"/>
    </xsl:call-template>
    <xsl:text>.Sh DESCRIPTION
This page lists the provisions of Regulation (EU) 2024/1689 (the AI Act),
as amended by Regulation (EU) 2026/1744, that matter to an application for
compute, and for each one the rules of the shipped packs that check it:
rule id, severity, phase (classify or obligation) and the date from which
it applies.
It is generated from the packs and from
.Pa rules/vocab/provisions.xml ;
a rule covers a provision when one of its references names the same
article or annex and, where the provision gives them, the same paragraph,
subparagraph, point and section.
.Pp
A rule checks what a dossier can show: declared use cases, documents that
are named and present, headings, dates.
It does not judge whether a document is adequate.
A rule marked
.Dq heuristic
judges Markdown headings or the words of a text: that a required document
or heading is there with some text of its own (at least 5 substantive words
for a document, 3 for a required heading, not counting the template text of
.Nm pactaudit Cm init
or placeholders such as TODO; see
.Xr pactaudit-evidence 1 ) ,
never whether that text is right.
A human judges the substance; its findings carry
.Li heuristic="true"
in the results.
Each rule's note
.Pq Nm pactaudit Cm rules show Ar ID
says what it cannot check and which facts are uncertain.
</xsl:text>
    <xsl:variable name="marks">
      <xsl:for-each select="$prov">
        <xsl:variable name="p" select="."/>
        <xsl:choose>
          <xsl:when test="$rules[k:ref[(not(@act) or @act = '2024/1689')
              and (($p/@article and @article = $p/@article) or ($p/@annex and @annex = $p/@annex))
              and (not($p/@paragraph) or @paragraph = $p/@paragraph)
              and (not($p/@subparagraph) or @subparagraph = $p/@subparagraph)
              and (not($p/@point) or @point = $p/@point)
              and (not($p/@section) or @section = $p/@section)]]">y</xsl:when>
          <xsl:otherwise>n</xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="concat('.Pp&#10;The packs hold ', count($rules), ' rules in ', count(document(str:tokenize($packs, ' '))/k:pack),
        ' packs; of the ', count($prov), ' provisions listed, ', string-length(translate($marks, 'n', '')),
        ' are checked by at least one rule and ', string-length(translate($marks, 'y', '')), ' are not.&#10;')"/>
    <xsl:text>.Ss Checked provisions&#10;.Bl -tag -width Ds&#10;</xsl:text>
    <xsl:for-each select="$prov">
      <xsl:variable name="p" select="."/>
      <xsl:variable name="hit" select="$rules[k:ref[(not(@act) or @act = '2024/1689')
          and (($p/@article and @article = $p/@article) or ($p/@annex and @annex = $p/@annex))
          and (not($p/@paragraph) or @paragraph = $p/@paragraph)
          and (not($p/@subparagraph) or @subparagraph = $p/@subparagraph)
          and (not($p/@point) or @point = $p/@point)
          and (not($p/@section) or @section = $p/@section)]]"/>
      <xsl:if test="$hit">
        <xsl:text>.It "</xsl:text>
        <xsl:call-template name="esc"><xsl:with-param name="s"><xsl:call-template name="refname"><xsl:with-param name="r" select="$p"/></xsl:call-template></xsl:with-param></xsl:call-template>
        <xsl:text>"&#10;</xsl:text>
        <xsl:call-template name="line"><xsl:with-param name="s" select="concat($p/@label, '.')"/></xsl:call-template>
        <xsl:text>.Bl -dash -compact&#10;</xsl:text>
        <xsl:for-each select="$hit">
          <xsl:sort select="@id"/>
          <xsl:call-template name="rule-item"><xsl:with-param name="r" select="."/></xsl:call-template>
        </xsl:for-each>
        <xsl:text>.El&#10;</xsl:text>
      </xsl:if>
    </xsl:for-each>
    <xsl:text>.El&#10;</xsl:text>
    <xsl:text>.Ss Provisions not checked&#10;</xsl:text>
    <xsl:text>No rule checks these provisions; the reason follows each one.&#10;</xsl:text>
    <xsl:text>.Bl -tag -width Ds&#10;</xsl:text>
    <xsl:for-each select="$prov">
      <xsl:variable name="p" select="."/>
      <xsl:variable name="hit" select="$rules[k:ref[(not(@act) or @act = '2024/1689')
          and (($p/@article and @article = $p/@article) or ($p/@annex and @annex = $p/@annex))
          and (not($p/@paragraph) or @paragraph = $p/@paragraph)
          and (not($p/@subparagraph) or @subparagraph = $p/@subparagraph)
          and (not($p/@point) or @point = $p/@point)
          and (not($p/@section) or @section = $p/@section)]]"/>
      <xsl:if test="not($hit)">
        <xsl:text>.It "</xsl:text>
        <xsl:call-template name="esc"><xsl:with-param name="s"><xsl:call-template name="refname"><xsl:with-param name="r" select="$p"/></xsl:call-template></xsl:with-param></xsl:call-template>
        <xsl:text>"&#10;</xsl:text>
        <xsl:call-template name="line">
          <xsl:with-param name="s">
            <xsl:value-of select="concat($p/@label, '.')"/>
            <xsl:choose>
              <xsl:when test="$p/@unchecked"><xsl:value-of select="concat(' Not checked: ', $p/@unchecked, '.')"/></xsl:when>
              <xsl:otherwise> Not checked: no rule yet.</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
    <xsl:text>.El&#10;</xsl:text>
    <!-- rules whose references name no listed provision: other acts, the AI Pact, or a provision missing from the list -->
    <xsl:text>.Ss Rules under other references&#10;</xsl:text>
    <xsl:text>Rules whose references name none of the provisions above: the AI Pact, the EuroHPC regulation (dossier input checks) and other acts.&#10;</xsl:text>
    <xsl:text>.Bl -tag -width Ds&#10;</xsl:text>
    <xsl:for-each select="$rules">
      <xsl:sort select="@id"/>
      <xsl:variable name="r" select="."/>
      <xsl:variable name="any">
        <xsl:for-each select="k:ref">
          <xsl:variable name="f" select="."/>
          <xsl:if test="$prov[(not($f/@act) or $f/@act = '2024/1689')
              and ((@article and $f/@article = @article) or (@annex and $f/@annex = @annex))
              and (not(@paragraph) or $f/@paragraph = @paragraph)
              and (not(@subparagraph) or $f/@subparagraph = @subparagraph)
              and (not(@point) or $f/@point = @point)
              and (not(@section) or $f/@section = @section)]">y</xsl:if>
        </xsl:for-each>
      </xsl:variable>
      <xsl:if test="$any = ''">
        <xsl:value-of select="concat('.It ', @id, '&#10;')"/>
        <xsl:call-template name="line">
          <xsl:with-param name="s">
            <xsl:for-each select="k:ref">
              <xsl:if test="position() &gt; 1">; </xsl:if>
              <xsl:call-template name="refname"><xsl:with-param name="r" select="."/></xsl:call-template>
            </xsl:for-each>
            <xsl:value-of select="concat(': ', k:title, ' (', @severity, ', from ', k:applies/@from, ')')"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
    <xsl:text>.El&#10;</xsl:text>
    <xsl:text>.Sh FILES
.Bl -tag -width Ds
.It Pa rules/*.xml
the rule packs
.It Pa rules/vocab/provisions.xml
the provisions this page is measured against
.El
.Sh EXAMPLES
List the rules of one provision, then read one:
.Bd -literal -offset indent
$ pactaudit rules list | grep AIA-HR
$ pactaudit rules show AIA-HR-ART9
.Ed
.Sh SEE ALSO
.Xr pactaudit 1 ,
.Xr pactaudit-application 5 ,
.Xr pactaudit-rules 5 ,
.Xr pactaudit-vocabulary 7
</xsl:text>
  </xsl:template>

  <!-- for the test: rules citing the AI Act whose references match no listed provision, one id per line -->
  <xsl:template name="unlisted">
    <xsl:for-each select="$rules[k:ref[not(@act) or @act = '2024/1689']]">
      <xsl:variable name="any">
        <xsl:for-each select="k:ref[not(@act) or @act = '2024/1689']">
          <xsl:variable name="f" select="."/>
          <xsl:if test="$prov[((@article and $f/@article = @article) or (@annex and $f/@annex = @annex))
              and (not(@paragraph) or $f/@paragraph = @paragraph)
              and (not(@subparagraph) or $f/@subparagraph = @subparagraph)
              and (not(@point) or $f/@point = @point)
              and (not(@section) or $f/@section = @section)]">y</xsl:if>
        </xsl:for-each>
      </xsl:variable>
      <xsl:if test="$any = ''"><xsl:value-of select="concat(@id, '&#10;')"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="vocabulary">
    <xsl:variable name="uc" select="document(concat($vocabdir, 'use-cases.xml'))/k:vocab"/>
    <xsl:variable name="dk" select="document(concat($vocabdir, 'doc-kinds.xml'))/k:vocab"/>
    <xsl:call-template name="header">
      <xsl:with-param name="name" select="'pactaudit-vocabulary'"/>
      <xsl:with-param name="desc" select="'use cases and documentation kinds an application declares'"/>
    </xsl:call-template>
    <xsl:text>.Sh DESCRIPTION
Each
.Li system
of
.Pa application.xml
declares its use cases
.Pq Li &lt;use-case&gt;
and the documents it provides
.Pq Li &lt;documentation kind= ref=&gt; ,
with ids from two controlled vocabularies shipped with the rule packs:
.Pa rules/vocab/use-cases.xml
and
.Pa rules/vocab/doc-kinds.xml .
An id that is not listed here is a finding
.Pq INPUT-USECASE-VOCAB , INPUT-DOCKIND-VOCAB .
.Pp
Declare every use case that fits; the risk tier of the system is the
highest one its declarations lead to (prohibited, high, limited, minimal),
unless an exception applies: a use case ending in an exception (for
example
.Li art5-1f-medical )
replaces the prohibited practice it is an exception to, and an Annex III
system may rely on the Art. 6(3) derogation.
Dates are those of Regulation (EU) 2024/1689 as amended by Regulation (EU)
2026/1744.
</xsl:text>
    <xsl:call-template name="uc-group">
      <xsl:with-param name="terms" select="$uc/k:term[@group = 'art5']"/>
      <xsl:with-param name="title" select="'Prohibited practices (Art. 5) and their exceptions'"/>
    </xsl:call-template>
    <xsl:call-template name="uc-group">
      <xsl:with-param name="terms" select="$uc/k:term[@group = 'annex3']"/>
      <xsl:with-param name="title" select="'High-risk areas (Art. 6(2), Annex III)'"/>
    </xsl:call-template>
    <xsl:call-template name="uc-group">
      <xsl:with-param name="terms" select="$uc/k:term[@group = 'annex1']"/>
      <xsl:with-param name="title" select="'Products under Annex I needing third-party conformity assessment (Art. 6(1))'"/>
    </xsl:call-template>
    <xsl:call-template name="uc-group">
      <xsl:with-param name="terms" select="$uc/k:term[@group = 'art50']"/>
      <xsl:with-param name="title" select="'Transparency cases (Art. 50)'"/>
    </xsl:call-template>
    <xsl:call-template name="uc-group">
      <xsl:with-param name="terms" select="$uc/k:term[@group = 'gpai' or @group = 'other']"/>
      <xsl:with-param name="title" select="'Other declarations'"/>
    </xsl:call-template>
    <xsl:text>.Ss Documentation kinds&#10;.Bl -tag -width Ds&#10;</xsl:text>
    <xsl:for-each select="$dk/k:term">
      <xsl:value-of select="concat('.It Li ', @id, '&#10;')"/>
      <xsl:call-template name="line">
        <xsl:with-param name="s" select="concat(@label, '. ', @ref, '; owed by: ', @who, '.')"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:text>.El&#10;</xsl:text>
    <xsl:text>.Sh FILES
.Bl -tag -width Ds
.It Pa rules/vocab/use-cases.xml
the use cases
.It Pa rules/vocab/doc-kinds.xml
the documentation kinds
.El
.Sh EXAMPLES
A recruitment tool that also chats with candidates:
.Bd -literal -offset indent
&lt;use-case&gt;annex3-4a&lt;/use-case&gt;
&lt;use-case&gt;art50-1&lt;/use-case&gt;
&lt;documentation kind="risk-management" ref="docs/risk-management.md"/&gt;
&lt;documentation kind="transparency-notice" ref="docs/transparency-notice.md"/&gt;
.Ed
.Sh SEE ALSO
.Xr pactaudit 1 ,
.Xr pactaudit-application 5 ,
.Xr pactaudit-coverage 7
</xsl:text>
  </xsl:template>

  <xsl:template name="uc-group">
    <xsl:param name="terms"/>
    <xsl:param name="title"/>
    <xsl:value-of select="concat('.Ss ', $title, '&#10;')"/>
    <xsl:text>.Bl -tag -width Ds&#10;</xsl:text>
    <xsl:for-each select="$terms">
      <xsl:value-of select="concat('.It Li ', @id, '&#10;')"/>
      <xsl:call-template name="line">
        <xsl:with-param name="s">
          <xsl:value-of select="concat(@label, '. Tier: ', @tier)"/>
          <xsl:if test="@act"><xsl:value-of select="concat('; ', @act)"/></xsl:if>
          <xsl:if test="@role"><xsl:value-of select="concat('; owed by the ', @role)"/></xsl:if>
          <xsl:value-of select="concat('; ', @ref, '; from ', @applies-from, '.')"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:text>.El&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
