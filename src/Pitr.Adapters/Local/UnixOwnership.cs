using System.Runtime.InteropServices;

namespace Pitr.Adapters.Local;

/// <summary>
/// Who owns a file, set with <c>chown(2)</c> and looked up in the user database (<c>getpwnam(3)</c>, so users from
/// LDAP and the like count too): handing a file over is a system call, not a process of its own.
/// </summary>
internal static partial class UnixOwnership
{
    /// <summary>The user id and login group of <paramref name="user"/>, as <c>chown user:</c> sets them.</summary>
    public static (uint User, uint Group) Of(string user)
    {
        var entry = GetPasswordEntry(user);
        if (entry == 0)
        {
            throw new InvalidOperationException($"There is no operating-system user '{user}' to run PostgreSQL as (Local:OsUser).");
        }

        // struct passwd begins with two pointers (pw_name, pw_passwd), then pw_uid and pw_gid.
        return ((uint)Marshal.ReadInt32(entry, 2 * IntPtr.Size), (uint)Marshal.ReadInt32(entry, (2 * IntPtr.Size) + sizeof(uint)));
    }

    public static void Give(string path, (uint User, uint Group) owner)
    {
        if (ChangeOwner(path, owner.User, owner.Group) != 0)
        {
            throw new IOException($"Could not hand {path} to user {owner.User}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetPasswordEntry(string name);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChangeOwner(string path, uint owner, uint group);
}
