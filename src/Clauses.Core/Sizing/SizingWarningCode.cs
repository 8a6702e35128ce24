namespace Clauses.Core.Sizing;

/// <summary>Stable codes of <see cref="SizingWarning"/> (stored in clauses.warnings).</summary>
public static class SizingWarningCode
{
    /// <summary>No quantified volume (R7).</summary>
    public const string VolumeAbsent = "volume_absent";

    /// <summary>Rate below 5 % or above 20 % (R4).</summary>
    public const string TauxHorsPlage = "taux_hors_plage";

    /// <summary>Rate below the preset's minimum (R5, R6).</summary>
    public const string TauxInferieurPreset = "taux_inferieur_preset";

    /// <summary>Labour share taken from an unvalidated default (R3).</summary>
    public const string PartMoAValider = "part_mo_a_valider";

    /// <summary>Labour share below 50 % (R4, State 2008 rule; informational).</summary>
    public const string PartMoInferieure50 = "part_mo_inferieure_50";

    /// <summary>Target below 150 hours (DOMAIN §3).</summary>
    public const string VolumeInferieur150h = "volume_inferieur_150h";

    /// <summary>Exactly one fulfilment modality allowed (R8).</summary>
    public const string ModaliteUnique = "modalite_unique";

    /// <summary>No fulfilment modality allowed (R8).</summary>
    public const string AucuneModalite = "aucune_modalite";
}
