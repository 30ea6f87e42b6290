using System.Globalization;

namespace Pitr.Adapters.Local;

/// <summary>A WAL segment file name: 8 hex digits of timeline, then 16 of position.</summary>
internal readonly record struct WalSegment(int Timeline, ulong Number, string Name)
{
    public static WalSegment? Parse(string fileName) =>
        fileName.Length == 24 && fileName.All(char.IsAsciiHexDigit)
            ? new WalSegment(
                int.Parse(fileName[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(fileName[8..], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                fileName)
            : null;
}
