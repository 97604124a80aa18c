-- 0010: a register printed from its index alone. `register_book` (station, book, date) also
-- carries the columns the 活动 · 联系群众 · 述职 books print (stations::excel::print_cells), so a
-- year's export reads a run of index pages instead of one table page per entry: at a busy
-- station's ~1,100 contacts a year those lookups were ~2.5 ms of the ~6 the rows took, the
-- export's largest cost beside the writer. The key stays first, so every query that used the
-- index still does; the 意见 book prints through the register page's query and needs none of it.
-- Replaced rather than added beside: one index to keep on every write, as before.
DROP INDEX register_book;
CREATE INDEX register_book ON register_entries(
    station_id, book, date, active,
    kind, title, place, organizer, recorder, public_count, opinion_count, body,
    person_name, village, phone, category, handling, transfer_unit, deadline, result, feedback_date, rating,
    district, voters_present, votes_satisfied, votes_basic, votes_unsatisfied, comments
);
