using System.Collections.Frozen;
using Clauses.Core.Common;
using Clauses.Core.Hours;

namespace Clauses.Core.Sizing;

/// <summary>Sizes an insertion clause on one lot and explains the result in French (R1–R8).</summary>
public static class Sizer
{
    /// <summary>Lower bound of the usual insertion rate.</summary>
    // R4 (legal-rules §7): warn if r < 5 % or r > 20 % (MDE Alès « entre 5 et 20 % »; weka « entre 5 et 10 % »).
    public const decimal UsualRateMin = 0.05m;

    /// <summary>Upper bound of the usual insertion rate.</summary>
    public const decimal UsualRateMax = 0.20m;

    /// <summary>Labour share below which the State 2008 rule would not target the sector.</summary>
    // R4 (legal-rules §7, §1.8): circulaire PM n° 5351 du 3 déc. 2008, sectors with ≥ 50 % labour.
    public const decimal StateRuleLabourShare = 0.50m;

    /// <summary>Below this target no clause is advised.</summary>
    // DOMAIN §3 (Inserpropre cleaning variant): "below 150 h no clause is advised".
    public const decimal AdvisedMinimumHours = 150m;

    /// <summary>Largest accepted loaded hourly cost, €/h (observed 25–35 €/h, DOMAIN §3).</summary>
    public const decimal MaxHourlyCost = 1000m;

    /// <summary>Largest target the database stores (clauses.target_hours numeric(10,2)).</summary>
    public const decimal MaxHours = 99_999_999.99m;

    /// <summary>Shown when the hours cannot be computed yet (fixed-hours mode).</summary>
    public const string GenericFormula = "Montant HT × part de main-d'œuvre × taux d'insertion ÷ coût horaire chargé";

    /// <summary>Shown in % mode while the rate is unknown.</summary>
    public const string GenericPercentFormula = "Pourcentage des heures travaillées sur le lot (taux à préciser)";

    private const char U = FrenchNumbers.UnitSpace;

    // R7 (legal-rules §7): a clause without a quantified volume is invalid (CCAG 2021 art. 16.1, DAE guide 2023 « pratique à proscrire »).
    private static readonly SizingWarning VolumeAbsent = new(SizingWarningCode.VolumeAbsent,
        "Aucun volume d'insertion n'est quantifié : une clause doit fixer un nombre d'heures ou un pourcentage des heures travaillées (CCAG 2021), sinon elle est inopérante.");

    private static readonly SizingWarning TauxHorsPlage = new(SizingWarningCode.TauxHorsPlage,
        $"Le taux d'insertion sort de la plage habituellement pratiquée (de 5{U}% à 20{U}% des heures travaillées).");

    private static readonly SizingWarning PartMoAValider = new(SizingWarningCode.PartMoAValider,
        "La part de main-d'œuvre est une valeur par défaut de la table, non sourcée : faites-la valider par le facilitateur.");

    private static readonly SizingWarning PartMoInferieure50 = new(SizingWarningCode.PartMoInferieure50,
        $"La part de main-d'œuvre est inférieure à 50{U}% : la circulaire « État exemplaire » de 2008 ciblait les secteurs où elle atteint au moins 50{U}% (information).");

    private static readonly SizingWarning VolumeInferieur150h = new(SizingWarningCode.VolumeInferieur150h,
        $"Le volume d'insertion est inférieur à 150{U}heures : en dessous de ce seuil, une clause n'est généralement pas conseillée.");

    // R8 (legal-rules §7, §1.1): the clause must not impose a single way of fulfilling it (udaim guidance).
    private static readonly SizingWarning ModaliteUnique = new(SizingWarningCode.ModaliteUnique,
        "Une seule modalité de réalisation est autorisée : la clause doit laisser au titulaire plusieurs moyens de s'en acquitter.");

    private static readonly SizingWarning AucuneModalite = new(SizingWarningCode.AucuneModalite,
        "Aucune modalité de réalisation n'est autorisée : indiquez les moyens offerts au titulaire (embauche directe, intérim d'insertion, sous-traitance à une SIAE, formation…).");

    // R5/R6 (legal-rules §7): one message per preset, built once.
    private static readonly FrozenDictionary<string, SizingWarning> BelowPreset = SizingPreset.Terms.All.ToFrozenDictionary(
        p => p.Code,
        p => new SizingWarning(SizingWarningCode.TauxInferieurPreset,
            string.Create(FrenchNumbers.Format, $"Le taux d'insertion est inférieur au minimum de {p.MinRate * 100:#,##0.##}{U}% fixé par le préréglage « {p.Label} »."))
        , StringComparer.Ordinal);

    /// <summary>Validates the input, computes the hours and lists the warnings. Never throws for bad input.</summary>
    public static SizingResult Compute(SizingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ValidationErrors();
        var fixedMode = input.SizingMode == SizingMode.HeuresFixes;
        var percentMode = input.SizingMode == SizingMode.PourcentageHeures;

        TextRules.KnownCode(errors, "sizingMode", input.SizingMode, SizingMode.Terms, "le mode de dimensionnement");
        var roundingKnown = RoundingMode.Terms.IsKnown(input.RoundingMode);
        if (!roundingKnown)
        {
            TextRules.KnownCode(errors, "roundingMode", input.RoundingMode, RoundingMode.Terms, "le mode d'arrondi");
        }

        PresetTerm? preset = null;
        if (input.Preset is not null)
        {
            preset = SizingPreset.Terms.Find(input.Preset);
            if (preset is null)
            {
                errors.Add("preset", $"Valeur inconnue pour le préréglage : « {input.Preset} ». Valeurs admises : {SizingPreset.Terms.CodesText}.");
            }
        }

        var amount = CheckAmount(errors, input.AmountHt, fixedMode);
        var share = CheckFraction(errors, "labourShare", input.LabourShare, fixedMode, LabourShareMessages);
        var rate = CheckFraction(errors, "insertionRate", input.InsertionRate, required: false, RateMessages);
        var cost = CheckHourlyCost(errors, input.HourlyCost, fixedMode);
        var declared = CheckDeclaredTotal(errors, input.DeclaredTotalHours);

        if (input.LabourShare.HasValue || !string.IsNullOrEmpty(input.LabourShareSource))
        {
            TextRules.KnownCode(errors, "labourShareSource", input.LabourShareSource, LabourShareSource.Terms, "la source de la part de main-d'œuvre");
        }

        var modalityCount = CountModalities(errors, input.AllowedModalities);

        // R1 (legal-rules §7): H = A × m × r ÷ c in decimal, mefsud77 worked example (1 000 000 × 50 % × 5 % ÷ 30 = 833 h).
        // R2 (legal-rules §7): in % mode, H = declared total hours worked × r, recomputed from the contractor's declaration.
        decimal? exact = null;
        if (fixedMode && amount is { } a && share is { } m && rate is { } r && cost is { } c)
        {
            exact = a * m * r / c;
        }
        else if (percentMode && rate is { } pr && declared is { } total)
        {
            exact = total * pr;
        }

        decimal? target = exact is { } e && roundingKnown ? RoundingMode.Apply(e, input.RoundingMode) : null;
        if (target > MaxHours)
        {
            errors.Add(fixedMode ? "amountHt" : "declaredTotalHours",
                string.Create(FrenchNumbers.Format, $"Le volume d'heures calculé dépasse le maximum enregistrable ({MaxHours:N2}{U}h) : vérifiez le montant, la part de main-d'œuvre et le coût horaire."));
        }

        var formula = fixedMode ? FixedFormula(amount, share, rate, cost, exact, target)
            : percentMode ? PercentFormula(rate, declared, exact, target)
            : string.Empty;

        List<SizingWarning>? warnings = null;
        if (fixedMode ? exact is null : !(percentMode && rate.HasValue))
        {
            Add(ref warnings, VolumeAbsent);
        }

        if (rate is { } rv)
        {
            // R6: the overseas preset requires ≥ 30 %, so the 20 % upper bound does not apply when a preset asks for more.
            if (rv < UsualRateMin || (rv > UsualRateMax && !(preset?.MinRate > UsualRateMax)))
            {
                Add(ref warnings, TauxHorsPlage);
            }

            if (preset is not null && rv < preset.MinRate)
            {
                Add(ref warnings, BelowPreset[preset.Code]);
            }
        }

        if (input.LabourShareSource == LabourShareSource.TableAValider)
        {
            Add(ref warnings, PartMoAValider);
        }

        if (share < StateRuleLabourShare)
        {
            Add(ref warnings, PartMoInferieure50);
        }

        if (target < AdvisedMinimumHours)
        {
            Add(ref warnings, VolumeInferieur150h);
        }

        if (modalityCount == 0)
        {
            Add(ref warnings, AucuneModalite);
        }
        else if (modalityCount == 1)
        {
            Add(ref warnings, ModaliteUnique);
        }

        return new SizingResult(exact, target, formula, warnings is null ? [] : warnings, errors);
    }

    private static void Add(ref List<SizingWarning>? warnings, SizingWarning warning) =>
        (warnings ??= new List<SizingWarning>(4)).Add(warning);

    private static decimal? CheckAmount(ValidationErrors errors, decimal? amount, bool required)
    {
        if (amount is not { } a)
        {
            if (required)
            {
                errors.Add("amountHt", "Le montant HT est obligatoire pour calculer le nombre d'heures.");
            }

            return null;
        }

        if (a >= 0 && a <= AmountRules.Max && decimal.Round(a, 2) == a)
        {
            return a;
        }

        AmountRules.Check(errors, "amountHt", a);
        return null;
    }

    // Shares and rates are stored as numeric(5,4) with CHECK (> 0 AND <= 1) (migration 0004).
    private static decimal? CheckFraction(ValidationErrors errors, string field, decimal? value, bool required, FractionMessages messages)
    {
        if (value is not { } v)
        {
            if (required)
            {
                errors.Add(field, messages.Required);
            }

            return null;
        }

        if (v <= 0 || v > 1)
        {
            errors.Add(field, messages.Range);
            return null;
        }

        if (decimal.Round(v, 4) != v)
        {
            errors.Add(field, messages.Precision);
            return null;
        }

        return v;
    }

    private sealed record FractionMessages(string Required, string Range, string Precision);

    private static readonly FractionMessages LabourShareMessages = new(
        "La part de main-d'œuvre est obligatoire pour calculer le nombre d'heures.",
        $"La part de main-d'œuvre doit être supérieure à 0{U}% et au plus égale à 100{U}%.",
        $"La part de main-d'œuvre ne peut pas être plus précise que 0,01{U}%.");

    private static readonly FractionMessages RateMessages = new(
        "Le taux d'insertion est obligatoire pour calculer le nombre d'heures.",
        $"Le taux d'insertion doit être supérieur à 0{U}% et au plus égal à 100{U}%.",
        $"Le taux d'insertion ne peut pas être plus précis que 0,01{U}%.");

    // Hourly cost is stored as numeric(8,2) CHECK (> 0) (migration 0004); observed 25–35 €/h (DOMAIN §3).
    private static decimal? CheckHourlyCost(ValidationErrors errors, decimal? value, bool required)
    {
        if (value is not { } c)
        {
            if (required)
            {
                errors.Add("hourlyCost", "Le coût horaire chargé est obligatoire pour calculer le nombre d'heures.");
            }

            return null;
        }

        if (c <= 0 || c > MaxHourlyCost)
        {
            errors.Add("hourlyCost", $"Le coût horaire chargé doit être supérieur à 0 et au plus égal à {Euros.Format(MaxHourlyCost)} de l'heure.");
            return null;
        }

        if (decimal.Round(c, 2) != c)
        {
            errors.Add("hourlyCost", "Le coût horaire chargé ne peut pas avoir plus de deux décimales.");
            return null;
        }

        return c;
    }

    private static decimal? CheckDeclaredTotal(ValidationErrors errors, decimal? value)
    {
        if (value is not { } h)
        {
            return null;
        }

        if (h < 0 || h > MaxHours)
        {
            errors.Add("declaredTotalHours",
                string.Create(FrenchNumbers.Format, $"Le total des heures travaillées déclaré doit être compris entre 0 et {MaxHours:N2}{U}h."));
            return null;
        }

        return h;
    }

    // R8 (legal-rules §7): modalities are Modality codes; duplicates count once.
    private static int CountModalities(ValidationErrors errors, IReadOnlyCollection<string>? modalities)
    {
        if (modalities is null)
        {
            return 0;
        }

        var codes = Modality.Terms.Codes;
        var seen = 0;
        var count = 0;
        foreach (var code in modalities)
        {
            var index = -1;
            for (var i = 0; i < codes.Count; i++)
            {
                if (string.Equals(codes[i], code, StringComparison.Ordinal))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                errors.Add("allowedModalities", $"Modalité de réalisation inconnue : « {code} ». Valeurs admises : {Modality.Terms.CodesText}.");
            }
            else if ((seen & (1 << index)) == 0)
            {
                seen |= 1 << index;
                count++;
            }
        }

        return count;
    }

    private static string FixedFormula(decimal? amount, decimal? share, decimal? rate, decimal? cost, decimal? exact, decimal? target)
    {
        if (exact is not { } e || amount is not { } a || share is not { } m || rate is not { } r || cost is not { } c)
        {
            return GenericFormula;
        }

        return target is { } t
            ? string.Create(FrenchNumbers.Format,
                $"{Euros.Format(a)} × {m * 100:#,##0.##}{U}% × {r * 100:#,##0.##}{U}% ÷ {Euros.Format(c)}/h = {e:N2}{U}h → {t:N0}{U}h")
            : string.Create(FrenchNumbers.Format,
                $"{Euros.Format(a)} × {m * 100:#,##0.##}{U}% × {r * 100:#,##0.##}{U}% ÷ {Euros.Format(c)}/h = {e:N2}{U}h");
    }

    private static string PercentFormula(decimal? rate, decimal? declared, decimal? exact, decimal? target)
    {
        if (rate is not { } r)
        {
            return GenericPercentFormula;
        }

        if (exact is { } e && declared is { } d)
        {
            return target is { } t
                ? string.Create(FrenchNumbers.Format,
                    $"{r * 100:#,##0.##}{U}% des heures travaillées sur le lot : {d:N2}{U}h déclarées × {r * 100:#,##0.##}{U}% = {e:N2}{U}h → {t:N0}{U}h")
                : string.Create(FrenchNumbers.Format,
                    $"{r * 100:#,##0.##}{U}% des heures travaillées sur le lot : {d:N2}{U}h déclarées × {r * 100:#,##0.##}{U}% = {e:N2}{U}h");
        }

        return string.Create(FrenchNumbers.Format, $"{r * 100:#,##0.##}{U}% des heures travaillées sur le lot");
    }
}
