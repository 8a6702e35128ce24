-- The SPAR burn-down reads each hourly clause's hours over its whole execution (SparDashboardStore, "done by lot"). At
-- national scale (bench/RESULTS.md, "SPAR dashboard at national scale") the largest organisation's clauses of a year are
-- ~2 800 lots with ~57 roll-up rows each over up to ten years: through the primary key the query read all of the
-- organisation's months (610 000 rows) and sorted the 160 000 kept on disk, 160–260 ms. Keyed by lot then month and
-- carrying what the query reads, each lot is one short range read from the index alone (heap not visited, RLS's
-- organisation_id included). It also serves the fulfilment query (hours per lot). Replaces the lot-only index.
DROP INDEX hour_month_totals_lot;
CREATE INDEX hour_month_totals_lot_month ON hour_month_totals (lot_id, month) INCLUDE (organisation_id, hours);
