using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// TorchSharp's libLibTorchSharp.so declares that it needs a libstdc++ version (GLIBCXX_3.4.32, GCC 13) for
/// a single symbol it never calls. Where the system's libstdc++ lacks that version the library refuses to
/// load. Marking that one version-need entry weak (VER_FLG_WEAK in .gnu.version_r) lets the loader accept it.
/// The system is checked first: where the version exists, the file is left untouched.
/// </summary>
public class WeakenGlibcxxRequirement : Task
{
    private const uint VersionNeedSectionType = 0x6ffffffe;
    private const ushort WeakVersionFlag = 0x2;

    [Required] public string LibraryPath { get; set; } = "";
    [Required] public string Version { get; set; } = "";

    private static readonly string[] SystemLibraries =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    public override bool Execute()
    {
        if (!File.Exists(LibraryPath)) return true;
        var system = SystemLibraries.FirstOrDefault(File.Exists);
        if (system == null)
        {
            Log.LogWarning($"No system libstdc++ found; {Path.GetFileName(LibraryPath)} left as it is.");
            return true;
        }
        if (Contains(File.ReadAllBytes(system), Encoding.ASCII.GetBytes(Version + "\0"))) return true;

        var bytes = File.ReadAllBytes(LibraryPath);
        string outcome = Weaken(bytes, Version);
        if (outcome == "weakened")
        {
            var temporary = LibraryPath + ".patching";
            File.WriteAllBytes(temporary, bytes);
            File.Replace(temporary, LibraryPath, null);
            Log.LogMessage(MessageImportance.High,
                $"{Path.GetFileName(LibraryPath)}: marked its need for {Version} weak ({system} lacks it).");
        }
        else if (outcome != "already weak")
        {
            Log.LogError($"{LibraryPath}: cannot weaken {Version}: {outcome}.");
        }
        return !Log.HasLoggedErrors;
    }

    private static string Weaken(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F' || elf[4] != 2 || elf[5] != 1)
            return "not a 64-bit little-endian ELF file";
        var sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        for (var section = 0; section < sectionCount; section++)
        {
            var header = sectionTable + section * entrySize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != VersionNeedSectionType) continue;
            var needs = BitConverter.ToUInt64(elf, (int)header + 24);
            var stringSection = BitConverter.ToUInt32(elf, (int)header + 40);
            var needCount = BitConverter.ToUInt32(elf, (int)header + 44);
            var strings = (long)BitConverter.ToUInt64(elf, (int)(sectionTable + stringSection * entrySize + 24));

            var need = (long)needs;
            for (var n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                var aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadString(elf, strings + BitConverter.ToUInt32(elf, (int)aux + 8));
                    if (name == version)
                    {
                        var flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        if ((flags & WeakVersionFlag) != 0) return "already weak";
                        BitConverter.GetBytes((ushort)(flags | WeakVersionFlag)).CopyTo(elf, (int)aux + 4);
                        return "weakened";
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(elf, (int)need + 12);
            }
        }
        return "the library declares no need for that version";
    }

    private static string ReadString(byte[] bytes, long offset)
    {
        var end = Array.IndexOf(bytes, (byte)0, (int)offset);
        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var start = Array.IndexOf(haystack, needle[0]); start >= 0 && start <= haystack.Length - needle.Length;
             start = Array.IndexOf(haystack, needle[0], start + 1))
        {
            var matched = 1;
            while (matched < needle.Length && haystack[start + matched] == needle[matched]) matched++;
            if (matched == needle.Length) return true;
        }
        return false;
    }
}
