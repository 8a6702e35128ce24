using Npgsql;

namespace Clauses.Api.Demo;

/// <summary>Writes the demo data with binary COPY, parents before children (foreign keys are checked per statement).</summary>
internal static class DemoWriter
{
    public static async Task WriteAsync(NpgsqlConnection connection, DemoData data, CancellationToken ct)
    {
        await CopyAsync(connection, "organisations (id, name, kind, siret, departement)", data.Organisations,
            o => [o.Id, o.Name, o.Kind, o.Siret, o.Departement], ct);
        await CopyAsync(connection, "users (id, tenant_id, object_id, email, display_name, platform_admin)", data.Users,
            u => [u.Id, DemoSeeder.DevTenantId, u.ObjectId, u.Email, u.DisplayName, u.PlatformAdmin], ct);
        await CopyAsync(connection, "memberships (organisation_id, user_id, role)", data.Memberships,
            m => [m.OrganisationId, m.UserId, m.Role], ct);
        await CopyAsync(connection, "companies (id, siret, name, naf_code, departement)", data.Companies,
            c => [c.Id, c.Siret, c.Name, c.NafCode, c.Departement], ct);
        await CopyAsync(connection, "labour_share_overrides (organisation_id, trade, share, source, updated_by)", data.LabourShareOverrides,
            l => [l.OrganisationId, l.Trade, l.Share, l.Source, l.UpdatedBy], ct);
        await CopyAsync(connection,
            "contracts (id, organisation_id, reference, title, kind, category, status, cpv_code, amount_ht, notified_on, starts_on, ends_on, created_by)",
            data.Contracts,
            c => [c.Id, c.OrganisationId, c.Reference, c.Title, c.Kind, c.Category, c.Status, c.CpvCode, c.AmountHt, c.NotifiedOn,
                  c.StartsOn, c.EndsOn, c.CreatedBy], ct);
        await CopyAsync(connection,
            "lots (id, organisation_id, contract_id, number, title, trade, cpv_code, amount_ht, contractor_company_id)", data.Lots,
            l => [l.Id, l.OrganisationId, l.Contract.Id, l.Number, l.Title, l.Trade, l.CpvCode, l.AmountHt, l.Contractor?.Id], ct);
        await CopyAsync(connection,
            "relevance_analyses (id, organisation_id, lot_id, outcome, instruments, reason, comment, loi_climat_applies, analysed_by, analysed_at, updated_at)",
            data.Analyses,
            a => [a.Id, a.OrganisationId, a.LotId, a.Outcome, a.Instruments, a.Reason, a.Comment, a.LoiClimatApplies, a.AnalysedBy,
                  a.AnalysedAt, a.AnalysedAt], ct);
        await CopyAsync(connection,
            "clauses (id, organisation_id, lot_id, instrument, sizing_mode, amount_ht, labour_share, labour_share_source, insertion_rate, "
            + "hourly_cost, target_hours, preset, award_weight, penalty_per_hour, penalty_cap, eligible_criteria, allowed_modalities, "
            + "facilitator_user_id, reporting_frequency, created_by)",
            data.Clauses,
            c => [c.Id, c.OrganisationId, c.Lot.Id, c.Instrument, c.SizingMode, c.AmountHt, c.LabourShare, c.LabourShareSource,
                  c.InsertionRate, c.HourlyCost, c.TargetHours, c.Preset, c.AwardWeight, c.PenaltyPerHour, c.PenaltyCap,
                  c.EligibleCriteria, c.AllowedModalities, c.FacilitatorUserId, c.ReportingFrequency, c.CreatedBy], ct);
        await CopyAsync(connection,
            "siae (id, siret, name, kind, sectors, departements, city, postcode, radius_km, contact_email, contact_phone, source, "
            + "external_id, account_organisation_id, imported_at)",
            data.Siae,
            s => [s.Id, s.Siret, s.Name, s.Kind, s.Sectors, s.Departements, s.City, s.Postcode, s.RadiusKm, s.ContactEmail,
                  s.ContactPhone, s.Source, s.ExternalId, s.AccountOrganisationId, s.ImportedAt], ct);
        await CopyAsync(connection,
            "tenders (id, organisation_id, contract_id, lot_id, buyer_name, contract_reference, lot_number, title, description, "
            + "reservation, sectors, departements, amount_ht, deadline_at, status, published_at, closed_at, created_by)",
            data.Tenders,
            t => [t.Id, t.OrganisationId, t.ContractId, t.LotId, t.BuyerName, t.ContractReference, t.LotNumber, t.Title, t.Description,
                  t.Reservation, t.Sectors, t.Departements, t.AmountHt, t.DeadlineAt, t.Status, t.PublishedAt,
                  t.Status == "clos" ? (DateTime?)t.DeadlineAt : null, t.CreatedBy], ct);
        await CopyAsync(connection, "tender_interests (tender_id, siae_id, organisation_id, user_id, message)", data.TenderInterests,
            i => [i.TenderId, i.SiaeId, i.OrganisationId, i.UserId, i.Message], ct);
        await CopyAsync(connection,
            "participants (id, organisation_id, sex, birth_year, departement, qpv_resident, education_level, created_by, last_activity_on)",
            data.Participants,
            p => [p.Id, p.OrganisationId, p.Sex, p.BirthYear, p.Departement, p.QpvResident, p.EducationLevel, p.CreatedBy,
                  p.LastActivityOn], ct);
        await CopyAsync(connection,
            "participant_identities (participant_id, organisation_id, last_name, first_name, birth_date, email, phone, address, postcode, "
            + "city, france_travail_id)",
            data.Identities,
            i => [i.ParticipantId, i.OrganisationId, i.LastName, i.FirstName, i.BirthDate, i.Email, i.Phone, i.Address, i.Postcode,
                  i.City, i.FranceTravailId], ct);
        await CopyAsync(connection,
            "eligibility_validations (id, organisation_id, participant_id, criteria, basis, prescriber_kind, prescriber_name, "
            + "evidence_reference, validated_on, valid_until, validated_by)",
            data.Eligibilities,
            e => [e.Id, e.OrganisationId, e.ParticipantId, e.Criteria, e.Basis, e.PrescriberKind, e.PrescriberName,
                  e.EvidenceReference, e.ValidatedOn, e.ValidUntil, e.ValidatedBy], ct);
        await CopyAsync(connection,
            "assignments (id, organisation_id, participant_id, lot_id, clause_id, employer_siret, siae_id, modality, employment_contract, "
            + "job_title, starts_on, ends_on, created_by)",
            data.Assignments,
            a => [a.Id, a.OrganisationId, a.ParticipantId, a.Lot.Id, a.Clause.Id, a.EmployerSiret, a.Siae?.Id, a.Modality,
                  a.EmploymentContract, a.JobTitle, a.StartsOn, a.EndsOn, a.CreatedBy], ct);
        // Hours before their statements: a validated statement locks its hours (trigger in migration 0006).
        await CopyAsync(connection,
            "hour_records (organisation_id, contract_id, lot_id, clause_id, participant_id, employer_siret, siae_id, modality, period, "
            + "hours, counting_method, invoiced_amount_ht, evidence_reference, source, file_hash, declared_by)",
            data.Hours,
            h => [h.OrganisationId, h.ContractId, h.LotId, h.ClauseId, h.ParticipantId, h.EmployerSiret, h.SiaeId, h.Modality,
                  h.Period, h.Hours, h.CountingMethod, h.InvoicedAmountHt, h.EvidenceReference, h.Source, h.FileHash, h.DeclaredBy], ct);
        await CopyAsync(connection,
            "hour_statements (id, organisation_id, contract_id, period, status, validated_by, validated_at)", data.Statements,
            s => [s.Id, s.OrganisationId, s.ContractId, s.Period, s.Status, s.ValidatedBy, s.ValidatedAt], ct);
        await CopyAsync(connection,
            "exits (id, organisation_id, participant_id, exited_on, outcome, follow_up_due_on, follow_up_on, follow_up_outcome, created_by)",
            data.Exits,
            e => [e.Id, e.OrganisationId, e.ParticipantId, e.ExitedOn, e.Outcome, e.FollowUpDueOn, e.FollowUpOn, e.FollowUpOutcome,
                  e.CreatedBy], ct);
        await CopyAsync(connection,
            "spar_targets (id, organisation_id, year, indicator, target_value, unit, created_by)", data.SparTargets,
            s => [s.Id, s.OrganisationId, s.Year, s.Indicator, s.TargetValue, s.Unit, s.CreatedBy], ct);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string target, IEnumerable<T> rows, Func<T, object?[]> values,
        CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var value in values(row))
            {
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, ct);
                }
            }
        }
        await importer.CompleteAsync(ct);
    }
}
