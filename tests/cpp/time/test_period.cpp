#include <catch2/catch.hpp>

#include <string>
#include <unordered_set>

#include <okrkit/time/period.hpp>

using namespace okrkit;

namespace {
CalendarSettings fiscal(int start_month) {
  CalendarSettings c;
  c.fiscal_start_month = start_month;
  return c;
}
}  // namespace

TEST_CASE("gregorian labels, hand-checked spans") {
  auto m = parse_period("2025-06");
  CHECK(m.kind() == PeriodKind::month);
  CHECK(m.start() == Date(2025, 6, 1));
  CHECK(m.end() == Date(2025, 6, 30));
  CHECK(m.length_days() == 30);
  auto q = parse_period("2025-Q2");
  CHECK(q.start() == Date(2025, 4, 1));
  CHECK(q.end() == Date(2025, 6, 30));
  CHECK(q.length_days() == 91);  // 30 + 31 + 30
  CHECK(parse_period("2025-H1").length_days() == 181);
  CHECK(parse_period("2025").length_days() == 365);
  CHECK(parse_period("2024").length_days() == 366);
  auto w =
      parse_period("2025-W23");  // Python: date.fromisocalendar(2025, 23, 1) == date(2025, 6, 2)
  CHECK(w.start() == Date(2025, 6, 2));
  CHECK(w.end() == Date(2025, 6, 8));
  auto d = parse_period("2025-06-03");
  CHECK(d.kind() == PeriodKind::day);
  CHECK(d.start() == Date(2025, 6, 3));
  CHECK(d.length_days() == 1);
}

TEST_CASE("fiscal labels follow the calendar's start month") {
  // April start (UK, India, Japan): FY2026 runs 2025-04-01 .. 2026-03-31.
  auto q1 = parse_period("FY2026-Q1", fiscal(4));
  CHECK(q1.kind() == PeriodKind::fiscal_quarter);
  CHECK(q1.start() == Date(2025, 4, 1));
  CHECK(q1.end() == Date(2025, 6, 30));
  // October start (US federal): FY2026 Q1 is October..December 2025.
  auto us = parse_period("FY2026-Q1", fiscal(10));
  CHECK(us.start() == Date(2025, 10, 1));
  CHECK(us.end() == Date(2025, 12, 31));
  CHECK(parse_period("FY2026", fiscal(7)).start() == Date(2025, 7, 1));
  CHECK(parse_period("FY2026", fiscal(7)).end() == Date(2026, 6, 30));
  CHECK(parse_period("FY2026-H2", fiscal(7)).start() == Date(2026, 1, 1));
  CHECK(period_of(Date(2025, 5, 1), PeriodKind::fiscal_quarter, fiscal(4)).label() == "FY2026-Q1");
  CHECK(period_of(Date(2025, 3, 31), PeriodKind::fiscal_year, fiscal(4)).label() == "FY2025");
  // January start: fiscal = calendar
  CHECK(parse_period("FY2025-Q3").start() == Date(2025, 7, 1));
  // the start month is part of the type
  CHECK(parse_period("FY2026-Q1", fiscal(4)) != parse_period("FY2026-Q1", fiscal(10)));
}

TEST_CASE("jalali labels, hand-checked spans") {
  // Nowruz 1404 = 2025-03-21; Farvardin has 31 days.
  auto m = parse_period("1404-01");
  CHECK(m.kind() == PeriodKind::jalali_month);
  CHECK(m.start() == Date(2025, 3, 21));
  CHECK(m.end() == Date(2025, 4, 20));
  // Q2 = Tir, Mordad, Shahrivar (3 x 31 days): 2025-06-22 .. 2025-09-22 (1 Mehr = 09-23).
  auto q = parse_period("1404-Q2");
  CHECK(q.start() == Date(2025, 6, 22));
  CHECK(q.end() == Date(2025, 9, 22));
  CHECK(q.length_days() == 93);
  // 1404 is a common year (365 days); the Iranian fiscal year is the Jalali year.
  auto y = parse_period("1404");
  CHECK(y.kind() == PeriodKind::jalali_year);
  CHECK(y.length_days() == 365);
  CHECK(y.end() == Date(2026, 3, 20));
  CHECK(parse_period("1403").length_days() == 366);
  CHECK(parse_period("1404-H2").start() == Date(2025, 9, 23));
  CHECK(parse_period("1403-12-30").start() == Date(2025, 3, 20));
  CHECK(parse_period("SH1404-Q2") == q);
  CHECK(period_of(Date(2025, 3, 20), PeriodKind::jalali_year).label() == "1403");
  CHECK(period_of(Date(2025, 3, 21), PeriodKind::jalali_quarter).label() == "1404-Q1");
  CHECK(parse_jalali_date("1403-12-30") == Date(2025, 3, 20));
  CHECK_THROWS_WITH(parse_jalali_date("1404-12-30"), "jalali date '1404-12-30' does not exist");
}

TEST_CASE("retail labels on the default NRF-shaped calendar") {
  // R2025 (NRF "fiscal 2024"): 2024-02-04 .. 2025-02-01, 52 weeks.
  auto y = parse_period("R2025");
  CHECK(y.start() == Date(2024, 2, 4));
  CHECK(y.end() == Date(2025, 2, 1));
  CHECK(y.length_days() == 364);
  // R2024 has 53 weeks; 4-4-5 with the extra week in Q4's last period:
  // P12 = 6 weeks ending 2024-02-03.
  auto p12 = parse_period("R2024-P12");
  CHECK(p12.end() == Date(2024, 2, 3));
  CHECK(p12.length_days() == 42);
  CHECK(parse_period("R2024-Q4").length_days() == 14 * 7);
  CHECK(parse_period("R2025-Q1").length_days() == 13 * 7);
  CHECK(parse_period("R2025-P03").length_days() == 35);
  auto w53 = parse_period("R2024-W53");
  CHECK(w53.start() == Date(2024, 1, 28));
  CHECK(w53.end() == Date(2024, 2, 3));
  CHECK(w53.next().label() == "R2025-W01");
  CHECK(weekday_of(w53.start()) == Weekday::sunday);
  CHECK_THROWS_WITH(parse_period("R2025-W53"), "period label 'R2025-W53': R2025 has 52 weeks");
}

TEST_CASE("next, previous, arithmetic and elapsed fraction") {
  CHECK(parse_period("2025-Q4").next() == parse_period("2026-Q1"));
  CHECK(parse_period("2026-Q1").previous() == parse_period("2025-Q4"));
  CHECK(parse_period("2025-W52").next().label() == "2026-W01");  // 2025 has 52 iso weeks
  CHECK(parse_period("2026-W52").next().label() == "2026-W53");
  CHECK(parse_period("1403-12").next().label() == "1404-01");
  CHECK((parse_period("2025-06") + 7).label() == "2026-01");
  CHECK(parse_period("2026-01") - parse_period("2025-06") == 7);
  auto q = parse_period("2025-Q2");
  // 2025-05-15 is day 45 of 91 (30 days of April + 15 of May)
  CHECK(q.elapsed_fraction(Date(2025, 5, 15)) == Approx(45.0 / 91.0));
  CHECK(q.elapsed_fraction(Date(2025, 3, 31)) == 0.0);
  CHECK(q.elapsed_fraction(Date(2025, 6, 30)) == 1.0);
  CHECK(q.elapsed_fraction(Date(2025, 4, 1)) == Approx(1.0 / 91.0));
  CHECK(q.contains(Date(2025, 6, 30)));
  CHECK_FALSE(q.contains(Date(2025, 7, 1)));
  CHECK(parse_period("2025-Q1") < q);
  CHECK(period_kind_of(Frequency::weekly) == PeriodKind::iso_week);
}

TEST_CASE("labels round-trip and periods tile the time line, every kind") {
  CalendarSettings cal;
  cal.fiscal_start_month = 7;
  for (const auto& [kind, name] : detail::enum_names<PeriodKind>::names) {
    INFO(name);
    PeriodType t(kind, cal);
    Period p = t.of(Date(1990, 1, 1));
    std::unordered_set<Period> seen;
    while (p.start() <= Date(2030, 12, 31)) {
      const std::string l = p.label();
      REQUIRE(parse_period(l, cal) == p);
      REQUIRE(p.next().start_day() == p.end_day() + 1);
      REQUIRE(t.of(p.start()) == p);
      REQUIRE(t.of(p.end()) == p);
      REQUIRE(seen.insert(p).second);
      p = kind == PeriodKind::day || kind == PeriodKind::jalali_day ? p + 97 : p.next();
    }
  }
}

TEST_CASE("bad labels are parse errors that say why") {
  CHECK_THROWS_WITH(parse_period("2025-Q5"), "period label '2025-Q5': quarter must be 1..4");
  CHECK_THROWS_WITH(parse_period("2025-H3"), "period label '2025-H3': half must be 1..2");
  CHECK_THROWS_WITH(parse_period("2025-13"), "period label '2025-13': month must be 01..12");
  CHECK_THROWS_WITH(parse_period("2025-02-30"), "period label '2025-02-30': date does not exist");
  CHECK_THROWS_WITH(parse_period("1404-12-30"),
                    "period label '1404-12-30': date does not exist (1404 is not a leap year, "
                    "esfand has 29 days)");
  CHECK_THROWS_WITH(parse_period("2025-W53"), "period label '2025-W53': 2025 has 52 iso weeks");
  CHECK_THROWS_WITH(parse_period("1404-W10"),
                    Catch::Contains("weeks are iso weeks of a gregorian year"));
  CHECK_THROWS_WITH(parse_period("FY2026-03"),
                    "period label 'FY2026-03': unknown part '03' (expected Qn or Hn)");
  CHECK_THROWS_WITH(parse_period("25-Q1"), Catch::Contains("expected a 4-digit year"));
  CHECK_THROWS_WITH(parse_period("2025Q1"), "period label '2025Q1': expected '-' after the year");
  CHECK_THROWS_WITH(parse_period("2025-X1"), Catch::Contains("unknown part 'X1'"));
  CHECK_THROWS_WITH(parse_period(""), "period label is empty");
  CHECK_THROWS_WITH(parse_period("R2025-P13"),
                    "period label 'R2025-P13': retail period must be 01..12");
  CHECK_THROWS_AS(parse_period("0500"), ParseError);    // solar hijri 500 is out of range
  CHECK_THROWS_AS(parse_period("CE1300"), ParseError);  // before 1400-01-01
  CHECK_THROWS_AS(parse_period("FY2026-Q1", fiscal(13)), ParseError);
  Location at{"kpis.csv", 7, "kr1", "cycle"};
  CHECK_THROWS_WITH(
      parse_period("2025-Q0", {}, at),
      "kpis.csv:7: node 'kr1': field 'cycle': period label '2025-Q0': quarter must be 1..4");
}

TEST_CASE("prefixes force the calendar and are written only when needed") {
  CHECK(parse_period("CE1650-Q1").start() == Date(1650, 1, 1));
  CHECK(parse_period("CE1650-Q1").label() == "CE1650-Q1");
  CHECK(parse_period("SH1800").label() == "SH1800");
  CHECK(parse_period("CE2025-06").label() == "2025-06");
  CHECK(parse_period("fy2026-q1", fiscal(4)).label() == "FY2026-Q1");  // letters are case-blind
}
