-- The SPAR dashboard reads an organisation's hourly clauses twice (SparDashboardStore: the contracts whose execution overlaps
-- the year with an hourly clause, and the clauses of the burn-down). The clauses_org index only names the organisation, so
-- both visited one heap page per clause: at national scale (bench/RESULTS.md, "SPAR dashboard at national scale") 8 500
-- pages for the largest organisation, ~20 ms each time. This partial index holds only the clauses with target hours and
-- what both queries read, so they are answered from it alone (120 pages for that organisation; 26 MB for 375 000 clauses).
CREATE INDEX clauses_org_hourly ON clauses (organisation_id)
  INCLUDE (lot_id, instrument, target_hours, penalty_per_hour, penalty_cap, id)
  WHERE target_hours IS NOT NULL;
