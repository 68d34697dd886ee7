"""Month arithmetic, the one set every page, e-mail, reminder and retention date uses."""

from datetime import date

from proeftuin import months


def test_adding_months_lands_on_the_first_of_the_month_across_years():
    assert months.add_months(date(2026, 11, 30), 2) == date(2027, 1, 1)
    assert months.add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert months.first_of_next_month(date(2026, 12, 31)) == date(2027, 1, 1)


def test_the_last_of_the_month_knows_leap_years():
    assert months.last_of_month(date(2028, 2, 10)) == date(2028, 2, 29)
    assert months.last_of_month(date(2026, 2, 10)) == date(2026, 2, 28)
    assert months.last_of_month(date(2026, 12, 1)) == date(2026, 12, 31)


def test_the_same_day_months_later_is_the_months_last_day_when_it_is_shorter():
    assert months.months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months.months_after(date(2027, 8, 31), -6) == date(2027, 2, 28)
    assert months.months_after(date(2026, 6, 15), 12) == date(2027, 6, 15)


def test_the_last_months_run_oldest_first_up_to_this_month():
    assert months.last_months(date(2026, 2, 14), 3) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
