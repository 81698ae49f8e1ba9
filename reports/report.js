/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The board report's only script (html.xsl inlines it; the page's
 * Content-Security-Policy admits it by its SHA-256).  Progressive: the
 * report reads fully without it.  It adds a filter box and a verdict
 * choice above the applicants table, sorts a table by a click on a
 * column head, and opens every section before printing.  It reads the
 * page's text only through textContent and writes none of it as HTML.
 */
(function () {
	"use strict";
	var table = document.getElementById("applicants");

	function cellKey(row, i) {
		var c = row.cells[i], v;
		if (!c) return "";
		v = c.getAttribute("data-sort");
		if (v === null) v = c.textContent.replace(/[,\s]/g, "");
		return v;
	}

	function sortBy(tbl, i, th) {
		var body = tbl.tBodies[0], rows = Array.prototype.slice.call(body.rows);
		var asc = th.getAttribute("aria-sort") !== "ascending";
		rows.sort(function (a, b) {
			var x = cellKey(a, i), y = cellKey(b, i);
			var nx = parseFloat(x), ny = parseFloat(y), r;
			if (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) r = nx - ny;
			else r = a.cells[i].textContent.localeCompare(b.cells[i].textContent);
			return asc ? r : -r;
		});
		Array.prototype.forEach.call(th.parentNode.cells, function (h) {
			h.removeAttribute("aria-sort");
		});
		th.setAttribute("aria-sort", asc ? "ascending" : "descending");
		rows.forEach(function (r) { body.appendChild(r); });
	}

	Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (tbl) {
		Array.prototype.forEach.call(tbl.tHead.rows[0].cells, function (th, i) {
			var b = document.createElement("button");
			b.type = "button";
			b.className = "sort";
			b.textContent = th.textContent;
			th.textContent = "";
			th.appendChild(b);
			b.addEventListener("click", function () { sortBy(tbl, i, th); });
		});
	});

	if (table) {
		var bar = document.createElement("div"), box = document.createElement("input");
		var sel = document.createElement("select"), shown = document.createElement("span");
		bar.className = "filters";
		box.type = "search";
		box.placeholder = "Filter applicants";
		box.setAttribute("aria-label", "Filter applicants");
		["all verdicts", "eligible", "needs-changes", "ineligible"].forEach(function (v, k) {
			var o = document.createElement("option");
			o.value = k ? v : "";
			o.textContent = v;
			sel.appendChild(o);
		});
		sel.setAttribute("aria-label", "Verdict");
		shown.className = "sub";
		var apply = function () {
			var q = box.value.toLowerCase(), v = sel.value, n = 0;
			Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
				var ok = (!v || r.getAttribute("data-verdict") === v) &&
				    r.textContent.toLowerCase().indexOf(q) >= 0;
				r.hidden = !ok;
				n += ok;
			});
			shown.textContent = n + " of " + table.tBodies[0].rows.length + " shown";
		};
		box.addEventListener("input", apply);
		sel.addEventListener("change", apply);
		bar.appendChild(box);
		bar.appendChild(sel);
		bar.appendChild(shown);
		table.parentNode.parentNode.insertBefore(bar, table.parentNode);
		apply();
	}

	window.addEventListener("beforeprint", function () {
		Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
			d.open = true;
		});
	});
}());
