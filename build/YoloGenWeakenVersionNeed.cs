using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

// Marks one symbol-version need of an ELF shared library weak, so the dynamic loader accepts a system
// library that lacks that version. Applied only when the system libstdc++ lacks the version.
public class YoloGenWeakenVersionNeed : Task
{
    [Required] public ITaskItem[] Libraries { get; set; }
    [Required] public string VersionName { get; set; }

    const ushort VerFlagWeak = 2;
    const uint ShtGnuVerneed = 0x6ffffffe;

    static readonly string[] SystemLibstdcxx =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    public override bool Execute()
    {
        string system = Array.Find(SystemLibstdcxx, File.Exists);
        if (system == null)
        {
            Log.LogMessage(MessageImportance.Low, "YoloGen: no system libstdc++ found; TorchSharp native library left as is.");
            return true;
        }
        byte[] needle = Encoding.ASCII.GetBytes(VersionName + "\0");
        if (IndexOf(File.ReadAllBytes(system), needle) >= 0)
        {
            Log.LogMessage(MessageImportance.Low, "YoloGen: " + system + " provides " + VersionName + "; no patch needed.");
            return true;
        }
        foreach (ITaskItem item in Libraries)
        {
            string path = item.GetMetadata("FullPath");
            byte[] elf = File.ReadAllBytes(path);
            int result = Weaken(elf, VersionName);
            if (result < 0)
            {
                Log.LogWarning("YoloGen: " + path + " has no readable version-need table; left unchanged.");
                continue;
            }
            if (result == 0) continue; // already weak, or not needed at all
            string tmp = path + ".yologen-tmp";
            File.WriteAllBytes(tmp, elf);
            File.Delete(path); // unlink, then rename: never writes through a hard link into the package cache
            File.Move(tmp, path);
            Log.LogMessage(MessageImportance.High, "YoloGen: " + system + " lacks " + VersionName +
                "; marked that need weak in " + path);
        }
        return true;
    }

    static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }

    // Returns 1 when a flag was set, 0 when nothing needed changing, -1 when the file is not understood.
    static int Weaken(byte[] f, string version)
    {
        if (f.Length < 64 || f[0] != 0x7f || f[1] != (byte)'E' || f[2] != (byte)'L' || f[3] != (byte)'F') return -1;
        if (f[4] != 2 || f[5] != 1) return -1; // ELFCLASS64, little-endian
        long shoff = (long)BitConverter.ToUInt64(f, 0x28);
        int shentsize = BitConverter.ToUInt16(f, 0x3a);
        int shnum = BitConverter.ToUInt16(f, 0x3c);
        for (int s = 0; s < shnum; s++)
        {
            long sh = shoff + (long)s * shentsize;
            if (sh + 64 > f.Length) return -1;
            if (BitConverter.ToUInt32(f, (int)sh + 4) != ShtGnuVerneed) continue;
            long offset = (long)BitConverter.ToUInt64(f, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(f, (int)sh + 0x28);
            long strtab = (long)BitConverter.ToUInt64(f, (int)(shoff + (long)link * shentsize) + 0x18);
            long need = offset;
            while (true)
            {
                int count = BitConverter.ToUInt16(f, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(f, (int)need + 8);
                for (int a = 0; a < count; a++)
                {
                    long nameAt = strtab + BitConverter.ToUInt32(f, (int)aux + 8);
                    int end = (int)nameAt;
                    while (f[end] != 0) end++;
                    string name = Encoding.ASCII.GetString(f, (int)nameAt, end - (int)nameAt);
                    if (name == version)
                    {
                        ushort flags = BitConverter.ToUInt16(f, (int)aux + 4);
                        if ((flags & VerFlagWeak) != 0) return 0;
                        flags |= VerFlagWeak;
                        f[aux + 4] = (byte)flags;
                        f[aux + 5] = (byte)(flags >> 8);
                        return 1;
                    }
                    uint nextAux = BitConverter.ToUInt32(f, (int)aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = BitConverter.ToUInt32(f, (int)need + 12);
                if (next == 0) break;
                need += next;
            }
            return 0;
        }
        return -1;
    }
}
