// Tests of report_html.hpp: escaping, structure, RTL / CJK text of the one-file report.
#include <catch2/catch.hpp>

#include <okrkit/io/report_html.hpp>

#include <string>

using namespace okrkit;

namespace {
std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

struct Fixture {
  Model m;
  Scorecard sc;
  Fixture() {
    m.name = "R&D <Q2>";
    m.cycles.push_back({"q", "", Date(2025, 4, 1), Date(2025, 6, 30)});
    Objective top, child;
    top.id = "o-top";
    top.title = "افزایش رضایت مشتری";  // Persian: right-to-left
    top.cycle = "q";
    child.id = "o-child";
    child.title = "提高客户满意度";  // Chinese
    child.cycle = "q";
    child.aligns_to.push_back({"o-top", 1.0});
    m.objectives = {top, child};
    KeyResult k;
    k.id = "kr";
    k.objective = "o-child";
    k.title = "<script>alert(1)</script>";
    k.target.kind = TargetKind::increase;
    k.target.baseline = 0;
    k.target.target = 4;
    k.series = "s";
    m.key_results = {k};
    SeriesStore s;
    s.add("s", Date(2025, 5, 1), 1);  // progress 1/4
    s.finalize();
    sc = evaluate(m, s, Date(2025, 5, 16));
  }
};
}  // namespace

TEST_CASE("html_escape replaces the five special characters") {
  CHECK(html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(html_escape("رضا 李") == "رضا 李");
}

TEST_CASE("report_html: one standalone page with the tree, chart and statuses") {
  Fixture f;
  const std::string h = report_html(f.m, f.sc);
  CHECK(h.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(h.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(h.find("<script>") == std::string::npos);  // user text escaped, no scripts
  CHECK(h.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(h.find("R&amp;D &lt;Q2&gt; — scorecard as of 2025-05-16") != std::string::npos);
  CHECK(h.find("src=") == std::string::npos);  // no external assets
  CHECK(h.find("href=") == std::string::npos);
  // The parent objective comes first; its child is indented one level deeper (2 steps of 18px).
  const auto top = h.find("px\">افزایش رضایت مشتری</td>");
  const auto child = h.find("padding-inline-start:44px\">提高客户满意度</td>");
  REQUIRE(top != std::string::npos);
  REQUIRE(child != std::string::npos);
  CHECK(top < child);
  CHECK(h.find("dir=\"auto\" style=\"padding-inline-start:62px\">&lt;script&gt;") !=
        std::string::npos);
  // 3 rows with bars (2 objectives + 1 KR) and one chart bar per objective.
  CHECK(count(h, "<svg class=\"bar\"") == 3);
  CHECK(count(h, "<g><title>") == 2);
  const NodeScore* kr = f.sc.find("kr");
  REQUIRE(kr != nullptr);
  CHECK(kr->attainment == Approx(0.25));
  CHECK(h.find("aria-label=\"25%\"") != std::string::npos);
  CHECK(h.find(std::string(">") + [&] {
    std::string s = to_string(kr->status);
    for (auto& c : s)
      if (c == '_') c = ' ';
    return s;
  }() + "</span>") != std::string::npos);
  // The status badge's tooltip is the row's reason (escaped).
  REQUIRE(!kr->reason.empty());
  CHECK(h.find("class=\"badge\" title=\"" + html_escape(kr->reason) + "\"") != std::string::npos);
}

TEST_CASE("report_html: a Problems section lists every diagnostic, escaped") {
  Fixture f;
  CHECK(report_html(f.m, f.sc).find("<h2>Problems</h2>") == std::string::npos);  // none: no section
  Diagnostic d;
  d.severity = Severity::error;
  d.code = "formula-error";
  d.message = "expression 'a <b> 1': column 3: expected a number";
  d.where = Location{"m.json", 12, "", "formula"};
  f.sc.nodes[0].diagnostics.push_back(d);
  const std::string h = report_html(f.m, f.sc);
  const auto at = h.find("<h2>Problems</h2>");
  REQUIRE(at != std::string::npos);
  CHECK(h.find("<p>1 error</p>", at) != std::string::npos);
  // the node id comes from the row the diagnostic belongs to
  CHECK(h.find("<td>error</td><td dir=\"auto\">" + f.sc.nodes[0].id +
                   "</td><td>formula</td><td>formula-error</td>",
               at) != std::string::npos);
  CHECK(h.find("m.json:12: expression &#39;a &lt;b&gt; 1&#39;: column 3", at) != std::string::npos);
  CHECK(h.find("<b>") == std::string::npos);
}
