using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clauses.Api.Demo;

/// <summary>Deterministic identifiers for the demo: name-based UUIDs and Luhn-valid SIRET numbers.</summary>
internal static class DemoIds
{
    /// <summary>A UUID (RFC 9562 version 8, name-based on SHA-256) that only depends on <paramref name="name"/>.</summary>
    public static Guid FromName(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("clauses-demo/" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>SHA-256 of a text, used as the demo's Excel file hashes.</summary>
    public static byte[] Sha256(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}

/// <summary>SIRET = SIREN (8 digits + Luhn digit) + NIC (4 digits + a digit making the 14 digits Luhn-valid).</summary>
internal sealed class SiretFactory(Random rng)
{
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);

    /// <summary>A new unique SIRET whose SIREN starts with <paramref name="firstDigit"/> (2 for public bodies).</summary>
    public string Next(char firstDigit)
    {
        while (true)
        {
            var siren8 = firstDigit + Digits(7);
            var siren = siren8 + LuhnCheckDigit(siren8);
            var nic4 = "000" + rng.Next(1, 10).ToString(CultureInfo.InvariantCulture);
            var siret13 = siren + nic4;
            var siret = siret13 + LuhnCheckDigit(siret13);
            if (_issued.Add(siret))
            {
                return siret;
            }
        }
    }

    private string Digits(int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + rng.Next(10));
        }
        return new string(chars);
    }

    /// <summary>The digit to append to <paramref name="payload"/> so that the whole number passes the Luhn check.</summary>
    public static char LuhnCheckDigit(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var digit = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    public static bool IsLuhnValid(string number) =>
        number.Length > 1 && LuhnCheckDigit(number[..^1]) == number[^1];
}
